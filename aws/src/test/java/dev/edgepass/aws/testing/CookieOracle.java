package dev.edgepass.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.Decision;
import dev.edgepass.cloudfront.SignedCookies;
import dev.edgepass.cloudfront.SignedRequestValidator;
import dev.edgepass.core.testing.OpenSsl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks minted cookies with both oracles: edgepass's {@link SignedRequestValidator} (deciding as
 * CloudFront does) and {@code openssl dgst -sha256 -verify} on the decoded policy and signature.
 */
public final class CookieOracle {

    /** A request URL inside the resource the tests sign. */
    public static final String REQUEST_URL = "https://d111111abcdef8.cloudfront.net/private/app/index.html";
    /** The resource the tests sign: a wildcard makes the policy custom, so the cookie carries it. */
    public static final String RESOURCE = "https://d111111abcdef8.cloudfront.net/private/app/*";

    private static final AtomicInteger FILES = new AtomicInteger();

    private CookieOracle() {}

    /** Asserts the cookies carry {@code keyPairId}, pass the validator and verify with OpenSSL against {@code key}. */
    public static void assertAccepted(SignedCookies cookies, String keyPairId, PublicKey key, Clock clock, Path dir) {
        assertAccepted(cookies.asMap(), keyPairId, key, clock, dir);
    }

    /** Asserts cookie name → value pairs (as a browser would send them back) pass both oracles. */
    public static void assertAccepted(Map<String, String> map, String keyPairId, PublicKey key, Clock clock, Path dir) {
        assertEquals(keyPairId, map.get("CloudFront-Key-Pair-Id"));
        assertEquals("SHA256", map.get("CloudFront-Hash-Algorithm"));
        Decision decision = SignedRequestValidator.builder().trust(keyPairId, key).clock(clock).build()
                .checkCookies(REQUEST_URL, map, "192.0.2.10");
        assertEquals(Decision.Reason.ALLOWED, decision.reason(), decision.detail());

        int n = FILES.incrementAndGet();
        try {
            Files.write(dir.resolve("policy" + n + ".json"), cloudFrontBase64(map.get("CloudFront-Policy")));
            Files.write(dir.resolve("signature" + n + ".bin"), cloudFrontBase64(map.get("CloudFront-Signature")));
            Files.writeString(dir.resolve("public" + n + ".pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String out = new String(new OpenSsl(dir).run("dgst", "-sha256", "-verify", "public" + n + ".pem",
                "-signature", "signature" + n + ".bin", "policy" + n + ".json"), StandardCharsets.UTF_8);
        assertTrue(out.contains("Verified OK"), out);
    }

    private static byte[] cloudFrontBase64(String value) {
        return Base64.getDecoder().decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
    }
}
