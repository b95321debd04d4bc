package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.internal.PolicyParser;
import dev.edgepass.cloudfront.testing.Providers;
import dev.edgepass.cloudfront.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.cookie.CookiesForCannedPolicy;
import software.amazon.awssdk.services.cloudfront.cookie.CookiesForCustomPolicy;
import software.amazon.awssdk.services.cloudfront.utils.SigningHashAlgorithm;

/** Cross-checks cookies and URLs against the AWS SDK for Java v2 {@code CloudFrontUtilities}. */
class AwsSdkOracleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(3600);
    private static final String URL = "https://d111111abcdef8.cloudfront.net/private/app/index.html";
    private static final String KEY_ID = "K2JCJMDEHXQW5F";
    private static final CloudFrontUtilities SDK = CloudFrontUtilities.create();

    @TempDir
    static Path dir;
    static TestKeys rsa;
    static TestKeys ec;

    @BeforeAll
    static void keys() {
        rsa = TestKeys.rsa(dir, "rsa");
        ec = TestKeys.ec(dir, "ec");
    }

    static Stream<Arguments> providersAndHashes() {
        List<Arguments> out = new ArrayList<>();
        for (Providers p : Providers.values()) {
            for (HashAlgorithm h : HashAlgorithm.values()) {
                out.add(Arguments.of(p, h));
            }
        }
        return out.stream();
    }

    private static CloudFrontSigner signer(Providers p, HashAlgorithm h, TestKeys keys) {
        return p.apply(CloudFrontSigner.builder().keyPairId(KEY_ID).privateKey(keys.privateKey()).hashAlgorithm(h)).build();
    }

    private static SigningHashAlgorithm sdk(HashAlgorithm h) {
        return h == HashAlgorithm.SHA1 ? SigningHashAlgorithm.SHA1 : SigningHashAlgorithm.SHA256;
    }

    private static SignedRequestValidator validator(Providers p, TestKeys keys) {
        return p.apply(SignedRequestValidator.builder().trust(KEY_ID, keys.publicKey())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))).build();
    }

    /** Turns the SDK's "Name=value" header values into a cookie map. */
    private static Map<String, String> cookieMap(String... headerValues) {
        Map<String, String> map = new HashMap<>();
        for (String v : headerValues) {
            if (v != null) {
                int eq = v.indexOf('=');
                map.put(v.substring(0, eq), v.substring(eq + 1));
            }
        }
        return map;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndHashes")
    void cannedCookies_matchSdk(Providers p, HashAlgorithm h) {
        SignedCookies ours = SignedCookieFactory.builder().signer(signer(p, h, rsa)).build()
                .create(Policy.builder().resource(URL).expiresAt(EXPIRES).build());
        CookiesForCannedPolicy sdk = SDK.getCookiesForCannedPolicy(r -> r.resourceUrl(URL).privateKey(rsa.privateKey())
                .keyPairId(KEY_ID).expirationDate(EXPIRES).hashAlgorithm(sdk(h)));

        assertEquals(cookieMap(sdk.expiresHeaderValue(), sdk.signatureHeaderValue(), sdk.keyPairIdHeaderValue(),
                sdk.hashAlgorithmHeaderValue()), ours.asMap());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndHashes")
    void customCookies_matchSdk(Providers p, HashAlgorithm h) {
        String pattern = "https://d111111abcdef8.cloudfront.net/private/*";
        SignedCookies ours = SignedCookieFactory.builder().signer(signer(p, h, rsa)).build()
                .create(Policy.builder().resource(pattern).expiresAt(EXPIRES).sourceIp("192.0.2.0/24").build());
        CookiesForCustomPolicy sdk = SDK.getCookiesForCustomPolicy(r -> r.resourceUrl(pattern).privateKey(rsa.privateKey())
                .keyPairId(KEY_ID).expirationDate(EXPIRES).ipRange("192.0.2.0/24").hashAlgorithm(sdk(h)));

        assertEquals(cookieMap(sdk.policyHeaderValue(), sdk.signatureHeaderValue(), sdk.keyPairIdHeaderValue(),
                sdk.hashAlgorithmHeaderValue()), ours.asMap());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndHashes")
    void cannedUrl_matchesSdk(Providers p, HashAlgorithm h) {
        String url = URL + "?lang=en";
        String ours = SignedUrlFactory.of(signer(p, h, rsa)).sign(url, EXPIRES);
        String sdk = SDK.getSignedUrlWithCannedPolicy(r -> r.resourceUrl(url).privateKey(rsa.privateKey())
                .keyPairId(KEY_ID).expirationDate(EXPIRES).hashAlgorithm(sdk(h))).url();

        assertEquals(sdk, ours);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndHashes")
    void customUrl_matchesSdk(Providers p, HashAlgorithm h) {
        String ours = SignedUrlFactory.of(signer(p, h, rsa)).sign(URL,
                Policy.builder().resource(URL).expiresAt(EXPIRES).sourceIp("192.0.2.0/24").build());
        String sdk = SDK.getSignedUrlWithCustomPolicy(r -> r.resourceUrl(URL).privateKey(rsa.privateKey())
                .keyPairId(KEY_ID).expirationDate(EXPIRES).ipRange("192.0.2.0/24").hashAlgorithm(sdk(h))).url();

        assertEquals(sdk, ours);
    }

    /**
     * With a start time and an IP range the SDK writes IpAddress before DateGreaterThan, while edgepass follows the
     * documentation's order; the statements parse to the same policy and both signatures verify.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndHashes")
    void customCookiesWithStartAndIp_parseEquallyAndBothVerify(Providers p, HashAlgorithm h) {
        String pattern = "https://d111111abcdef8.cloudfront.net/private/*";
        Instant start = NOW.minusSeconds(60);
        SignedCookies ours = SignedCookieFactory.builder().signer(signer(p, h, rsa)).build()
                .create(Policy.builder().resource(pattern).expiresAt(EXPIRES).activeFrom(start).sourceIp("192.0.2.0/24").build());
        CookiesForCustomPolicy sdk = SDK.getCookiesForCustomPolicy(r -> r.resourceUrl(pattern).privateKey(rsa.privateKey())
                .keyPairId(KEY_ID).expirationDate(EXPIRES).activeDate(start).ipRange("192.0.2.0/24").hashAlgorithm(sdk(h)));
        Map<String, String> sdkCookies = cookieMap(sdk.policyHeaderValue(), sdk.signatureHeaderValue(),
                sdk.keyPairIdHeaderValue(), sdk.hashAlgorithmHeaderValue());

        assertEquals(parse(sdkCookies.get("CloudFront-Policy")), parse(ours.asMap().get("CloudFront-Policy")));
        SignedRequestValidator validator = validator(p, rsa);
        assertEquals(Decision.Reason.ALLOWED, validator.checkCookies(URL, ours.asMap(), "192.0.2.9").reason());
        assertEquals(Decision.Reason.ALLOWED, validator.checkCookies(URL, sdkCookies, "192.0.2.9").reason());
    }

    @ParameterizedTest
    @EnumSource(Providers.class)
    void sdkEcdsaCookies_passValidator(Providers p) {
        String pattern = "https://d111111abcdef8.cloudfront.net/private/*";
        CookiesForCustomPolicy sdk = SDK.getCookiesForCustomPolicy(r -> r.resourceUrl(pattern).privateKey(ec.privateKey())
                .keyPairId(KEY_ID).expirationDate(EXPIRES).ipRange("192.0.2.0/24").hashAlgorithm(SigningHashAlgorithm.SHA256));
        Map<String, String> cookies = cookieMap(sdk.policyHeaderValue(), sdk.signatureHeaderValue(),
                sdk.keyPairIdHeaderValue(), sdk.hashAlgorithmHeaderValue());

        Decision decision = validator(p, ec).checkCookies(URL, cookies, "192.0.2.9");

        assertEquals(Decision.Reason.ALLOWED, decision.reason(), decision.detail());
    }

    @ParameterizedTest
    @EnumSource(Providers.class)
    void sdkEcdsaCannedUrl_passesValidator(Providers p) {
        String sdk = SDK.getSignedUrlWithCannedPolicy(r -> r.resourceUrl(URL).privateKey(ec.privateKey())
                .keyPairId(KEY_ID).expirationDate(EXPIRES).hashAlgorithm(SigningHashAlgorithm.SHA256)).url();

        Decision decision = validator(p, ec).checkUrl(sdk, null);

        assertEquals(Decision.Reason.ALLOWED, decision.reason(), decision.detail());
    }

    @ParameterizedTest
    @EnumSource(Providers.class)
    void edgepassEcdsaSignature_verifiesWithJca(Providers p) throws Exception {
        CloudFrontSigner signer = signer(p, HashAlgorithm.SHA256, ec);
        Policy policy = Policy.builder().resource(URL).expiresAt(EXPIRES).build();
        java.security.Signature jca = java.security.Signature.getInstance("SHA256withECDSA");
        jca.initVerify(ec.publicKey());
        jca.update(policy.toJson().getBytes(StandardCharsets.UTF_8));

        assertEquals(true, jca.verify(CloudFrontBase64.decode(signer.sign(policy))));
    }

    private static PolicyParser.Statement parse(String cookie) {
        return PolicyParser.parse(new String(CloudFrontBase64.decode(cookie), StandardCharsets.UTF_8));
    }
}
