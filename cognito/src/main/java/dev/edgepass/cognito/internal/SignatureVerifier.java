package dev.edgepass.cognito.internal;

import dev.edgepass.core.internal.Jca;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Verifies RSA PKCS#1 v1.5 signatures (RS256, RS384, RS512) with one {@link Signature} per
 * thread and algorithm, re-initialised only when the key changes.
 *
 * <p>Thread-safe: each thread uses its own {@code Signature} objects.
 */
public final class SignatureVerifier {

    private static final String[] JWS = {"RS256", "RS384", "RS512"};
    private static final String[] JCA = {"SHA256withRSA", "SHA384withRSA", "SHA512withRSA"};

    private final Provider provider;
    private final ThreadLocal<PerThread> perThread;

    /**
     * Creates a verifier.
     *
     * @param provider the provider, null for the JDK default
     */
    public SignatureVerifier(Provider provider) {
        this.provider = provider;
        this.perThread = ThreadLocal.withInitial(PerThread::new);
    }

    /**
     * Returns the index of a supported JWS algorithm name, or -1.
     *
     * @param jwsAlgorithm e.g. {@code RS256}
     * @return 0, 1, 2 for RS256, RS384, RS512; -1 otherwise
     */
    public static int indexOf(String jwsAlgorithm) {
        for (int i = 0; i < JWS.length; i++) {
            if (JWS[i].equals(jwsAlgorithm)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns whether {@code signature} is a valid signature over {@code data[0, length)}.
     *
     * @param algorithmIndex from {@link #indexOf(String)}
     * @return true when valid; false when invalid or malformed (wrong length)
     */
    public boolean verify(int algorithmIndex, PublicKey key, byte[] data, int length, byte[] signature) {
        PerThread state = perThread.get();
        Signature sig = state.signatures[algorithmIndex];
        if (sig == null) {
            sig = Jca.signature(JCA[algorithmIndex], provider);
            state.signatures[algorithmIndex] = sig;
            state.keys[algorithmIndex] = null;
        }
        try {
            if (state.keys[algorithmIndex] != key) {
                sig.initVerify(key);
                state.keys[algorithmIndex] = key;
            }
            sig.update(data, 0, length);
            return sig.verify(signature);
        } catch (SignatureException | InvalidKeyException | RuntimeException e) {
            // A Signature left mid-operation by a failure must not be reused.
            state.signatures[algorithmIndex] = null;
            state.keys[algorithmIndex] = null;
            return false;
        }
    }

    private static final class PerThread {
        final Signature[] signatures = new Signature[JWS.length];
        final PublicKey[] keys = new PublicKey[JWS.length];
    }
}
