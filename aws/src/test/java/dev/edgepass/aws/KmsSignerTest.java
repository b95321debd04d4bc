package dev.edgepass.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.aws.testing.Clients;
import dev.edgepass.aws.testing.CookieOracle;
import dev.edgepass.cloudfront.CloudFrontException;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedCookies;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.testing.Keys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;

/** KmsSigner with a real SDK KmsClient against a KMS stand-in that really signs. */
class KmsSignerTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final KeyPair RSA_2048 = Keys.rsa(2048);
    static final KeyPair RSA_4096 = Keys.rsa(4096);
    static final KeyPair EC = Keys.ec();

    @TempDir
    static Path dir;
    static AwsStandIn aws;
    static KmsClient kms;

    @BeforeAll
    static void start() {
        aws = new AwsStandIn()
                .kmsKey("rsa-2048", RSA_2048, "RSA_2048")
                .kmsKey("rsa-4096", RSA_4096, "RSA_4096")
                .kmsKey("ec-p256", EC, "ECC_NIST_P256")
                .kmsKey("claims-2048-is-3072", Keys.rsa(3072), "RSA_2048")
                .kmsKey("encrypt-only", RSA_2048, "RSA_2048", "ENCRYPT_DECRYPT")
                .kmsKey("rsa-3072", Keys.rsa(3072), "RSA_3072")
                .kmsKey("throttled", RSA_2048, "RSA_2048")
                .kmsKey("disabled", RSA_2048, "RSA_2048")
                .kmsKey("internal", RSA_2048, "RSA_2048")
                .kmsKey("slow", RSA_2048, "RSA_2048");
        kms = Clients.kms(aws);
    }

    @AfterAll
    static void stop() {
        kms.close();
        aws.close();
    }

    static KmsSigner.Builder signer(String keyId, KeySpec spec) {
        return KmsSigner.builder().client(kms).keyId(keyId).keyPairId("K2JCJMDEHXQW5F").keySpec(spec);
    }

    static Policy policy() {
        return Policy.builder().resource(CookieOracle.RESOURCE).expiresAt(NOW.plus(Duration.ofHours(1))).build();
    }

    static Stream<Arguments> keys() {
        return Stream.of(Arguments.of("rsa-2048", KeySpec.RSA_2048, RSA_2048),
                Arguments.of("rsa-4096", KeySpec.RSA_4096, RSA_4096),
                Arguments.of("ec-p256", KeySpec.ECC_NIST_P256, EC));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keys")
    void cookies_signedInKms_passValidatorAndOpenSsl(String keyId, KeySpec spec, KeyPair pair) {
        KmsSigner signer = signer(keyId, spec).build();
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(signer.signer()).build();
        int before = aws.signMessageTypes().size();

        SignedCookies cookies = factory.create(policy());

        CookieOracle.assertAccepted(cookies, "K2JCJMDEHXQW5F", pair.getPublic(), CLOCK, dir);
        assertEquals(pair.getPublic(), signer.publicKey());
        assertEquals(HashAlgorithm.SHA256, signer.signer().hashAlgorithm());
        // Only the 32-byte digest went to KMS, never the policy text.
        assertEquals(List.of("DIGEST"), aws.signMessageTypes().subList(before, before + 1));
        assertEquals(List.of(32), aws.signMessageLengths().subList(before, before + 1));
    }

    @Test
    void burst_withReuse_makesOneSignPerDistinctPolicy() throws Exception {
        KmsSigner signer = signer("rsa-2048", KeySpec.RSA_2048).build();
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(signer.signer())
                .reuseSignatures(Duration.ofMinutes(1)).clock(CLOCK).build();
        Policy app = policy();
        Policy docs = Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/docs/*")
                .expiresAt(NOW.plus(Duration.ofHours(1))).build();
        int before = aws.count("Sign");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SignedCookies>> logins = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                Policy p = i % 2 == 0 ? app : docs;
                logins.add(pool.submit(() -> factory.create(p)));
            }
            for (Future<SignedCookies> f : logins) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(2, aws.count("Sign") - before, "one KMS Sign per distinct policy in the reuse window");
        CookieOracle.assertAccepted(factory.create(app), "K2JCJMDEHXQW5F", RSA_2048.getPublic(), CLOCK, dir);
    }

    @Test
    void build_readsThePublicKeyOnce() {
        int before = aws.count("GetPublicKey");
        KmsSigner signer = signer("ec-p256", KeySpec.ECC_NIST_P256).build();
        signer.signer().sign(policy());
        signer.signer().sign(policy());

        assertEquals(1, aws.count("GetPublicKey") - before);
    }

    @Test
    void hashAlgorithm_sha1_isRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KmsSigner.builder().hashAlgorithm(HashAlgorithm.SHA1));

        assertTrue(e.getMessage().contains("SHA-256 only"), e.getMessage());
        assertTrue(e.getMessage().contains("none uses SHA-1"), e.getMessage());
    }

    @Test
    void keySpec_curvesCloudFrontCannotVerify_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> KmsSigner.builder().keySpec(KeySpec.ECC_NIST_P384));
        assertThrows(IllegalArgumentException.class, () -> KmsSigner.builder().keySpec(KeySpec.HMAC_256));
        assertThrows(IllegalArgumentException.class, () -> KmsSigner.builder().keyPairId("K 1"));
        assertThrows(IllegalStateException.class, () -> KmsSigner.builder().client(kms).keyId("rsa-2048").build());
    }

    static Stream<Arguments> buildFailures() {
        return Stream.of(
                Arguments.of("missing-key", KeySpec.RSA_2048, Reason.NOT_FOUND),
                Arguments.of("rsa-3072", KeySpec.RSA_2048, Reason.WRONG_KEY_SPEC),
                Arguments.of("claims-2048-is-3072", KeySpec.RSA_2048, Reason.WRONG_KEY_SPEC),
                Arguments.of("encrypt-only", KeySpec.RSA_2048, Reason.WRONG_KEY_SPEC),
                Arguments.of("ec-p256", KeySpec.RSA_2048, Reason.WRONG_KEY_SPEC),
                Arguments.of("rsa-2048", KeySpec.ECC_NIST_P256, Reason.WRONG_KEY_SPEC));
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("buildFailures")
    void build_keyThatDoesNotFit_givesTypedReason(String keyId, KeySpec spec, Reason expected) {
        KeySourceException e = assertThrows(KeySourceException.class, () -> signer(keyId, spec).build());

        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(keyId), e.getMessage());
    }

    @Test
    void build_withoutExpectedSpec_takesTheKeysOwn() {
        KmsSigner signer = KmsSigner.builder().client(kms).keyId("ec-p256").keyPairId("K1").build();

        assertEquals(KeySpec.ECC_NIST_P256, signer.keySpec());
        assertEquals("EC", signer.signer().keyAlgorithm());
    }

    @Test
    void build_accessDenied_isAccessDenied() {
        aws.kmsKey("denied-at-build", RSA_2048, "RSA_2048").fail("denied-at-build", 400, "AccessDeniedException");

        KeySourceException e = assertThrows(KeySourceException.class, () -> signer("denied-at-build", KeySpec.RSA_2048).build());

        assertEquals(Reason.ACCESS_DENIED, e.reason());
        assertTrue(e.getMessage().contains("AccessDeniedException (HTTP 400)"), e.getMessage());
    }

    static Stream<Arguments> signFailures() {
        return Stream.of(
                Arguments.of("throttled", 400, "ThrottlingException", CloudFrontException.Reason.SIGNER_UNAVAILABLE),
                Arguments.of("internal", 500, "KMSInternalException", CloudFrontException.Reason.SIGNER_UNAVAILABLE),
                Arguments.of("disabled", 400, "DisabledException", CloudFrontException.Reason.SIGNING_FAILED),
                Arguments.of("slow", 0, null, CloudFrontException.Reason.SIGNER_UNAVAILABLE));
    }

    @ParameterizedTest(name = "{2} -> {3}")
    @MethodSource("signFailures")
    void sign_kmsFails_givesTypedCloudFrontException(String keyId, int status, String type, CloudFrontException.Reason expected) {
        KmsSigner signer = signer(keyId, KeySpec.RSA_2048).build();
        if (type == null) {
            aws.hang(keyId);
        } else {
            aws.fail(keyId, status, type);
        }
        try {
            CloudFrontException e = assertThrows(CloudFrontException.class, () -> signer.signer().sign(policy()));

            assertEquals(expected, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains(keyId), e.getMessage());
        } finally {
            aws.heal(keyId);
        }
        assertFalse(signer.signer().sign(policy()).isEmpty(), "the signer recovers once KMS does");
    }

    @Test
    void toString_namesKeyAndSpecOnly() {
        KmsSigner signer = signer("rsa-2048", KeySpec.RSA_2048).build();

        assertEquals("KmsSigner[AWS KMS key 'rsa-2048', RSA_2048, keyPairId=K2JCJMDEHXQW5F]", signer.toString());
        assertTrue(signer.signer().toString().contains("signingFunction=AWS KMS key 'rsa-2048'"), signer.signer().toString());
    }
}
