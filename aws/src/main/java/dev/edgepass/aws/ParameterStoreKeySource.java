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
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;

/**
 * Reads a CloudFront signing key from an AWS Systems Manager Parameter Store parameter with the AWS
 * SDK for Java v2 ({@code GetParameter} with decryption, so a {@code SecureString} works).
 *
 * <p>The parameter's value holds JSON with the key pair id and PEM private key (see
 * {@link SecretFormat}); a standard parameter holds up to 4 KB, enough for an RSA-2048 or EC key in
 * JSON, while RSA-4096 needs an advanced parameter. Each {@link #load()} is one call, bounded by
 * the client's timeouts. Wrap the source in a {@link RefreshingKeySource} for rotation.
 *
 * <pre>{@code
 * ParameterStoreKeySource source = ParameterStoreKeySource.builder()
 *         .client(SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build())
 *         .name("/edgepass/cloudfront-signing-key")
 *         .build();
 * }</pre>
 *
 * <p>Failures are {@link KeySourceException}s: {@code ParameterNotFound} gives {@code NOT_FOUND};
 * {@code AccessDeniedException} and a refused signature {@code ACCESS_DENIED}; throttling, 5xx and
 * network faults {@code UNAVAILABLE}; the client's timeouts {@code TIMEOUT}; other service errors
 * (such as {@code InvalidKeyId} for a KMS key that cannot decrypt) {@code REJECTED}; and the value's
 * own problems those of {@link SecretFormat#parse}. Messages never carry the value.
 *
 * <p>Immutable and thread-safe (the SDK client is).
 */
public final class ParameterStoreKeySource implements SigningKeySource {

    private final SsmClient client;
    private final String name;
    private final SecretFormat format;
    private final String description;

    private ParameterStoreKeySource(Builder b) {
        this.client = b.client;
        this.name = b.name;
        this.format = b.format;
        this.description = "SSM parameter " + quote(name);
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
        GetParameterResponse response;
        try {
            response = client.getParameter(r -> r.name(name).withDecryption(true));
        } catch (SdkException e) {
            throw AwsFailures.keySourceFailure(e, description, "GetParameter");
        }
        if (response.parameter() == null || response.parameter().value() == null) {
            throw new KeySourceException(Reason.MALFORMED_RESPONSE, description + ": GetParameter answered without a value");
        }
        return format.parse(response.parameter().value(), description);
    }

    @Override
    public String description() {
        return description;
    }

    /** Returns the description; never the value. */
    @Override
    public String toString() {
        return "ParameterStoreKeySource[" + description + ", " + format + "]";
    }

    /**
     * Builds a {@link ParameterStoreKeySource}. Default format {@link SecretFormat#json()}.
     *
     * <p>Not thread-safe; the built source is.
     */
    public static final class Builder {
        private SsmClient client;
        private String name;
        private SecretFormat format = SecretFormat.json();

        private Builder() {}

        /**
         * Sets the SDK client (required). Its region, credentials, HTTP client and timeouts apply.
         *
         * @param client the client
         * @return this builder
         * @throws NullPointerException if {@code client} is null
         */
        public Builder client(SsmClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the parameter's name or ARN (required), such as {@code /edgepass/cloudfront-signing-key}.
         *
         * @param name 1-2048 characters
         * @return this builder
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if it is blank or too long
         */
        public Builder name(String name) {
            this.name = AwsNames.require(name, "name");
            return this;
        }

        /**
         * Sets how the parameter holds the key (default {@link SecretFormat#json()}).
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
         * @throws IllegalStateException if the client or name is missing
         */
        public ParameterStoreKeySource build() {
            if (client == null) {
                throw new IllegalStateException("client is required");
            }
            if (name == null) {
                throw new IllegalStateException("name is required");
            }
            return new ParameterStoreKeySource(this);
        }
    }
}
