package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.testing.TestKeys;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedUrlFactoryTest {

    private static final Instant EXPIRES = Instant.ofEpochSecond(1767290400);

    @TempDir
    static Path dir;
    static CloudFrontSigner sha1;
    static CloudFrontSigner sha256;

    @BeforeAll
    static void keys() {
        TestKeys rsa = TestKeys.rsa(dir, "rsa");
        sha1 = CloudFrontSigner.of("KID", rsa.privateKey());
        sha256 = CloudFrontSigner.of("KID", rsa.privateKey(), HashAlgorithm.SHA256);
    }

    @Test
    void sign_canned_appendsExpiresSignatureKeyId() {
        String url = SignedUrlFactory.of(sha1).sign("https://e.com/a.jpg", EXPIRES);

        assertTrue(url.matches("https://e\\.com/a\\.jpg\\?Expires=1767290400&Signature=[A-Za-z0-9~_-]+&Key-Pair-Id=KID"), url);
    }

    @Test
    void sign_keepsExistingQueryString() {
        String url = SignedUrlFactory.of(sha1).sign("https://e.com/a.jpg?size=large&license=yes", EXPIRES);

        assertTrue(url.startsWith("https://e.com/a.jpg?size=large&license=yes&Expires=1767290400&Signature="), url);
    }

    @Test
    void sign_custom_usesPolicyParameterAndSha256() {
        Policy policy = Policy.builder().resource("https://e.com/videos/*").expiresAt(EXPIRES).build();

        String url = SignedUrlFactory.of(sha256).sign("https://e.com/videos/a.mp4", policy);

        assertTrue(url.startsWith("https://e.com/videos/a.mp4?Policy="), url);
        assertTrue(url.endsWith("&Key-Pair-Id=KID&Hash-Algorithm=SHA256"), url);
    }

    @Test
    void sign_urlWithSpaces_usesSameWireFormAsPolicy() {
        Policy policy = Policy.builder().resource("https://e.com/my file.mp4").expiresAt(EXPIRES).build();

        String url = SignedUrlFactory.of(sha1).sign("https://e.com/my file.mp4", policy);

        assertTrue(url.startsWith("https://e.com/my%20file.mp4?Expires="), url);
        assertEquals(SignedUrlFactory.of(sha1).sign("https://e.com/my%20file.mp4", policy), url);
    }

    @Test
    void sign_cannedPolicyForAnotherUrl_isRefused() {
        Policy policy = Policy.builder().resource("https://e.com/a.jpg").expiresAt(EXPIRES).build();

        assertThrows(IllegalArgumentException.class, () -> SignedUrlFactory.of(sha1).sign("https://e.com/b.jpg", policy));
    }

    @Test
    void sign_customPolicyNotMatchingUrl_isRefused() {
        Policy policy = Policy.builder().resource("https://e.com/videos/*").expiresAt(EXPIRES).build();

        assertThrows(IllegalArgumentException.class, () -> SignedUrlFactory.of(sha1).sign("https://e.com/images/a.jpg", policy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://e.com/a?Expires=1", "https://e.com/a?x=1&Signature=abc", "https://e.com/*", "e.com/a",
            "https://e.com/a#top"})
    void sign_rejectsUnsignableUrls(String url) {
        assertThrows(IllegalArgumentException.class, () -> SignedUrlFactory.of(sha1).sign(url, EXPIRES));
    }

    @Test
    void sign_overCloudFrontUrlLimit_isUrlTooLong() {
        String url = "https://e.com/" + "a".repeat(8000);
        Policy policy = Policy.builder().resource(url).expiresAt(EXPIRES).build();

        CloudFrontException e = assertThrows(CloudFrontException.class, () -> SignedUrlFactory.of(sha1).sign(url, policy));

        assertEquals(CloudFrontException.Reason.URL_TOO_LONG, e.reason());
        assertTrue(e.getMessage().contains("8192"), e.getMessage());
    }

    @Test
    void sign_rejectsNulls() {
        assertThrows(NullPointerException.class, () -> SignedUrlFactory.of(null));
        assertThrows(NullPointerException.class, () -> SignedUrlFactory.of(sha1).sign(null, EXPIRES));
        assertThrows(NullPointerException.class, () -> SignedUrlFactory.of(sha1).sign("https://e.com/a", (Policy) null));
    }
}
