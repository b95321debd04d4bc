package dev.edgepass.core;

import java.util.Objects;

/**
 * Thrown when key material cannot be used: it is not PEM or DER, is of a type edgepass does not
 * accept, is encrypted, is damaged, or is too weak.
 *
 * <p>The message says what was found and what is accepted. It never contains key bytes or PEM
 * bodies; at most a PEM header label, cut to 100 characters with control characters escaped.
 * Callers can {@code switch} on {@link #reason()}.
 *
 * <pre>{@code
 * try {
 *     PrivateKey key = PemKeys.privateKey(pem);
 * } catch (KeyFormatException e) {
 *     if (e.reason() == KeyFormatException.Reason.ENCRYPTED) {
 *         // decrypt it first: openssl pkey -in key.pem -out plain.pem
 *     }
 * }
 * }</pre>
 */
public final class KeyFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why key material was refused. */
    public enum Reason {
        /** The input is empty or has no PEM block and is not DER either. */
        NOT_PEM,
        /** The PEM or DER structure is damaged: bad base64, truncated, or invalid ASN.1. */
        MALFORMED,
        /** A well-formed block of a kind that is not accepted here, such as a certificate, or a
         *  public key where a private key was asked for. */
        UNSUPPORTED_TYPE,
        /** The key is encrypted; edgepass takes no passwords, so decrypt it first. */
        ENCRYPTED,
        /** A key algorithm other than RSA or EC (for example DSA or Ed25519). */
        UNSUPPORTED_ALGORITHM,
        /** An RSA key under 2048 bits. */
        KEY_TOO_SMALL,
        /** An EC key on a curve other than P-256 (secp256r1), the only one CloudFront accepts. */
        UNSUPPORTED_CURVE
    }

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason  machine-readable reason
     * @param message what was found and what is accepted; must not contain key material
     */
    public KeyFormatException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason  machine-readable reason
     * @param message what was found and what is accepted; must not contain key material
     * @param cause   the parser's exception, kept for diagnosis, may be null
     */
    public KeyFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns why the key was refused. */
    public Reason reason() {
        return reason;
    }
}
