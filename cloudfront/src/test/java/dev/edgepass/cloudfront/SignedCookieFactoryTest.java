package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.testing.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignedCookieFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dir;
    static CloudFrontSigner sha1;
    static CloudFrontSigner sha256;

    @BeforeAll
    static void keys() {
        TestKeys rsa = TestKeys.rsa(dir, "rsa");
        sha1 = CloudFrontSigner.of("K2JCJMDEHXQW5F", rsa.privateKey());
        sha256 = CloudFrontSigner.of("K2JCJMDEHXQW5F", rsa.privateKey(), HashAlgorithm.SHA256);
    }

    private static Policy canned() {
        return Policy.builder().resource("https://d111111abcdef8.cloudfront.net/a.jpg").expiresAt(NOW.plusSeconds(3600)).build();
    }

    private static Policy custom() {
        return Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/*").expiresAt(NOW.plusSeconds(3600)).build();
    }

    @Test
    void create_canned_setsExpiresSignatureAndKeyId() {
        SignedCookies cookies = SignedCookieFactory.builder().signer(sha1).build().create(canned());

        assertEquals(List.of("CloudFront-Expires", "CloudFront-Signature", "CloudFront-Key-Pair-Id"),
                List.copyOf(cookies.asMap().keySet()));
        assertEquals(Long.toString(NOW.plusSeconds(3600).getEpochSecond()), cookies.asMap().get("CloudFront-Expires"));
    }

    @Test
    void create_customWithSha256_setsPolicyAndHashAlgorithm() {
        SignedCookies cookies = SignedCookieFactory.builder().signer(sha256).build().create(custom());

        assertEquals(List.of("CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id", "CloudFront-Hash-Algorithm"),
                List.copyOf(cookies.asMap().keySet()));
        assertEquals("SHA256", cookies.asMap().get("CloudFront-Hash-Algorithm"));
    }

    @Test
    void setCookieHeaders_defaultsAreSecureHttpOnlyLaxSessionCookies() {
        SignedCookies cookies = SignedCookieFactory.builder().signer(sha1).build().create(canned());

        assertEquals("CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Path=/; Secure; HttpOnly; SameSite=Lax",
                cookies.setCookieHeaders().get(2));
    }

    @Test
    void setCookieHeaders_carryConfiguredAttributes() {
        SignedCookies cookies = SignedCookieFactory.builder().signer(sha1).domain("example.com").path("/private/")
                .maxAge(Duration.ofMinutes(30)).sameSite(SameSite.STRICT).httpOnly(false).build().create(canned());

        assertEquals("CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Domain=example.com; Path=/private/; Max-Age=1800; Secure;"
                + " SameSite=Strict", cookies.setCookieHeaders().get(2));
    }

    @Test
    void clearCookieHeaders_expireEveryCookieWithSameScope() {
        List<String> headers = SignedCookieFactory.builder().signer(sha1).domain("example.com").build().clearCookieHeaders();

        assertEquals(5, headers.size());
        assertEquals("CloudFront-Policy=; Domain=example.com; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
                + " Secure; HttpOnly; SameSite=Lax", headers.get(0));
        assertTrue(headers.stream().anyMatch(h -> h.startsWith("CloudFront-Hash-Algorithm=;")));
    }

    @Test
    void create_policyCookieOverBrowserLimit_isRefusedWithSizeAndLimit() {
        Policy big = Policy.builder().resource("https://d111111abcdef8.cloudfront.net/" + "a".repeat(3000) + "/*")
                .expiresAt(NOW.plusSeconds(60)).build();
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(sha1).build();

        CloudFrontException e = assertThrows(CloudFrontException.class, () -> factory.create(big));

        assertEquals(CloudFrontException.Reason.POLICY_TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void create_attributesPushingPastLimit_isCookieTooLarge() {
        Policy almost = Policy.builder().resource("https://d111111abcdef8.cloudfront.net/" + "a".repeat(2880) + "/*")
                .expiresAt(NOW.plusSeconds(60)).build();
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(sha1).path("/" + "p".repeat(200)).build();

        CloudFrontException e = assertThrows(CloudFrontException.class, () -> factory.create(almost));

        assertEquals(CloudFrontException.Reason.COOKIE_TOO_LARGE, e.reason());
    }

    @Test
    void reuseSignatures_samePolicyInOneBucket_sharesOneResult() {
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(sha1).reuseSignatures(Duration.ofMinutes(1))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        Policy a = Policy.builder().resource("https://e.com/*").expiresAt(NOW.plusSeconds(3601)).build();
        Policy b = Policy.builder().resource("https://e.com/*").expiresAt(NOW.plusSeconds(3659)).build();

        SignedCookies first = factory.create(a);

        assertSame(first, factory.create(b));
        assertEquals(NOW.plusSeconds(3660), first.policy().expiresAt());
    }

    @Test
    void reuseSignatures_nextBucket_signsAgain() {
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(sha1).reuseSignatures(Duration.ofMinutes(1)).build();
        Policy a = Policy.builder().resource("https://e.com/*").expiresAt(NOW.plusSeconds(3600)).build();
        Policy b = Policy.builder().resource("https://e.com/*").expiresAt(NOW.plusSeconds(3601)).build();

        assertNotEquals(factory.create(a).asMap(), factory.create(b).asMap());
    }

    @Test
    void reuseSignatures_entryOlderThanGranularity_isSignedAfresh() {
        MutableClock clock = new MutableClock(NOW);
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(sha1).reuseSignatures(Duration.ofMinutes(1))
                .clock(clock).build();
        Policy a = Policy.builder().resource("https://e.com/*").expiresAt(NOW.plusSeconds(3600)).build();
        SignedCookies first = factory.create(a);

        clock.now = NOW.plusSeconds(61);

        SignedCookies second = factory.create(a);
        assertFalse(first == second);
        assertEquals(first.asMap(), second.asMap());
    }

    @Test
    void toString_neverShowsCookieValues() {
        SignedCookies cookies = SignedCookieFactory.builder().signer(sha1).build().create(custom());

        assertFalse(cookies.toString().contains(cookies.asMap().get("CloudFront-Signature")));
        assertFalse(cookies.toString().contains(cookies.asMap().get("CloudFront-Policy")));
    }

    static Stream<Arguments> builderMistakes() {
        return Stream.of(
                Arguments.of("null signer", (Executable) () -> SignedCookieFactory.builder().signer(null), NullPointerException.class),
                Arguments.of("no signer", (Executable) () -> SignedCookieFactory.builder().build(), IllegalStateException.class),
                Arguments.of("domain with ;", (Executable) () -> SignedCookieFactory.builder().domain("a.com; x=y"),
                        IllegalArgumentException.class),
                Arguments.of("empty domain", (Executable) () -> SignedCookieFactory.builder().domain(""), IllegalArgumentException.class),
                Arguments.of("relative path", (Executable) () -> SignedCookieFactory.builder().path("private"),
                        IllegalArgumentException.class),
                Arguments.of("path with ;", (Executable) () -> SignedCookieFactory.builder().path("/a;b"),
                        IllegalArgumentException.class),
                Arguments.of("negative maxAge", (Executable) () -> SignedCookieFactory.builder().maxAge(Duration.ofSeconds(-5)),
                        IllegalArgumentException.class),
                Arguments.of("zero maxAge", (Executable) () -> SignedCookieFactory.builder().maxAge(Duration.ZERO),
                        IllegalArgumentException.class),
                Arguments.of("null sameSite", (Executable) () -> SignedCookieFactory.builder().sameSite(null),
                        NullPointerException.class),
                Arguments.of("sub-second reuse", (Executable) () -> SignedCookieFactory.builder().reuseSignatures(Duration.ofMillis(10)),
                        IllegalArgumentException.class),
                Arguments.of("reuse over a day", (Executable) () -> SignedCookieFactory.builder().reuseSignatures(Duration.ofDays(2)),
                        IllegalArgumentException.class),
                Arguments.of("cache size 0", (Executable) () -> SignedCookieFactory.builder().reuseCacheSize(0),
                        IllegalArgumentException.class),
                Arguments.of("null clock", (Executable) () -> SignedCookieFactory.builder().clock(null), NullPointerException.class),
                Arguments.of("SameSite=None without Secure", (Executable) () -> SignedCookieFactory.builder().signer(sha1)
                        .sameSite(SameSite.NONE).secure(false).build(), IllegalStateException.class),
                Arguments.of("null policy", (Executable) () -> SignedCookieFactory.builder().signer(sha1).build().create(null),
                        NullPointerException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builderMistakes")
    void builder_rejectsMistakes(String name, Executable action, Class<? extends Throwable> expected) {
        assertThrows(expected, action);
    }

    /** A clock a test can move; never sleeps. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
