package dev.edgepass.cognito.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.ProviderLoad;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A verifier built while ACCP is still loading verifies with the JDK, moves to ACCP at its first
 * use after the load, and gives the same answers throughout.
 */
class SignatureVerifierTest {

    private static final int RS256 = SignatureVerifier.indexOf("RS256");
    private static final byte[] DATA = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9".getBytes(StandardCharsets.US_ASCII);

    static Provider accp;
    static KeyPair pair;
    static byte[] good;
    static byte[] bad;

    @BeforeAll
    static void setUp() throws Exception {
        accp = SignatureProviders.accp().orElseThrow(() -> new AssertionError("ACCP is not healthy"));
        pair = TestKeys.rsa("signature-verifier");
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update(DATA);
        good = signer.sign();
        bad = good.clone();
        bad[bad.length - 1] ^= 1;
    }

    /** A load of ACCP that finishes when the test says so. */
    private static final class Gate {
        final CountDownLatch release = new CountDownLatch(1);
        final ProviderLoad load = new ProviderLoad(() -> {
            release.await();
            return Optional.of(accp);
        }, "test-loader");

        void finish() {
            release.countDown();
            load.await();
        }
    }

    private static VerificationKey jdkKey() {
        return new VerificationKey("kid-1", "RS256", pair.getPublic(), null);
    }

    private static boolean verify(SignatureVerifier verifier, VerificationKey key, byte[] signature) {
        return verifier.verify(RS256, key, DATA, DATA.length, signature, 0, signature.length);
    }

    @Test
    void verify_acrossTheMoveToAccp_givesTheSameAnswers() {
        Gate gate = new Gate();
        SignatureVerifier verifier = new SignatureVerifier(ProviderChoice.whileLoading(gate.load));
        VerificationKey key = jdkKey();

        boolean goodBefore = verify(verifier, key, good);
        boolean badBefore = verify(verifier, key, bad);
        String providerBefore = verifier.providerName();
        gate.finish();
        boolean goodAfter = verify(verifier, key, good);
        boolean badAfter = verify(verifier, key, bad);

        assertEquals("JDK default (until ACCP has loaded)", providerBefore);
        assertEquals(accp.getName(), verifier.providerName());
        assertTrue(goodBefore);
        assertTrue(goodAfter);
        assertFalse(badBefore);
        assertFalse(badAfter);
    }

    @Test
    void verify_firstVerificationLeavesTheLoadAlone_theSecondStartsIt() {
        Gate gate = new Gate();
        SignatureVerifier verifier = new SignatureVerifier(ProviderChoice.whileLoading(gate.load));

        verify(verifier, jdkKey(), good);
        boolean startedAfterFirst = gate.load.started();
        verify(verifier, jdkKey(), good);

        assertFalse(startedAfterFirst);
        assertTrue(gate.load.started());
        gate.finish();
    }

    @Test
    void publicKeyFor_aProvider_convertsOnceAndKeepsIt() {
        VerificationKey key = jdkKey();

        PublicKey first = key.publicKeyFor(accp);

        assertSame(first, key.publicKeyFor(accp));
        assertNotSame(pair.getPublic(), first);
        assertSame(pair.getPublic(), key.publicKeyFor(null));
    }

    @Test
    void verify_withProviderSet_usesExactlyThatProvider() {
        Provider sunRsaSign = Security.getProvider("SunRsaSign");
        SignatureVerifier verifier = new SignatureVerifier(ProviderChoice.of(sunRsaSign));

        assertTrue(verify(verifier, jdkKey(), good));
        assertFalse(verify(verifier, jdkKey(), bad));
        assertEquals("SunRsaSign", verifier.providerName());
    }

    @Test
    void verify_manyThreadsAcrossTheMove_answerCorrectly() throws Exception {
        Gate gate = new Gate();
        SignatureVerifier verifier = new SignatureVerifier(ProviderChoice.whileLoading(gate.load));
        VerificationKey key = jdkKey();
        int threads = 8;
        int rounds = 200;
        CyclicBarrier halfway = new CyclicBarrier(threads + 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> wrongAnswers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                wrongAnswers.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < rounds; i++) {
                        if (i == rounds / 2) {
                            halfway.await(30, TimeUnit.SECONDS);
                        }
                        boolean expectGood = i % 3 != 0;
                        wrong += verify(verifier, key, expectGood ? good : bad) == expectGood ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            halfway.await(30, TimeUnit.SECONDS);
            gate.finish();
            for (Future<Integer> w : wrongAnswers) {
                assertEquals(0, w.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(accp.getName(), verifier.providerName());
    }
}
