package dev.edgepass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cli.testing.Cli;
import dev.edgepass.cli.testing.Har;
import dev.edgepass.cli.testing.Keys;
import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedUrlFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code verify-url} on signed URLs and HAR files, and {@code inspect} on every input form. */
class VerifyUrlAndInspectIT {

    static final String HOST = "https://d111111abcdef8.cloudfront.net";
    static final String URL = HOST + "/private/report.pdf";
    static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
    static final String ID = "K2JCJMDEHXQW5F";

    @TempDir
    static Path dir;
    static Keys keys;

    @BeforeAll
    static void keys() {
        keys = Keys.rsa(dir, "k");
    }

    static String sign(HashAlgorithm hash, Policy policy) {
        return SignedUrlFactory.of(CloudFrontSigner.of(ID, keys.privateKey(), hash)).sign(URL, policy);
    }

    static Stream<Arguments> urls() {
        String expired = sign(HashAlgorithm.SHA1, Policy.builder().resource(URL).expiresAt(T.minusSeconds(600)).build());
        String sha256 = sign(HashAlgorithm.SHA256, Policy.builder().resource(URL).expiresAt(T.plusSeconds(600)).build())
                .replace("&Hash-Algorithm=SHA256", "");
        String wildcard = sign(HashAlgorithm.SHA1, Policy.builder().resource(HOST + "/private/*").expiresAt(T.plusSeconds(600))
                .build());
        String otherFile = wildcard.replace("/private/report.pdf", "/public/report.pdf");
        String noSignature = wildcard.replaceFirst("&Signature=[^&]*", "");
        String cannedForOtherUrl = sign(HashAlgorithm.SHA1, Policy.builder().resource(URL).expiresAt(T.plusSeconds(600)).build())
                .replace("report.pdf", "other.pdf");
        return Stream.of(
                Arguments.of("expired", expired),
                Arguments.of("sha256-without-hash-algorithm", sha256),
                Arguments.of("resource-mismatch", otherFile),
                Arguments.of("missing-parameter", noSignature),
                Arguments.of("bad-signature", cannedForOtherUrl),
                Arguments.of("accepted", wildcard));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void verifyUrl_signedUrl_namesTheCause(String cause, String url) {
        Cli.Result r = Cli.run(dir, "verify-url", url, "--public-key", ID + "=k.pub.pem", "--at", T.toString(), "--json");

        assertEquals("accepted".equals(cause) ? 0 : 1, r.exit(), r::toString);
        assertEquals(cause, r.json().get("cause"), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void verifyUrl_harFile_namesTheCause(String cause, String url, @TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("s.har"), new Har().entry("GET", HOST + "/", 200, null, T.minusSeconds(5))
                .entry("GET", url, "accepted".equals(cause) ? 200 : 403, null, T).json());

        Cli.Result r = Cli.run(tmp, "verify-url", "--file", "s.har", "--public-key", ID + "=" + keys.publicPem(), "--json");

        assertEquals(cause, r.json().get("cause"), r::toString);
        assertEquals(url.replaceFirst("\\?.*", ""), ((Map<?, ?>) r.json().get("request")).get("url"),
                "the request without its signing parameters");
    }

    @Test
    void verifyUrl_cannedSignatureForAnotherUrl_saysACannedPolicyCoversOneUrl() {
        String moved = sign(HashAlgorithm.SHA1, Policy.builder().resource(URL).expiresAt(T.plusSeconds(600)).build())
                .replace("report.pdf", "other.pdf");

        Cli.Result r = Cli.run(dir, "verify-url", moved, "--public-key", ID + "=k.pub.pem", "--at", T.toString());

        assertEquals(1, r.exit());
        assertTrue(r.out().contains("over the canned policy for " + HOST + "/private/other.pdf"), r::toString);
        assertTrue(r.out().contains("a canned policy covers exactly the URL it was signed for"), r::toString);
    }

    @Test
    void inspect_cookieHeader_showsPolicyTimesKeyAndSizes() {
        Map<String, String> cookies = SignedCookieFactory.builder().signer(CloudFrontSigner.of(ID, keys.privateKey(),
                HashAlgorithm.SHA256)).build().create(Policy.builder().resource(HOST + "/private/*")
                .expiresAt(T.minusSeconds(3 * 3600 + 5)).sourceIp("192.0.2.0/24").build()).asMap();
        String header = "Cookie: session=abc; " + String.join("; ", cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());

        Cli.Result text = Cli.run(dir, "inspect", header, "--at", T.toString());
        Cli.Result json = Cli.run(dir, "inspect", header, "--at", T.toString(), "--json");

        assertEquals(0, text.exit(), text::toString);
        List<String> lines = text.out().lines().toList();
        assertEquals("CloudFront signed cookies: custom policy, SHA256, key " + ID, lines.get(0));
        assertTrue(lines.contains("  expires      2026-11-25T08:59:55Z (expired 3 h ago)"), text::toString);
        assertTrue(lines.contains("  source IP    192.0.2.0/24"), text::toString);
        assertTrue(lines.contains("  hash         SHA256 (CloudFront-Hash-Algorithm)"), text::toString);
        assertTrue(text.out().contains("\"AWS:SourceIp\": \"192.0.2.0/24\""), "the policy pretty-printed: " + text.out());
        assertTrue(text.out().contains("256 bytes, the size of an RSA-2048 signature"), text::toString);
        Map<String, Object> o = json.json();
        assertEquals("custom", o.get("policyType"));
        assertEquals(HOST + "/private/*", o.get("resource"));
        assertEquals(true, o.get("expired"));
        assertEquals("SHA256", o.get("hashAlgorithm"));
        assertEquals(4, ((List<?>) o.get("cookies")).size(), "the four CloudFront cookies, not the session cookie");
    }

    @Test
    void inspect_setCookieLinesFromSignCookies_showsAttributes(@TempDir Path tmp) {
        Cli.Result signed = Cli.run(dir, "sign-cookies", "--private-key", "k.pem", "--key-pair-id", ID, "--resource", URL,
                "--domain", "d111111abcdef8.cloudfront.net", "--path", "/private/", "--same-site", "strict");
        assertEquals(0, signed.exit(), signed::toString);

        Cli.Result r = Cli.runWithInput(tmp, signed.out(), "inspect", "--file", "-", "--json");

        assertEquals(0, r.exit(), r::toString);
        assertEquals("canned", r.json().get("policyType"));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) r.json().get("cookies")).get(0);
        assertEquals("CloudFront-Expires", first.get("name"));
        Map<?, ?> attributes = (Map<?, ?>) first.get("attributes");
        assertEquals("d111111abcdef8.cloudfront.net", attributes.get("Domain"));
        assertEquals("/private/", attributes.get("Path"));
        assertEquals("Strict", attributes.get("SameSite"));
        assertEquals(true, attributes.get("Secure"));
    }

    @Test
    void inspect_signedUrl_showsUrlLengthAgainstTheLimit() {
        String url = sign(HashAlgorithm.SHA1, Policy.builder().resource(HOST + "/private/*").expiresAt(T.plusSeconds(600))
                .build());

        Cli.Result r = Cli.run(dir, "inspect", url, "--at", T.toString(), "--json");

        assertEquals(0, r.exit(), r::toString);
        assertEquals("url", r.json().get("kind"));
        assertEquals(URL, r.json().get("url"));
        assertEquals((long) url.length(), r.json().get("urlBytes"));
        assertEquals(8192L, r.json().get("urlLimit"));
    }

    @Test
    void inspect_malformedPolicy_printsWhatItCanAndExits1() {
        Cli.Result r = Cli.run(dir, "inspect", "CloudFront-Policy=eyJ%2BbadValue; CloudFront-Signature=abcd; "
                + "CloudFront-Key-Pair-Id=" + ID);

        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("NOT READABLE: policy is not CloudFront base64"), r::toString);
        assertTrue(r.out().contains("something URL-encoded it"), r::toString);
    }
}
