package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.testing.CountingProvider;
import dev.edgepass.cloudfront.testing.TestKeys;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.ProviderLoad;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signers and validators built while the preferred provider is still loading: the JDK stands in,
 * the first use after the load moves to the loaded provider once, and nothing a caller sees changes.
 */
class ProviderSwitchTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dir;
    static TestKeys rsa;

    @BeforeAll
    static void keys() {
        rsa = TestKeys.rsa(dir, "rsa");
    }

    /** A provider load that finishes when the test says so. */
    private static final class Gate {
        final CountDownLatch release = new CountDownLatch(1);
        final ProviderLoad load;

        Gate(Provider outcome) {
            this.load = new ProviderLoad(() -> {
                release.await();
                return Optional.ofNullable(outcome);
            }, "test-loader");
        }

        ProviderChoice choice() {
            return ProviderChoice.whileLoading(load);
        }

        void finish() {
            release.countDown();
            load.await();
        }
    }

    private static Policy policy(int i) {
        return Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/" + i + "/*")
                .expiresAt(NOW.plusSeconds(3600 + i)).build();
    }

    private static byte[] jdkSignature(String algorithm, byte[] data) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(rsa.privateKey());
        signature.update(data);
        return signature.sign();
    }

    @Test
    void sign_acrossTheMoveToAccp_givesTheJdksSignatureBeforeAndAfter() throws Exception {
        Provider accp = SignatureProviders.accp().orElseThrow(() -> new AssertionError("ACCP is not healthy"));
        Gate gate = new Gate(accp);
        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("K2JCJMDEHXQW5F").privateKey(rsa.privateKey())
                .hashAlgorithm(HashAlgorithm.SHA256).providerChoice(gate.choice()).build();
        byte[] data = policy(1).toJson().getBytes(StandardCharsets.UTF_8);
        byte[] expected = jdkSignature("SHA256withRSA", data);

        byte[] before = signer.sign(data);
        String providerBefore = signer.providerName();
        gate.finish();
        byte[] after = signer.sign(data);

        assertEquals("JDK default (until ACCP has loaded)", providerBefore);
        assertEquals(accp.getName(), signer.providerName());
        assertArrayEquals(expected, before);
        assertArrayEquals(expected, after);
    }

    @Test
    void sign_firstSignatureLeavesTheLoadAlone_theSecondStartsIt() {
        Gate gate = new Gate(new CountingProvider());
        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())
                .providerChoice(gate.choice()).build();

        signer.sign(policy(0));
        boolean startedAfterFirst = gate.load.started();
        signer.sign(policy(1));

        assertFalse(startedAfterFirst);
        assertTrue(gate.load.started());
        gate.finish();
    }

    @Test
    void sign_untilTheLoadFinishes_staysWithTheJdk() {
        CountingProvider counting = new CountingProvider();
        Gate gate = new Gate(counting);
        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())
                .providerChoice(gate.choice()).build();

        for (int i = 0; i < 5; i++) {
            signer.sign(policy(i));
        }

        assertEquals(0, counting.keyConversions());
        assertEquals("JDK default (until ACCP has loaded)", signer.providerName());
    }

    @Test
    void sign_loadFindsNoProvider_settlesOnTheJdk() {
        Gate gate = new Gate(null);
        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())
                .providerChoice(gate.choice()).build();
        String before = signer.sign(policy(0));

        gate.finish();

        assertEquals(before, signer.sign(policy(0)));
        assertEquals("JDK default", signer.providerName());
    }

    @Test
    void sign_withProviderSet_usesExactlyThatProviderWhateverLoads() {
        CountingProvider counting = new CountingProvider();
        SignatureProviders.accp().orElseThrow(() -> new AssertionError("ACCP is not healthy"));

        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())
                .provider(counting).build();
        String signature = signer.sign(policy(0));

        assertEquals("EdgepassCounting", signer.providerName());
        assertEquals(1, counting.keyConversions());
        assertEquals(CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey()).jdkProvider().build()
                .sign(policy(0)), signature);
    }

    @Test
    void sign_manyThreadsAcrossTheMove_agreeAndConvertTheKeyOnce() throws Exception {
        CountingProvider counting = new CountingProvider();
        Gate gate = new Gate(counting);
        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())
                .providerChoice(gate.choice()).build();
        CloudFrontSigner reference = CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())
                .jdkProvider().build();
        int threads = 8;
        int rounds = 40;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            expected.add(reference.sign(policy(i)));
        }
        CyclicBarrier halfway = new CyclicBarrier(threads + 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> mismatches = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                mismatches.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < rounds; i++) {
                        if (i == rounds / 2) {
                            halfway.await(30, TimeUnit.SECONDS);
                        }
                        wrong += expected.get(i).equals(signer.sign(policy(i))) ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            halfway.await(30, TimeUnit.SECONDS);
            gate.finish();
            for (Future<Integer> m : mismatches) {
                assertEquals(0, m.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals("EdgepassCounting", signer.providerName());
        assertEquals(1, counting.keyConversions());
    }

    @Test
    void check_acrossTheMoveToAccp_allowsTheSameCookies() {
        Provider accp = SignatureProviders.accp().orElseThrow(() -> new AssertionError("ACCP is not healthy"));
        Gate gate = new Gate(accp);
        SignedRequestValidator validator = SignedRequestValidator.builder().trust("K2JCJMDEHXQW5F", rsa.publicKey())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).providerChoice(gate.choice()).build();
        SignedCookieFactory factory = SignedCookieFactory.builder()
                .signer(CloudFrontSigner.builder().keyPairId("K2JCJMDEHXQW5F").privateKey(rsa.privateKey())
                        .jdkProvider().build())
                .build();
        Map<String, String> cookies = factory.create(policy(7)).asMap();
        Map<String, String> forged = new HashMap<>(cookies);
        forged.put(SignedCookies.SIGNATURE, factory.create(policy(8)).asMap().get(SignedCookies.SIGNATURE));
        String url = "https://d111111abcdef8.cloudfront.net/private/7/index.html";

        Decision before = validator.checkCookies(url, cookies, "203.0.113.7");
        Decision forgedBefore = validator.checkCookies(url, forged, "203.0.113.7");
        String providerBefore = validator.toString();
        gate.finish();
        Decision after = validator.checkCookies(url, cookies, "203.0.113.7");
        Decision forgedAfter = validator.checkCookies(url, forged, "203.0.113.7");

        assertTrue(providerBefore.endsWith("provider=JDK default (until ACCP has loaded)]"), providerBefore);
        assertTrue(validator.toString().endsWith("provider=" + accp.getName() + "]"), validator.toString());
        assertSame(Decision.Reason.ALLOWED, before.reason());
        assertSame(Decision.Reason.ALLOWED, after.reason());
        assertSame(Decision.Reason.BAD_SIGNATURE, forgedBefore.reason());
        assertSame(Decision.Reason.BAD_SIGNATURE, forgedAfter.reason());
    }

    @Test
    void check_manyChecksAfterTheMove_convertEachTrustedKeyOnce() {
        CountingProvider counting = new CountingProvider();
        Gate gate = new Gate(counting);
        SignedRequestValidator validator = SignedRequestValidator.builder().trust("K1", rsa.publicKey())
                .trust("K2", rsa.publicKey()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .providerChoice(gate.choice()).build();
        SignedCookieFactory factory = SignedCookieFactory.builder()
                .signer(CloudFrontSigner.builder().keyPairId("K1").privateKey(rsa.privateKey()).jdkProvider().build())
                .build();
        Map<String, String> cookies = factory.create(policy(3)).asMap();
        String url = "https://d111111abcdef8.cloudfront.net/private/3/a.jpg";
        gate.finish();

        for (int i = 0; i < 10; i++) {
            assertSame(Decision.Reason.ALLOWED, validator.checkCookies(url, cookies, null).reason());
        }

        assertEquals(2, counting.keyConversions());
        assertTrue(validator.toString().contains("provider=EdgepassCounting"), validator.toString());
    }
}
