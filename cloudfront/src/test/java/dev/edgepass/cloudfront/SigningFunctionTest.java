package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.testing.OpenSsl;
import dev.edgepass.cloudfront.testing.TestKeys;
import dev.edgepass.core.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CloudFrontSigner over a SigningFunction, and factories following a rotating key. */
class SigningFunctionTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String URL = "https://d111111abcdef8.cloudfront.net/private/app/index.html";

    @TempDir
    static Path dir;
    static TestKeys rsa;
    static TestKeys ec;

    @BeforeAll
    static void keys() {
        rsa = TestKeys.rsa(dir, "rsa");
        ec = TestKeys.ec(dir, "ec");
    }

    /** Signs somewhere else: a fresh JCA Signature per call, as a remote signer would. */
    record Remote(PrivateKey key, String algorithm, int size, AtomicInteger calls) implements SigningFunction {
        Remote(PrivateKey key, String algorithm, int size) {
            this(key, algorithm, size, new AtomicInteger());
        }

        @Override
        public byte[] sign(byte[] message) {
            calls.incrementAndGet();
            try {
                Signature s = Signature.getInstance("RSA".equals(algorithm) ? "SHA256withRSA" : "SHA256withECDSA");
                s.initSign(key);
                s.update(message);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String keyAlgorithm() {
            return algorithm;
        }

        @Override
        public int keySize() {
            return size;
        }

        @Override
        public HashAlgorithm hashAlgorithm() {
            return HashAlgorithm.SHA256;
        }

        @Override
        public String description() {
            return "remote " + algorithm;
        }
    }

    static SigningFunction failing(java.util.function.Supplier<byte[]> behaviour) {
        return new SigningFunction() {
            @Override
            public byte[] sign(byte[] message) {
                return behaviour.get();
            }

            @Override
            public String keyAlgorithm() {
                return "RSA";
            }

            @Override
            public int keySize() {
                return 2048;
            }

            @Override
            public HashAlgorithm hashAlgorithm() {
                return HashAlgorithm.SHA256;
            }
        };
    }

    static Policy policy() {
        return Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/app/*")
                .expiresAt(NOW.plus(Duration.ofHours(1))).build();
    }

    @Test
    void cookies_fromAFunction_passValidatorAndOpenSsl() throws Exception {
        CloudFrontSigner signer = CloudFrontSigner.builder().keyPairId("KREMOTEEC")
                .signingFunction(new Remote(ec.privateKey(), "EC", 256)).build();
        Map<String, String> cookies = SignedCookieFactory.builder().signer(signer).build().create(policy()).asMap();

        Decision decision = SignedRequestValidator.builder().trust("KREMOTEEC", ec.publicKey()).clock(CLOCK).build()
                .checkCookies(URL, cookies, null);
        assertEquals(Decision.Reason.ALLOWED, decision.reason(), decision.detail());
        assertEquals("SHA256", cookies.get("CloudFront-Hash-Algorithm"));

        Files.write(dir.resolve("fn-policy.json"), CloudFrontBase64.decode(cookies.get("CloudFront-Policy")));
        Files.write(dir.resolve("fn.sig"), CloudFrontBase64.decode(cookies.get("CloudFront-Signature")));
        String out = OpenSsl.sh(dir, "openssl dgst -sha256 -verify ec.pub.pem -signature fn.sig fn-policy.json");
        assertTrue(out.contains("Verified OK"), out);
    }

    @Test
    void signedUrl_fromAnRsaFunction_matchesTheLocalKeyByteForByte() {
        CloudFrontSigner remote = CloudFrontSigner.builder().keyPairId("K1")
                .signingFunction(new Remote(rsa.privateKey(), "RSA", 2048)).build();
        CloudFrontSigner local = CloudFrontSigner.of("K1", rsa.privateKey(), HashAlgorithm.SHA256);

        String url = "https://d111111abcdef8.cloudfront.net/report.pdf";
        assertEquals(SignedUrlFactory.of(local).sign(url, NOW.plusSeconds(60)),
                SignedUrlFactory.of(remote).sign(url, NOW.plusSeconds(60)));
        assertEquals("CloudFrontSigner[keyPairId=K1, RSA-2048, SHA256, signingFunction=remote RSA]", remote.toString());
    }

    @Test
    void signingFunction_declaringAKeyCloudFrontRejects_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CloudFrontSigner.builder().signingFunction(new Remote(rsa.privateKey(), "RSA", 1024)));
        assertThrows(IllegalArgumentException.class,
                () -> CloudFrontSigner.builder().signingFunction(new Remote(ec.privateKey(), "EC", 384)));
        assertThrows(IllegalArgumentException.class,
                () -> CloudFrontSigner.builder().signingFunction(new Remote(ec.privateKey(), "Ed25519", 256)));
    }

    @Test
    void build_functionWithKeyProviderOrOtherHash_isRefused() {
        Remote fn = new Remote(rsa.privateKey(), "RSA", 2048);
        assertThrows(IllegalStateException.class, () -> CloudFrontSigner.builder().keyPairId("K1").signingFunction(fn)
                .privateKey(rsa.privateKey()).build());
        assertThrows(IllegalStateException.class, () -> CloudFrontSigner.builder().keyPairId("K1").signingFunction(fn)
                .jdkProvider().build());
        assertThrows(IllegalStateException.class, () -> CloudFrontSigner.builder().keyPairId("K1").signingFunction(fn)
                .hashAlgorithm(HashAlgorithm.SHA1).build());
        assertThrows(IllegalStateException.class, () -> CloudFrontSigner.builder().keyPairId("K1").build());
    }

    @Test
    void sign_functionFailures_areTypedCloudFrontExceptions() {
        SigningFunction broken = failing(() -> {
            throw new IllegalStateException("hardware fault");
        });
        SigningFunction unavailable = failing(() -> {
            throw new CloudFrontException(CloudFrontException.Reason.SIGNER_UNAVAILABLE, "throttled");
        });
        SigningFunction empty = failing(() -> new byte[0]);

        assertEquals(CloudFrontException.Reason.SIGNING_FAILED, assertThrows(CloudFrontException.class,
                () -> CloudFrontSigner.builder().keyPairId("K1").signingFunction(broken).build().sign(policy())).reason());
        assertEquals(CloudFrontException.Reason.SIGNER_UNAVAILABLE, assertThrows(CloudFrontException.class,
                () -> CloudFrontSigner.builder().keyPairId("K1").signingFunction(unavailable).build().sign(policy())).reason());
        assertEquals(CloudFrontException.Reason.SIGNING_FAILED, assertThrows(CloudFrontException.class,
                () -> CloudFrontSigner.builder().keyPairId("K1").signingFunction(empty).build().sign(policy())).reason());
    }

    @Test
    void rotatingSigner_newKey_newIdAndNoReuseOfTheOldSignature() {
        AtomicReference<SigningKey> current = new AtomicReference<>(new SigningKey("KOLD", rsa.privateKey()));
        RotatingSigner signers = RotatingSigner.builder().keys(current::get).hashAlgorithm(HashAlgorithm.SHA256).jdkProvider().build();
        SignedCookieFactory factory = SignedCookieFactory.builder().signers(signers).reuseSignatures(Duration.ofMinutes(1))
                .clock(CLOCK).build();
        SignedRequestValidator validator = SignedRequestValidator.builder().trust("KOLD", rsa.publicKey())
                .trust("KNEW", ec.publicKey()).clock(CLOCK).build();

        SignedCookies before = factory.create(policy());
        assertSame(signers.get(), signers.get(), "one signer per key");
        current.set(new SigningKey("KNEW", ec.privateKey()));
        SignedCookies after = factory.create(policy());

        assertEquals("KOLD", before.asMap().get("CloudFront-Key-Pair-Id"));
        assertEquals("KNEW", after.asMap().get("CloudFront-Key-Pair-Id"));
        assertNotEquals(before.asMap().get("CloudFront-Signature"), after.asMap().get("CloudFront-Signature"));
        assertEquals(Decision.Reason.ALLOWED, validator.checkCookies(URL, after.asMap(), null).reason());
        assertEquals(Decision.Reason.ALLOWED, validator.checkCookies(URL, before.asMap(), null).reason());
    }

    @Test
    void signedUrlFactory_following_usesTheCurrentSigner() {
        AtomicReference<SigningKey> current = new AtomicReference<>(new SigningKey("KOLD", rsa.privateKey()));
        SignedUrlFactory urls = SignedUrlFactory.following(RotatingSigner.of(current::get, HashAlgorithm.SHA1));
        String url = "https://d111111abcdef8.cloudfront.net/report.pdf";

        assertTrue(urls.sign(url, NOW.plusSeconds(60)).contains("&Key-Pair-Id=KOLD"));
        current.set(new SigningKey("KNEW", rsa.privateKey()));
        assertTrue(urls.sign(url, NOW.plusSeconds(60)).contains("&Key-Pair-Id=KNEW"));
    }

    @Test
    void factory_signerAndSigners_areExclusive() {
        CloudFrontSigner s = CloudFrontSigner.of("K1", rsa.privateKey());
        assertThrows(IllegalStateException.class, () -> SignedCookieFactory.builder().signer(s).signers(() -> s).build());
        assertThrows(IllegalStateException.class, () -> SignedCookieFactory.builder().build());
        assertThrows(IllegalStateException.class, () -> RotatingSigner.builder().build());
    }
}
