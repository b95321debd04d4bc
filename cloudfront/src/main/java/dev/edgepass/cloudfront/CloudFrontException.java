package dev.edgepass.cloudfront;

import java.util.Objects;

/**
 * Thrown when edgepass cannot produce a signed cookie or URL that CloudFront and browsers would
 * accept (the result would be too large, or the signature provider failed), or cannot read a
 * policy statement back ({@link PolicyStatement}).
 *
 * <p>The message gives the size found and the limit. It never contains a signature, a key, a
 * policy body or a cookie value. Caller mistakes (a null or malformed argument) are
 * {@link NullPointerException} or {@link IllegalArgumentException} instead.
 *
 * <pre>{@code
 * try {
 *     SignedCookies cookies = factory.create(policy);
 * } catch (CloudFrontException e) {
 *     if (e.reason() == CloudFrontException.Reason.COOKIE_TOO_LARGE) {
 *         // shorten the resource or drop the Domain attribute
 *     }
 * }
 * }</pre>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class CloudFrontException extends RuntimeException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why signing, or reading a policy back, failed. */
    public enum Reason {
        /** The policy statement, base64-encoded, is longer than any cookie or URL can carry. */
        POLICY_TOO_LARGE,
        /** A {@code Set-Cookie} header would exceed the 4096 bytes a browser keeps per cookie. */
        COOKIE_TOO_LARGE,
        /** A signed URL would exceed CloudFront's 8,192-byte URL limit. */
        URL_TOO_LONG,
        /** The JCA provider or the signing function failed to sign; the cause holds its exception. */
        SIGNING_FAILED,
        /** A remote signing function (such as AWS KMS) could not be reached, timed out or was
         *  throttled; a retry later may succeed. */
        SIGNER_UNAVAILABLE,
        /** A policy read back ({@link PolicyStatement}) is not CloudFront base64, not UTF-8, or not one statement CloudFront accepts. */
        MALFORMED_POLICY
    }

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason  machine-readable reason
     * @param message what was found and what is allowed; must not contain secrets
     */
    public CloudFrontException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason  machine-readable reason
     * @param message what was found and what is allowed; must not contain secrets
     * @param cause   the underlying exception, may be null
     */
    public CloudFrontException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns why signing or reading failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
