package dev.edgepass.core;

import dev.edgepass.core.internal.KeyPairIds;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.util.Objects;

/**
 * A CloudFront key pair id and the private key that belongs to it, kept together so that a key
 * rotation changes both at once.
 *
 * <pre>{@code
 * SigningKey key = new SigningKey("K2JCJMDEHXQW5F", PemKeys.privateKey(Path.of("private_key.pem")));
 * CloudFrontSigner signer = CloudFrontSigner.of(key.keyPairId(), key.privateKey());
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the key pair id, algorithm and size,
 * never key material.
 *
 * @param keyPairId  the CloudFront public key id (or legacy key pair id): 1-128 letters, digits,
 *                   {@code -} or {@code _}
 * @param privateKey an RSA key of at least 2048 bits or an EC P-256 key
 */
public record SigningKey(String keyPairId, PrivateKey privateKey) {

    /**
     * Checks both parts.
     *
     * @throws NullPointerException     if either is null
     * @throws IllegalArgumentException if {@code keyPairId} is not 1-128 letters, digits, {@code -} or {@code _}
     * @throws KeyFormatException       if the key is not RSA-2048+ or EC P-256
     */
    public SigningKey {
        KeyPairIds.require(keyPairId);
        Objects.requireNonNull(privateKey, "privateKey");
        PemKeys.requireSupported(privateKey);
    }

    /** Returns the key pair id, algorithm and size, such as {@code SigningKey[keyPairId=K2JCJMDEHXQW5F, RSA-2048]}. */
    @Override
    public String toString() {
        String size = privateKey instanceof RSAKey rsa ? Integer.toString(rsa.getModulus().bitLength()) : "P256";
        return "SigningKey[keyPairId=" + keyPairId + ", " + privateKey.getAlgorithm() + "-" + size + "]";
    }
}
