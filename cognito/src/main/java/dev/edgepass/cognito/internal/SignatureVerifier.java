package dev.edgepass.cognito.internal;

import dev.edgepass.core.internal.Jca;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.ProviderSwitch;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Verifies RSA PKCS#1 v1.5 signatures (RS256, RS384, RS512) with one {@link Signature} per
 * thread, key and algorithm, initialised once and reused.
 *
 * <p>Until ACCP has loaded, a verifier built without a provider verifies with the JDK; its first
 * use after the load moves it to ACCP, once (see {@link ProviderChoice}).
 *
 * <p>Thread-safe: each thread uses its own {@code Signature} objects.
 */
public final class SignatureVerifier {

    private static final String[] JWS = {"RS256", "RS384", "RS512"};
    private static final String[] JCA = {"SHA256withRSA", "SHA384withRSA", "SHA512withRSA"};

    // Keys rotate rarely; a thread that has seen more than this many drops its Signatures and starts over.
    private static final int MAX_KEYS_PER_THREAD = 16;

    private final ProviderSwitch<Engine> engines;

    /**
     * Creates a verifier.
     *
     * @param choice the provider choice
     */
    public SignatureVerifier(ProviderChoice choice) {
        this.engines = new Engines(new Engine(choice));
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
     * Returns the name of the provider verifying now.
     *
     * @return the provider name
     */
    public String providerName() {
        return engines.current().choice.providerName();
    }

    /**
     * Returns whether {@code signature} is a valid signature over {@code data[0, length)}.
     *
     * @param algorithmIndex from {@link #indexOf(String)}
     * @param key            the key
     * @param data           holds the signing input from index 0
     * @param length         length of the signing input
     * @param signature      holds the decoded signature
     * @param signatureOffset where the signature starts in {@code signature}
     * @param signatureLength how many bytes the signature has
     * @return true when valid; false when invalid or malformed (wrong length)
     */
    public boolean verify(int algorithmIndex, VerificationKey key, byte[] data, int length, byte[] signature,
            int signatureOffset, int signatureLength) {
        Engine e = engines.engine();
        Map<PublicKey, Signature[]> byKey = e.get();
        Signature[] forKey = byKey.get(key.publicKey());
        if (forKey == null) {
            if (byKey.size() >= MAX_KEYS_PER_THREAD) {
                byKey.clear();
            }
            forKey = new Signature[JWS.length];
            byKey.put(key.publicKey(), forKey);
        }
        Signature sig = forKey[algorithmIndex];
        try {
            if (sig == null) {
                // One Signature per key, initialised once. ACCP 2.5.0 destroys the previous key's
                // native handle when a Signature is re-initialised with another key, so a later
                // verify with that key fails ("Key has been destroyed"); skipping initVerify is
                // also cheaper.
                sig = Jca.signature(JCA[algorithmIndex], e.choice.provider());
                sig.initVerify(key.publicKeyFor(e.choice.provider()));
                forKey[algorithmIndex] = sig;
            }
            sig.update(data, 0, length);
            return sig.verify(signature, signatureOffset, signatureLength);
        } catch (SignatureException | InvalidKeyException | RuntimeException ex) {
            // A Signature left mid-operation by a failure must not be reused.
            forKey[algorithmIndex] = null;
            return false;
        }
    }

    /** Each thread's {@code Signature} objects for one provider, by key (identity) and algorithm. */
    private static final class Engine extends ThreadLocal<Map<PublicKey, Signature[]>> implements ProviderSwitch.BuiltFor {
        final ProviderChoice choice;

        Engine(ProviderChoice choice) {
            this.choice = choice;
        }

        @Override
        public ProviderChoice choice() {
            return choice;
        }

        @Override
        protected Map<PublicKey, Signature[]> initialValue() {
            return new IdentityHashMap<>();
        }
    }

    /** Moves to the engine for ACCP once it has loaded; keys convert lazily, so building one cannot fail. */
    private static final class Engines extends ProviderSwitch<Engine> {
        Engines(Engine first) {
            super(first);
        }

        @Override
        protected Engine engineFor(ProviderChoice settled) {
            return new Engine(settled);
        }
    }
}
