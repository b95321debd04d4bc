package dev.edgepass.core.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/**
 * JCA look-ups against an explicit provider, where {@code null} means the JDK default. Nothing
 * here touches {@link java.security.Security}'s provider list.
 */
public final class Jca {

    private Jca() {}

    /** Returns a new {@link Signature} for {@code algorithm} from {@code provider}. */
    public static Signature signature(String algorithm, Provider provider) {
        try {
            return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available from "
                    + (provider == null ? "the JDK" : provider.getName()), e);
        }
    }

    /**
     * Converts a private key once to {@code provider}'s own key object, so that the provider does
     * not convert it again on every signature (ACCP pays 1.4-2.8x per operation for a foreign key).
     */
    public static PrivateKey translate(PrivateKey key, Provider provider) {
        try {
            return (PrivateKey) keyFactory(key.getAlgorithm(), provider).translateKey(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(key.getAlgorithm() + " private key cannot be used with "
                    + (provider == null ? "the JDK" : provider.getName()), e);
        }
    }

    /** Converts a public key once to {@code provider}'s own key object. */
    public static PublicKey translate(PublicKey key, Provider provider) {
        try {
            return (PublicKey) keyFactory(key.getAlgorithm(), provider).translateKey(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(key.getAlgorithm() + " public key cannot be used with "
                    + (provider == null ? "the JDK" : provider.getName()), e);
        }
    }

    private static KeyFactory keyFactory(String algorithm, Provider provider) {
        try {
            return provider == null ? KeyFactory.getInstance(algorithm) : KeyFactory.getInstance(algorithm, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " key factory is not available from "
                    + (provider == null ? "the JDK" : provider.getName()), e);
        }
    }
}
