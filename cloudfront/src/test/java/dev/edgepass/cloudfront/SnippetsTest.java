package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.testing.TestKeys;
import dev.edgepass.core.PemKeys;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the examples of the Javadoc and of cloudfront/README.md compiling and working. */
class SnippetsTest {

    @TempDir
    Path dir;

    @Test
    void readmeQuickStart_mintsCookiesThatTheValidatorAllows() {
        TestKeys keys = TestKeys.rsa(dir, "private_key");
        Path privateKeyPem = keys.privatePem();

        // --- README: smallest example ---
        PrivateKey key = PemKeys.privateKey(privateKeyPem);
        SignedCookieFactory factory = SignedCookieFactory.builder()
                .signer(CloudFrontSigner.of("K2JCJMDEHXQW5F", key))
                .build();
        Policy policy = Policy.builder()
                .resource("https://d111111abcdef8.cloudfront.net/private/*")
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .build();
        List<String> setCookieHeaders = factory.create(policy).setCookieHeaders();
        // --- end ---

        assertEquals(3, setCookieHeaders.size());
        SignedRequestValidator validator = SignedRequestValidator.builder()
                .trust("K2JCJMDEHXQW5F", PemKeys.publicKey(keys.publicPem()))
                .build();
        Map<String, String> cookies = factory.create(policy).asMap();
        Decision decision = validator.check("https://d111111abcdef8.cloudfront.net/private/app/index.html", cookies, "192.0.2.1");
        assertTrue(decision.allowed(), decision.detail());
    }

    @Test
    void readmeSignedUrlAndValidatorExamples() {
        TestKeys keys = TestKeys.ec(dir, "ec");
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

        // --- README: signed URL ---
        CloudFrontSigner signer = CloudFrontSigner.of("K3EC0000000000", keys.privateKey(), HashAlgorithm.SHA256);
        String url = SignedUrlFactory.of(signer).sign("https://d111111abcdef8.cloudfront.net/report.pdf",
                Instant.now(clock).plus(Duration.ofMinutes(5)));
        // --- README: validator ---
        SignedRequestValidator validator = SignedRequestValidator.builder()
                .trust("K3EC0000000000", keys.publicKey())
                .clock(clock)
                .build();
        Decision decision = validator.checkUrl(url, "203.0.113.7");
        // --- end ---

        assertTrue(decision.allowed(), decision.detail());
    }

    @Test
    void policyStatementJavadocExample_readsTheCookieBackWithoutAKey() {
        TestKeys keys = TestKeys.rsa(dir, "k");
        Map<String, String> cookies = SignedCookieFactory.builder().signer(CloudFrontSigner.of("K2JCJMDEHXQW5F", keys.privateKey()))
                .build().create(Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/*")
                        .expiresAt(Instant.now().minusSeconds(60)).build()).asMap();

        // --- Javadoc: PolicyStatement ---
        PolicyStatement statement = PolicyStatement.decode(cookies.get(SignedCookies.POLICY));
        boolean expired = !Instant.now().isBefore(statement.expiresAt());
        // --- end ---

        assertTrue(expired);
    }
}
