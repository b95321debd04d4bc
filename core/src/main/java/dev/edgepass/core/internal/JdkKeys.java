package dev.edgepass.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Reads PKCS#8 and X.509 SubjectPublicKeyInfo DER with the JDK's own key factories, RSA then EC.
 * Returns null when neither accepts the bytes, so the caller can fall back to BouncyCastle.
 */
public final class JdkKeys {

    private static final String[] ALGORITHMS = {"RSA", "EC"};

    private JdkKeys() {}

    /** Returns the private key in {@code pkcs8}, or null. */
    public static PrivateKey privateKey(byte[] pkcs8) {
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return null;
    }

    /** Returns the public key in {@code spki}, or null. */
    public static PublicKey publicKey(byte[] spki) {
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm
            }
        }
        return null;
    }
}
