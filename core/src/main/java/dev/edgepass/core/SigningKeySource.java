package dev.edgepass.core;

/**
 * Where a CloudFront signing key comes from: a PEM file, an environment variable, a class path
 * resource, AWS Secrets Manager or SSM Parameter Store (through the Lambda extension here, or the
 * AWS SDK in {@code edgepass-aws}), or anything else that yields a key pair id and a private key
 * together, so that a rotation changes both at once.
 *
 * <p>{@link #load()} fetches and parses once, every time it is called; wrap a source in a
 * {@link RefreshingKeySource} to load once and refresh on an interval. {@link SigningKeySources}
 * builds the sources edgepass ships.
 *
 * <pre>{@code
 * SigningKeySource source = SigningKeySources.secretsManagerExtension("prod/cloudfront-signing-key");
 * SigningKey key = source.load();   // {"keyPairId": "K2JCJMDEHXQW5F", "privateKey": "-----BEGIN ..."}
 * }</pre>
 *
 * <p>Implementations must be thread-safe, must throw only {@link KeySourceException} for a key they
 * cannot produce, and must never put the value they read into a message, a log line or
 * {@code toString()}.
 */
public interface SigningKeySource {

    /**
     * Fetches and parses the key once.
     *
     * @return the key pair id and private key
     * @throws KeySourceException if the source cannot be read or does not hold a usable key
     */
    SigningKey load();

    /**
     * Names the source for messages and logs, such as {@code Secrets Manager secret
     * 'prod/cloudfront-signing-key' (Lambda extension)}; never the value.
     *
     * @return the description
     */
    String description();
}
