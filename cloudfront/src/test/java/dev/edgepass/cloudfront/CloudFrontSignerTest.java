package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.testing.Providers;
import dev.edgepass.cloudfront.testing.TestKeys;
import dev.edgepass.core.KeyFormatException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CloudFrontSignerTest {

    @TempDir
    static Path dir;
    static TestKeys rsa;

    @BeforeAll
    static void keys() {
        rsa = TestKeys.rsa(dir, "rsa");
    }

    private static Policy policy(int i) {
        return Policy.builder().resource("https://e.com/" + i + ".jpg").expiresAt(Instant.ofEpochSecond(1_800_000_000L + i)).build();
    }

    @ParameterizedTest
    @EnumSource(Providers.class)
    void sign_reusedPerThreadSignature_matchesFreshSigner(Providers provider) {
        CloudFrontSigner reused = provider.apply(CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())).build();

        for (int i = 0; i < 20; i++) {
            CloudFrontSigner fresh = provider.apply(CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())).build();
            assertEquals(fresh.sign(policy(i)), reused.sign(policy(i)));
        }
    }

    @Test
    void sign_fromManyThreads_givesEachPolicyItsOwnSignature() throws Exception {
        CloudFrontSigner signer = CloudFrontSigner.of("K", rsa.privateKey());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            expected.add(signer.sign(policy(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                results.add(pool.submit(() -> signer.sign(policy(n))));
            }
            for (int i = 0; i < 64; i++) {
                assertEquals(expected.get(i), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void provider_explicitJdkProviderIsUsed() {
        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("K").privateKey(rsa.privateKey())
                .provider(Security.getProvider("SunRsaSign")).build();

        assertEquals("SunRsaSign", signer.providerName());
    }

    @Test
    void toString_namesKeyIdAndAlgorithmButNoKeyMaterial() {
        CloudFrontSigner signer = CloudFrontSigner.of("K2JCJMDEHXQW5F", rsa.privateKey(), HashAlgorithm.SHA256);

        assertTrue(signer.toString().contains("K2JCJMDEHXQW5F"));
        assertTrue(signer.toString().contains("RSA-2048"));
        assertFalse(signer.toString().contains("MII"));
    }

    static Stream<Arguments> mistakes() throws Exception {
        KeyPairGenerator weakRsa = KeyPairGenerator.getInstance("RSA");
        weakRsa.initialize(1024);
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(384);
        return Stream.of(
                Arguments.of("null key id", (Executable) () -> CloudFrontSigner.of(null, rsa.privateKey()), NullPointerException.class),
                Arguments.of("null key", (Executable) () -> CloudFrontSigner.of("K", null), NullPointerException.class),
                Arguments.of("null hash", (Executable) () -> CloudFrontSigner.of("K", rsa.privateKey(), null),
                        NullPointerException.class),
                Arguments.of("empty key id", (Executable) () -> CloudFrontSigner.of("", rsa.privateKey()),
                        IllegalArgumentException.class),
                Arguments.of("key id with ;", (Executable) () -> CloudFrontSigner.of("K;x", rsa.privateKey()),
                        IllegalArgumentException.class),
                Arguments.of("RSA-1024", (Executable) () -> CloudFrontSigner.of("K", weakRsa.generateKeyPair().getPrivate()),
                        KeyFormatException.class),
                Arguments.of("Ed25519", (Executable) () -> CloudFrontSigner.of("K", ed.generateKeyPair().getPrivate()),
                        KeyFormatException.class),
                Arguments.of("EC P-384", (Executable) () -> CloudFrontSigner.of("K", p384.generateKeyPair().getPrivate()),
                        KeyFormatException.class),
                Arguments.of("null provider", (Executable) () -> CloudFrontSigner.builder().provider(null),
                        NullPointerException.class),
                Arguments.of("no key", (Executable) () -> CloudFrontSigner.builder().keyPairId("K").build(),
                        IllegalStateException.class),
                Arguments.of("no key id", (Executable) () -> CloudFrontSigner.builder().privateKey(rsa.privateKey()).build(),
                        IllegalStateException.class),
                Arguments.of("null policy", (Executable) () -> CloudFrontSigner.of("K", rsa.privateKey()).sign((Policy) null),
                        NullPointerException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void builder_rejectsMistakes(String name, Executable action, Class<? extends Throwable> expected) {
        assertThrows(expected, action);
    }
}
