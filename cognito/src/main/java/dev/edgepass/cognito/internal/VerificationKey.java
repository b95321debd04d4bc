package dev.edgepass.cognito.internal;

import dev.edgepass.core.internal.Jca;
import dev.edgepass.core.internal.Redaction;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Objects;

/**
 * One usable signing key from a JWKS: its id, its {@code alg}, and the RSA public key, converted
 * once to each provider that verifies with it.
 *
 * <p>Thread-safe.
 */
public final class VerificationKey {

    private final String kid;
    private final String algorithm;
    private final PublicKey publicKey;
    private final Provider keyProvider;
    // The key for one other provider: the one a verifier moved to when ACCP finished loading.
    private volatile Converted converted;

    /**
     * Creates a key.
     *
     * @param kid         the key id
     * @param algorithm   the JWK's {@code alg}, or null when the JWK does not name one
     * @param publicKey   the RSA public key, already converted for {@code keyProvider}
     * @param keyProvider the provider {@code publicKey} belongs to, null for the JDK default
     */
    public VerificationKey(String kid, String algorithm, PublicKey publicKey, Provider keyProvider) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.algorithm = algorithm;
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.keyProvider = keyProvider;
    }

    /**
     * Returns the key id.
     *
     * @return the kid
     */
    public String kid() {
        return kid;
    }

    /**
     * Returns the JWK's {@code alg}.
     *
     * @return the algorithm, or null when the JWK names none
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * Returns the key as parsed: the same object for the key's whole life, so it can name the key.
     *
     * @return the public key
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Returns the key converted to {@code provider}'s own key object, converting it the first
     * time only. A key the provider cannot convert is returned as it is; the provider then
     * converts it itself on each use, slower but with the same result.
     *
     * @param provider the provider, null for the JDK default
     * @return the key for that provider
     */
    public PublicKey publicKeyFor(Provider provider) {
        if (provider == keyProvider) {
            return publicKey;
        }
        Converted c = converted;
        if (c != null && c.provider == provider) {
            return c.key;
        }
        synchronized (this) {
            c = converted;
            if (c == null || c.provider != provider) {
                PublicKey key;
                try {
                    key = Jca.translate(publicKey, provider);
                } catch (IllegalArgumentException e) {
                    key = publicKey;
                }
                c = new Converted(provider, key);
                converted = c;
            }
            return c.key;
        }
    }

    /** Names the key id and algorithm, never the key. */
    @Override
    public String toString() {
        return "VerificationKey[kid=" + Redaction.quote(kid) + ", alg=" + algorithm + "]";
    }

    private record Converted(Provider provider, PublicKey key) {}
}
