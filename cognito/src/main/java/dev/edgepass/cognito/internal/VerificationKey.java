package dev.edgepass.cognito.internal;

import java.security.PublicKey;
import java.util.Objects;

/**
 * One usable signing key from a JWKS, already translated to the verifying provider's own key
 * object.
 *
 * @param kid       the key id
 * @param algorithm the JWK's {@code alg}, or null when the JWK does not name one
 * @param publicKey the RSA public key, translated once for the provider
 */
public record VerificationKey(String kid, String algorithm, PublicKey publicKey) {

    /**
     * Checks the components.
     *
     * @param kid       the key id
     * @param algorithm the JWK's {@code alg}, or null
     * @param publicKey the translated public key
     */
    public VerificationKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Names the key id and algorithm, never the key. */
    @Override
    public String toString() {
        return "VerificationKey[kid=" + dev.edgepass.core.internal.Redaction.quote(kid) + ", alg=" + algorithm + "]";
    }
}
