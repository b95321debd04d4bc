package dev.edgepass.aws.internal;

import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.KeySourceException.Reason;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps an AWS SDK failure to a {@link KeySourceException} with the AWS error code and HTTP status,
 * never the service's message text (which may quote request content).
 */
public final class AwsFailures {

    private static final Set<String> NOT_FOUND = Set.of(
            "ResourceNotFoundException", "ParameterNotFound", "ParameterVersionNotFound", "NotFoundException");
    private static final Set<String> ACCESS_DENIED = Set.of(
            "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredTokenException", "MissingAuthenticationToken",
            "IncompleteSignature", "DecryptionFailure", "KMSAccessDeniedException");
    private static final Set<String> UNAVAILABLE = Set.of(
            "InternalServiceError", "InternalServerError", "KMSInternalException", "DependencyTimeoutException",
            "KeyUnavailableException", "ServiceUnavailable", "ServiceUnavailableException");

    private AwsFailures() {}

    /**
     * Returns the key-source failure for an SDK exception.
     *
     * @param e         the SDK's exception
     * @param source    names the secret, parameter or key
     * @param operation the API call, such as {@code GetSecretValue}
     * @return the exception to throw, with {@code e} as its cause
     */
    public static KeySourceException keySourceFailure(SdkException e, String source, String operation) {
        return new KeySourceException(reason(e), source + ": " + operation + " " + summary(e), e);
    }

    /**
     * Classifies an SDK exception.
     *
     * @param e the SDK's exception
     * @return {@code TIMEOUT}, {@code UNAVAILABLE}, {@code NOT_FOUND}, {@code ACCESS_DENIED} or {@code REJECTED}
     */
    public static Reason reason(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return Reason.TIMEOUT;
        }
        if (e instanceof AwsServiceException service) {
            String code = errorCode(service);
            if (NOT_FOUND.contains(code)) {
                return Reason.NOT_FOUND;
            }
            if (ACCESS_DENIED.contains(code)) {
                return Reason.ACCESS_DENIED;
            }
            if (service.isThrottlingException() || service.statusCode() >= 500 || UNAVAILABLE.contains(code)) {
                return Reason.UNAVAILABLE;
            }
            return Reason.REJECTED;
        }
        if (e instanceof SdkClientException) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                    return Reason.TIMEOUT;
                }
            }
        }
        return Reason.UNAVAILABLE;
    }

    /**
     * Describes an SDK failure by error code and HTTP status, or by exception class for a client
     * failure; never by the service's message.
     *
     * @param e the SDK's exception
     * @return such as {@code failed: ResourceNotFoundException (HTTP 400)}
     */
    public static String summary(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "timed out (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof AwsServiceException service) {
            return "failed: " + errorCode(service) + " (HTTP " + service.statusCode() + ")";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "could not reach the service (" + e.getClass().getSimpleName()
                + (root == e ? "" : ", caused by " + root.getClass().getSimpleName()) + ")";
    }

    private static String errorCode(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "unknown error" : code;
    }
}
