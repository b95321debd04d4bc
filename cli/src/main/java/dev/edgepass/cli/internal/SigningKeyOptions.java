package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.core.KeyFormatException;
import dev.edgepass.core.PemKeys;
import java.security.PrivateKey;
import picocli.CommandLine.Option;

/**
 * Where the signing key comes from, and the one place that loads it: {@code --private-key FILE} or
 * {@code --private-key-env VAR}, each with {@code --key-pair-id}.
 *
 * <p>Every signing command goes through {@link #signer(HashAlgorithm, Inputs)}, so a further key
 * source (AWS Secrets Manager, SSM Parameter Store, a KMS signing function, the Lambda extension)
 * is one more option here and one more branch in {@link #load(Inputs)}; nothing else changes.
 * Key material never appears in a message.
 */
public final class SigningKeyOptions {

    @Option(names = "--private-key", paramLabel = "FILE", description = "The private key PEM file (PKCS#8, PKCS#1 or"
            + " SEC1, as keygen or openssl writes it).")
    String privateKeyFile;

    @Option(names = "--private-key-env", paramLabel = "VAR", description = "Read the private key PEM from environment"
            + " variable VAR instead of a file.")
    String privateKeyEnv;

    @Option(names = "--key-pair-id", paramLabel = "ID", description = "The CloudFront public key id of that key, such as"
            + " K2JCJMDEHXQW5F (CloudFront > Key management > Public keys).")
    String keyPairId;

    /** A key and its CloudFront id, with where it came from for messages. */
    record SigningKey(String keyPairId, PrivateKey privateKey, String source) {}

    /**
     * Loads the key from the one source given.
     *
     * @throws UsageException if no source, two sources, no key id, or an unreadable or unusable key
     */
    SigningKey load(Inputs inputs) {
        if ((privateKeyFile == null) == (privateKeyEnv == null)) {
            throw new UsageException(privateKeyFile == null ? "no signing key: give --private-key FILE or --private-key-env VAR"
                    : "give one of --private-key and --private-key-env, not both");
        }
        if (keyPairId == null) {
            throw new UsageException("give --key-pair-id ID: the CloudFront public key id of the signing key");
        }
        String pem;
        String source;
        if (privateKeyFile != null) {
            source = "private key file " + Inputs.display(privateKeyFile);
            pem = inputs.text(privateKeyFile, "private key file", Inputs.MAX_KEY_BYTES);
        } else {
            source = "environment variable " + Text.quote(privateKeyEnv);
            pem = System.getenv(privateKeyEnv);
            if (pem == null || pem.isBlank()) {
                throw new UsageException(source + " is not set or empty");
            }
            if (pem.length() > Inputs.MAX_KEY_BYTES) {
                throw new UsageException(source + " is longer than " + Inputs.size(Inputs.MAX_KEY_BYTES));
            }
        }
        try {
            return new SigningKey(keyPairId, PemKeys.privateKey(pem), source);
        } catch (KeyFormatException e) {
            throw new UsageException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the key and builds a signer for it.
     *
     * @throws UsageException as {@link #load(Inputs)}, or if the key id is malformed
     */
    CloudFrontSigner signer(HashAlgorithm hash, Inputs inputs) {
        SigningKey key = load(inputs);
        try {
            return CloudFrontSigner.of(key.keyPairId(), key.privateKey(), hash);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key-pair-id: " + e.getMessage(), e);
        } catch (KeyFormatException e) {
            throw new UsageException(key.source() + ": " + e.getMessage(), e);
        }
    }
}
