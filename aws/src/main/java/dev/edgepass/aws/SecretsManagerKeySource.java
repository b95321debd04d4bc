package dev.edgepass.aws;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.aws.internal.AwsFailures;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.RefreshingKeySource;
import dev.edgepass.core.SecretFormat;
import dev.edgepass.core.SigningKey;
import dev.edgepass.core.SigningKeySource;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads a CloudFront signing key from an AWS Secrets Manager secret with the AWS SDK for Java v2
 * ({@code GetSecretValue}), for servers outside Lambda (inside Lambda, the Parameters and Secrets
 * extension source in {@code edgepass-core} needs no SDK).
 *
 * <p>The secret's {@code SecretString} holds JSON with the key pair id and PEM private key (see
 * {@link SecretFormat}), so a rotation changes both at once. Each {@link #load()} is one
 * {@code GetSecretValue} call, bounded by the client's own timeouts and retries: set
 * {@code apiCallTimeout} on the client. Wrap the source in a {@link RefreshingKeySource} to load
 * once and refresh on an interval.
 *
 * <pre>{@code
 * SecretsManagerClient client = SecretsManagerClient.builder()
 *         .httpClient(UrlConnectionHttpClient.create())
 *         .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(5)))
 *         .build();
 * SecretsManagerKeySource source = SecretsManagerKeySource.builder()
 *         .client(client)
 *         .secretId("prod/cloudfront-signing-key")
 *         .build();
 * RefreshingKeySource keys = RefreshingKeySource.builder(source).build();
 * }</pre>
 *
 * <p>Failures are {@link KeySourceException}s: {@code ResourceNotFoundException} gives
 * {@code NOT_FOUND}; {@code AccessDeniedException}, a refused signature and
 * {@code DecryptionFailure} (no {@code kms:Decrypt} on a customer managed key) {@code ACCESS_DENIED};
 * throttling, 5xx and network faults {@code UNAVAILABLE}; the client's timeouts {@code TIMEOUT};
 * other service errors (a deleted secret, an invalid request) {@code REJECTED}; a secret with only
 * {@code SecretBinary} {@code BINARY_SECRET}; and the value's own problems those of
 * {@link SecretFormat#parse}. Messages carry the AWS error code and status, never the value.
 *
 * <p>Immutable and thread-safe (the SDK client is).
 */
public final class SecretsManagerKeySource implements SigningKeySource {

    private final SecretsManagerClient client;
    private final String secretId;
    private final String versionStage;
    private final SecretFormat format;
    private final String description;

    private SecretsManagerKeySource(Builder b) {
        this.client = b.client;
        this.secretId = b.secretId;
        this.versionStage = b.versionStage;
        this.format = b.format;
        this.description = "Secrets Manager secret " + quote(secretId)
                + (versionStage == null ? "" : " (" + quote(versionStage) + ")");
    }

    /**
     * Starts a source.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SigningKey load() {
        GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(secretId);
        if (versionStage != null) {
            request.versionStage(versionStage);
        }
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request.build());
        } catch (SdkException e) {
            throw AwsFailures.keySourceFailure(e, description, "GetSecretValue");
        }
        String value = response.secretString();
        if (value == null) {
            if (response.secretBinary() != null) {
                throw new KeySourceException(Reason.BINARY_SECRET, description + " holds SecretBinary; store the key as a"
                        + " SecretString (JSON or PEM text)");
            }
            throw new KeySourceException(Reason.EMPTY_SECRET, description + " has no SecretString");
        }
        return format.parse(value, description);
    }

    @Override
    public String description() {
        return description;
    }

    /** Returns the description; never the value. */
    @Override
    public String toString() {
        return "SecretsManagerKeySource[" + description + ", " + format + "]";
    }

    /**
     * Builds a {@link SecretsManagerKeySource}. Defaults: the secret's current version
     * ({@code AWSCURRENT}), {@link SecretFormat#json()}.
     *
     * <p>Not thread-safe; the built source is.
     */
    public static final class Builder {
        private SecretsManagerClient client;
        private String secretId;
        private String versionStage;
        private SecretFormat format = SecretFormat.json();

        private Builder() {}

        /**
         * Sets the SDK client (required). Its region, credentials, HTTP client and timeouts apply.
         *
         * @param client the client
         * @return this builder
         * @throws NullPointerException if {@code client} is null
         */
        public Builder client(SecretsManagerClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the secret's name or ARN (required).
         *
         * @param secretId 1-2048 characters
         * @return this builder
         * @throws NullPointerException     if {@code secretId} is null
         * @throws IllegalArgumentException if it is blank or too long
         */
        public Builder secretId(String secretId) {
            this.secretId = AwsNames.require(secretId, "secretId");
            return this;
        }

        /**
         * Reads a version stage other than {@code AWSCURRENT}, such as {@code AWSPENDING} while testing a rotation.
         *
         * @param versionStage the stage label
         * @return this builder
         * @throws NullPointerException     if {@code versionStage} is null
         * @throws IllegalArgumentException if it is blank or too long
         */
        public Builder versionStage(String versionStage) {
            this.versionStage = AwsNames.require(versionStage, "versionStage");
            return this;
        }

        /**
         * Sets how the secret holds the key (default {@link SecretFormat#json()}).
         *
         * @param format the format
         * @return this builder
         * @throws NullPointerException if {@code format} is null
         */
        public Builder format(SecretFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Builds the source. Does no I/O.
         *
         * @return the source
         * @throws IllegalStateException if the client or secret id is missing
         */
        public SecretsManagerKeySource build() {
            if (client == null) {
                throw new IllegalStateException("client is required");
            }
            if (secretId == null) {
                throw new IllegalStateException("secretId is required");
            }
            return new SecretsManagerKeySource(this);
        }
    }
}
