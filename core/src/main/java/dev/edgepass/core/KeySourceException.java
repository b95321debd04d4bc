package dev.edgepass.core;

import java.util.Objects;

/**
 * Thrown when a {@link SigningKeySource} cannot produce a usable signing key: the secret, parameter,
 * file or variable is missing, unreadable, unreachable, or holds something that is not a CloudFront
 * key pair id and private key.
 *
 * <p>The message names the source (secret id, parameter name, file, variable, KMS key id) and, for
 * a malformed value, the field; it never contains the value, a key, a PEM body or a token. Callers
 * can {@code switch} on {@link #reason()}; {@link Reason#isTransient()} tells the failures that a
 * later retry may cure from those that need a change of configuration or of the secret.
 *
 * <pre>{@code
 * try {
 *     SigningKey key = source.load();
 * } catch (KeySourceException e) {
 *     if (e.reason() == KeySourceException.Reason.MISSING_FIELD) {
 *         // store {"keyPairId": "K...", "privateKey": "-----BEGIN ..."} in the secret
 *     }
 * }
 * }</pre>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class KeySourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why no key came from the source. */
    public enum Reason {
        /** The secret, parameter, file, variable, resource or KMS key does not exist. */
        NOT_FOUND(false),
        /** The caller may not read it: IAM denied the call, the Lambda extension refused the
         *  session token, the file is not readable, or the KMS key cannot be decrypted with. */
        ACCESS_DENIED(false),
        /** The source could not be reached, was throttled, answered with a server error, or (the
         *  Lambda extension) was not ready yet. A retry may succeed. */
        UNAVAILABLE(true),
        /** No complete answer within the configured deadline. A retry may succeed. */
        TIMEOUT(true),
        /** The source refused the request for another reason, such as an invalid name or a disabled
         *  or deleted secret or key. */
        REJECTED(false),
        /** The source answered 2xx with something its protocol does not allow (not JSON, no value). */
        MALFORMED_RESPONSE(false),
        /** The value is empty or only whitespace. */
        EMPTY_SECRET(false),
        /** The secret holds binary data ({@code SecretBinary}) instead of a string. */
        BINARY_SECRET(false),
        /** The value is neither a JSON object nor a PEM block, or is not valid JSON. */
        MALFORMED_SECRET(false),
        /** A JSON value lacks the key pair id or private key field, or the field is not a string; or
         *  a bare PEM came from a source configured without a key pair id. */
        MISSING_FIELD(false),
        /** The private key is not a usable key: not PEM, encrypted, weak, or of another type. The
         *  cause is the {@link KeyFormatException}. */
        BAD_KEY(false),
        /** The key pair id does not look like one CloudFront issues (upper-case letters and digits,
         *  such as {@code K2JCJMDEHXQW5F}). */
        BAD_KEY_PAIR_ID(false),
        /** A KMS key is not of the key spec or key usage it was configured with, or its public key
         *  does not match that spec. */
        WRONG_KEY_SPEC(false);

        private final boolean isTransient;

        Reason(boolean isTransient) {
            this.isTransient = isTransient;
        }

        /**
         * Returns whether a later retry may succeed without any change of configuration or secret.
         *
         * @return true for {@link #UNAVAILABLE} and {@link #TIMEOUT}
         */
        public boolean isTransient() {
            return isTransient;
        }
    }

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason  machine-readable reason
     * @param message names the source and, where it applies, the field; never the value
     */
    public KeySourceException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason  machine-readable reason
     * @param message names the source and, where it applies, the field; never the value
     * @param cause   the underlying exception, may be null
     */
    public KeySourceException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns why no key came from the source.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
