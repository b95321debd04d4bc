package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgepass.cloudfront.Decision.Reason;
import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignedRequestValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String BASE = "https://d111111abcdef8.cloudfront.net";
    private static final String PAGE = BASE + "/private/app/index.html";

    @TempDir
    static Path dir;
    static TestKeys rsa;
    static TestKeys other;
    static SignedRequestValidator validator;
    static CloudFrontSigner signer;

    @BeforeAll
    static void setUp() throws Exception {
        rsa = TestKeys.rsa(dir, "rsa");
        other = TestKeys.rsa(dir, "other");
        KeyPairGenerator weak = KeyPairGenerator.getInstance("RSA");
        weak.initialize(1024);
        validator = SignedRequestValidator.builder()
                .trust("KGOOD", rsa.publicKey())
                .trust("KWEAK", weak.generateKeyPair().getPublic())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        signer = CloudFrontSigner.builder().keyPairId("KGOOD").privateKey(rsa.privateKey()).jdkProvider().build();
    }

    private static Map<String, String> cookies(Policy policy) {
        return new HashMap<>(SignedCookieFactory.builder().signer(signer).build().create(policy).asMap());
    }

    private static Policy.Builder custom(String resource) {
        return Policy.builder().resource(resource).expiresAt(NOW.plusSeconds(600));
    }

    private static String b64(String s) {
        return CloudFrontBase64.encode(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments cookieCase(String name, Map<String, String> cookies, String ip, String url, Reason expected) {
        return Arguments.of(name, url, cookies, ip, expected);
    }

    private static Map<String, String> with(Map<String, String> cookies, UnaryOperator<Map<String, String>> change) {
        return change.apply(new HashMap<>(cookies));
    }

    static Stream<Arguments> cookieCatalogue() {
        Map<String, String> pattern = cookies(custom(BASE + "/private/*").build());
        Map<String, String> canned = cookies(Policy.builder().resource(PAGE).expiresAt(NOW.plusSeconds(600)).build());
        Map<String, String> v4 = cookies(custom(BASE + "/private/*").sourceIp("192.0.2.0/24").build());
        Map<String, String> v6 = cookies(custom(BASE + "/private/*").sourceIp("2001:db8:1::/48").build());
        String otherSignature = CloudFrontSigner.of("KGOOD", other.privateKey()).sign(custom(BASE + "/private/*").build());
        return Stream.of(
                cookieCase("custom policy with pattern", pattern, null, PAGE, Reason.ALLOWED),
                cookieCase("canned policy for this URL", canned, null, PAGE, Reason.ALLOWED),
                cookieCase("canned policy for another URL", canned, null, BASE + "/private/app/other.html", Reason.BAD_SIGNATURE),
                cookieCase("no cookies", Map.of(), null, PAGE, Reason.MISSING_COOKIES),
                cookieCase("unrelated cookies only", Map.of("session", "x"), null, PAGE, Reason.MISSING_COOKIES),
                cookieCase("no signature", with(pattern, m -> { m.remove("CloudFront-Signature"); return m; }), null, PAGE,
                        Reason.MISSING_COOKIES),
                cookieCase("no key id", with(pattern, m -> { m.remove("CloudFront-Key-Pair-Id"); return m; }), null, PAGE,
                        Reason.MISSING_COOKIES),
                cookieCase("no policy or expires", with(pattern, m -> { m.remove("CloudFront-Policy"); return m; }), null, PAGE,
                        Reason.MISSING_COOKIES),
                cookieCase("both policy and expires", with(pattern, m -> { m.put("CloudFront-Expires", "1800000000"); return m; }),
                        null, PAGE, Reason.CONFLICTING_PARAMETERS),
                cookieCase("huge cookie", with(pattern, m -> { m.put("CloudFront-Policy", "A".repeat(100_000)); return m; }),
                        null, PAGE, Reason.TOO_LARGE),
                cookieCase("unknown hash", with(pattern, m -> { m.put("CloudFront-Hash-Algorithm", "MD5"); return m; }), null,
                        PAGE, Reason.UNSUPPORTED_HASH_ALGORITHM),
                cookieCase("wrong hash", with(pattern, m -> { m.put("CloudFront-Hash-Algorithm", "SHA256"); return m; }), null,
                        PAGE, Reason.BAD_SIGNATURE),
                cookieCase("wrong key id", with(pattern, m -> { m.put("CloudFront-Key-Pair-Id", "KNOPE"); return m; }), null,
                        PAGE, Reason.UNKNOWN_KEY),
                cookieCase("hostile key id", with(pattern, m -> { m.put("CloudFront-Key-Pair-Id", "K\n\u0000\"<x>"); return m; }),
                        null, PAGE, Reason.UNKNOWN_KEY),
                cookieCase("weak trusted key", with(pattern, m -> { m.put("CloudFront-Key-Pair-Id", "KWEAK"); return m; }), null,
                        PAGE, Reason.WEAK_KEY),
                cookieCase("policy bad base64", with(pattern, m -> { m.put("CloudFront-Policy", "!!not base64!!"); return m; }),
                        null, PAGE, Reason.MALFORMED_POLICY),
                cookieCase("policy standard base64 padding", with(pattern, m -> { m.put("CloudFront-Policy", "eyJ9=="); return m; }),
                        null, PAGE, Reason.MALFORMED_POLICY),
                cookieCase("policy broken JSON", with(pattern, m -> { m.put("CloudFront-Policy", b64("{\"Statement\":[{")); return m; }),
                        null, PAGE, Reason.MALFORMED_POLICY),
                cookieCase("policy with two statements", with(pattern, m -> {
                    String st = "{\"Resource\":\"" + BASE + "/*\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1900000000}}}";
                    m.put("CloudFront-Policy", b64("{\"Statement\":[" + st + "," + st + "]}"));
                    return m;
                }), null, PAGE, Reason.MALFORMED_POLICY),
                cookieCase("policy with unknown condition", with(pattern, m -> {
                    m.put("CloudFront-Policy", b64("{\"Statement\":[{\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":"
                            + "{\"AWS:EpochTime\":1900000000},\"StringLike\":{}}}]}"));
                    return m;
                }), null, PAGE, Reason.MALFORMED_POLICY),
                cookieCase("policy with deep nesting", with(pattern, m -> { m.put("CloudFront-Policy", b64("[".repeat(500))); return m; }),
                        null, PAGE, Reason.MALFORMED_POLICY),
                cookieCase("tampered policy", with(pattern, m -> {
                    m.put("CloudFront-Policy", b64(custom("https://*").build().toJson()));
                    return m;
                }), null, PAGE, Reason.BAD_SIGNATURE),
                cookieCase("tampered signature", with(pattern, m -> {
                    String s = m.get("CloudFront-Signature");
                    m.put("CloudFront-Signature", (s.charAt(0) == 'A' ? "B" : "A") + s.substring(1));
                    return m;
                }), null, PAGE, Reason.BAD_SIGNATURE),
                cookieCase("signature bad base64", with(pattern, m -> { m.put("CloudFront-Signature", "a+b/c="); return m; }),
                        null, PAGE, Reason.BAD_SIGNATURE),
                cookieCase("signature by another key", with(pattern, m -> { m.put("CloudFront-Signature", otherSignature); return m; }),
                        null, PAGE, Reason.BAD_SIGNATURE),
                cookieCase("expired", cookies(Policy.builder().resource(BASE + "/private/*").expiresAt(NOW).build()), null,
                        PAGE, Reason.EXPIRED),
                cookieCase("not yet valid", cookies(custom(BASE + "/private/*").activeFrom(NOW).build()), null, PAGE,
                        Reason.NOT_YET_VALID),
                cookieCase("valid one second after start", cookies(custom(BASE + "/private/*").activeFrom(NOW.minusSeconds(1))
                        .build()), null, PAGE, Reason.ALLOWED),
                cookieCase("IPv4 inside", v4, "192.0.2.200", PAGE, Reason.ALLOWED),
                cookieCase("IPv4 outside", v4, "192.0.3.1", PAGE, Reason.IP_NOT_ALLOWED),
                cookieCase("IPv4 client missing", v4, null, PAGE, Reason.IP_NOT_ALLOWED),
                cookieCase("IPv4 client is a host name", v4, "localhost", PAGE, Reason.IP_NOT_ALLOWED),
                cookieCase("IPv4 range, IPv6 client", v4, "2001:db8::1", PAGE, Reason.IP_NOT_ALLOWED),
                cookieCase("IPv6 inside", v6, "2001:db8:1:ffff::1", PAGE, Reason.ALLOWED),
                cookieCase("IPv6 outside", v6, "2001:db8:2::1", PAGE, Reason.IP_NOT_ALLOWED),
                cookieCase("resource * does not match", pattern, null, BASE + "/public/index.html", Reason.RESOURCE_MISMATCH),
                cookieCase("resource ? matches one character",
                        cookies(custom("https://*.cloudfront.net/private/page?.html").build()), null, BASE + "/private/page1.html", Reason.ALLOWED),
                cookieCase("resource ? does not match two",
                        cookies(custom("https://*.cloudfront.net/private/page?.html").build()), null, BASE + "/private/page12.html",
                        Reason.RESOURCE_MISMATCH),
                cookieCase("request URL not absolute", pattern, null, "/private/app/index.html", Reason.MALFORMED_REQUEST));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("cookieCatalogue")
    void checkCookies_catalogue(String name, String url, Map<String, String> cookies, String ip, Reason expected) {
        Decision decision = validator.checkCookies(url, cookies, ip);

        assertEquals(expected, decision.reason(), decision.detail());
    }

    static Stream<Arguments> urlCatalogue() {
        SignedUrlFactory urls = SignedUrlFactory.of(signer);
        String canned = urls.sign(PAGE + "?lang=en", NOW.plusSeconds(60));
        String custom = urls.sign(PAGE, custom(BASE + "/private/*").build());
        return Stream.of(
                Arguments.of("canned", canned, Reason.ALLOWED),
                Arguments.of("custom", custom, Reason.ALLOWED),
                Arguments.of("query changed", canned.replace("lang=en", "lang=fr"), Reason.BAD_SIGNATURE),
                Arguments.of("path changed, custom pattern", custom.replace("index.html", "other.html"), Reason.ALLOWED),
                Arguments.of("parameter repeated", canned + "&Expires=1", Reason.CONFLICTING_PARAMETERS),
                Arguments.of("signature removed", canned.replaceAll("&Signature=[^&]*", ""), Reason.MISSING_PARAMETERS),
                Arguments.of("no parameters", PAGE, Reason.MISSING_PARAMETERS),
                Arguments.of("expires not a number", canned.replaceAll("Expires=[0-9]+", "Expires=soon"), Reason.MALFORMED_POLICY),
                Arguments.of("expires in the past", urls.sign(PAGE, NOW.minusSeconds(1)), Reason.EXPIRED),
                Arguments.of("huge URL", PAGE + "?x=" + "a".repeat(20_000), Reason.TOO_LARGE));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("urlCatalogue")
    void checkUrl_catalogue(String name, String url, Reason expected) {
        Decision decision = validator.checkUrl(url, null);

        assertEquals(expected, decision.reason(), decision.detail());
    }

    @Test
    void check_signedUrlParametersTakePrecedenceOverCookies() {
        String expiredUrl = SignedUrlFactory.of(signer).sign(PAGE, NOW.minusSeconds(10));
        Map<String, String> goodCookies = cookies(custom(BASE + "/private/*").build());

        assertEquals(Reason.EXPIRED, validator.check(expiredUrl, goodCookies, null).reason());
        assertEquals(Reason.ALLOWED, validator.check(PAGE, goodCookies, null).reason());
    }

    @Test
    void decisionDetail_neverContainsSignatureOrPolicy() {
        Map<String, String> cookies = with(cookies(custom(BASE + "/private/*").build()),
                m -> { m.put("CloudFront-Key-Pair-Id", "KNOPE"); return m; });

        Decision decision = validator.checkCookies(PAGE, cookies, null);

        assertFalse(decision.detail().contains(cookies.get("CloudFront-Signature")));
        assertFalse(decision.detail().contains(cookies.get("CloudFront-Policy")));
    }

    static Stream<Arguments> builderMistakes() {
        return Stream.of(
                Arguments.of("null key id", (Runnable) () -> SignedRequestValidator.builder().trust(null, rsa.publicKey()),
                        NullPointerException.class),
                Arguments.of("null key", (Runnable) () -> SignedRequestValidator.builder().trust("K1", null),
                        NullPointerException.class),
                Arguments.of("bad key id", (Runnable) () -> SignedRequestValidator.builder().trust("K 1", rsa.publicKey()),
                        IllegalArgumentException.class),
                Arguments.of("duplicate key id", (Runnable) () -> SignedRequestValidator.builder().trust("K1", rsa.publicKey())
                        .trust("K1", other.publicKey()), IllegalArgumentException.class),
                Arguments.of("null clock", (Runnable) () -> SignedRequestValidator.builder().clock(null),
                        NullPointerException.class),
                Arguments.of("null provider", (Runnable) () -> SignedRequestValidator.builder().provider(null),
                        NullPointerException.class),
                Arguments.of("no keys", (Runnable) () -> SignedRequestValidator.builder().build(), IllegalStateException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builderMistakes")
    void builder_rejectsMistakes(String name, Runnable action, Class<? extends Throwable> expected) {
        assertThrows(expected, action::run);
    }
}
