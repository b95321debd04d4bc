package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.testing.OpenSsl;
import dev.edgepass.cloudfront.testing.Providers;
import dev.edgepass.cloudfront.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Cross-checks signatures against the OpenSSL recipe in the CloudFront developer guide. */
class OpenSslOracleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    static Path dir;
    static TestKeys rsa;
    static TestKeys ec;

    @BeforeAll
    static void keys() {
        rsa = TestKeys.rsa(dir, "rsa");
        ec = TestKeys.ec(dir, "ec");
    }

    static List<Policy> policies() {
        return List.of(
                Policy.builder().resource("https://d111111abcdef8.cloudfront.net/horizon.jpg?size=large&license=yes")
                        .expiresAt(NOW.plusSeconds(3600)).build(),
                Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/*")
                        .expiresAt(NOW.plusSeconds(3600)).activeFrom(NOW.minusSeconds(60)).sourceIp("192.0.2.0/24").build(),
                Policy.builder().resource("https://d111111abcdef8.cloudfront.net/my files/ümlaut?.jpg")
                        .expiresAt(NOW.plusSeconds(7200)).sourceIp("2001:db8::/32").build());
    }

    static Stream<Arguments> rsaCases() {
        List<Arguments> out = new ArrayList<>();
        for (Providers p : Providers.values()) {
            for (HashAlgorithm h : HashAlgorithm.values()) {
                for (Policy policy : policies()) {
                    out.add(Arguments.of(p, h, policy));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("rsaCases")
    void rsaSignature_matchesOpenSslRecipeByteForByte(Providers provider, HashAlgorithm hash, Policy policy) throws Exception {
        CloudFrontSigner signer = provider.apply(CloudFrontSigner.builder().keyPairId("KTEST").privateKey(rsa.privateKey())
                .hashAlgorithm(hash)).build();
        Path file = Files.write(dir.resolve("policy-" + provider + hash + ".json"), policy.toJson().getBytes(StandardCharsets.UTF_8));
        String digest = hash == HashAlgorithm.SHA1 ? "sha1" : "sha256";
        String expected = OpenSsl.sh(dir, "cat " + file.getFileName() + " | openssl " + digest + " -sign rsa.pem"
                + " | openssl base64 -A | tr -- '+=/' '-_~'");

        assertEquals(expected, signer.sign(policy));
    }

    @ParameterizedTest
    @EnumSource(Providers.class)
    void ecdsaSignature_verifiesWithOpenSsl(Providers provider) throws Exception {
        CloudFrontSigner signer = provider.apply(CloudFrontSigner.builder().keyPairId("KTEST").privateKey(ec.privateKey())
                .hashAlgorithm(HashAlgorithm.SHA256)).build();
        for (Policy policy : policies()) {
            Path data = Files.write(dir.resolve("ec-" + provider + ".json"), policy.toJson().getBytes(StandardCharsets.UTF_8));
            byte[] der = CloudFrontBase64.decode(signer.sign(policy));
            Files.write(dir.resolve("ec-" + provider + ".sig"), der);

            String out = OpenSsl.sh(dir, "openssl dgst -sha256 -verify ec.pub.pem -signature ec-" + provider + ".sig "
                    + data.getFileName());

            assertTrue(out.contains("Verified OK"), out);
        }
    }

    @ParameterizedTest
    @EnumSource(Providers.class)
    void openSslEcdsaSignature_passesValidator(Providers provider) throws Exception {
        SignedRequestValidator validator = provider.apply(SignedRequestValidator.builder().trust("KEC", ec.publicKey())
                .clock(CLOCK)).build();
        Policy policy = policies().get(1);
        Files.write(dir.resolve("openssl-ec.json"), policy.toJson().getBytes(StandardCharsets.UTF_8));
        OpenSsl.sh(dir, "openssl dgst -sha256 -sign ec.pem -out openssl-ec-" + provider + ".sig openssl-ec.json");
        String signature = CloudFrontBase64.encode(Files.readAllBytes(dir.resolve("openssl-ec-" + provider + ".sig")));

        Decision decision = validator.checkCookies("https://d111111abcdef8.cloudfront.net/private/app/index.html",
                Map.of("CloudFront-Policy", CloudFrontBase64.encode(policy.toJson().getBytes(StandardCharsets.UTF_8)),
                        "CloudFront-Signature", signature,
                        "CloudFront-Key-Pair-Id", "KEC",
                        "CloudFront-Hash-Algorithm", "SHA256"),
                "192.0.2.7");

        assertEquals(Decision.Reason.ALLOWED, decision.reason(), decision.detail());
    }

    @ParameterizedTest
    @EnumSource(Providers.class)
    void openSslRsaSignature_passesValidator(Providers provider) {
        SignedRequestValidator validator = provider.apply(SignedRequestValidator.builder().trust("KRSA", rsa.publicKey())
                .clock(CLOCK)).build();
        Policy policy = policies().get(0);
        String signature = OpenSsl.sh(dir, "printf '%s' '" + policy.toJson() + "' | openssl sha1 -sign rsa.pem"
                + " | openssl base64 -A | tr -- '+=/' '-_~'");

        Decision decision = validator.checkUrl(policy.resource() + "&Expires=" + policy.expiresAt().getEpochSecond()
                + "&Signature=" + signature + "&Key-Pair-Id=KRSA", null);

        assertEquals(Decision.Reason.ALLOWED, decision.reason(), decision.detail());
    }
}
