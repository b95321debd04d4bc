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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cause of a CloudFront 403 on signed cookies, named by {@code edgepass verify-cookies} from a
 * pasted Cookie header and from a HAR file, with the cookies minted by the library itself.
 */
class VerifyCookiesCausesIT {

    static final String HOST = "https://d111111abcdef8.cloudfront.net";
    static final String URL = HOST + "/private/app/index.html";
    static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
    static final String A = "K2JCJMDEHXQW5F";
    static final String B = "K3BBBBBBBBBBBB";
    static final String OUTSIDER = "K9OUTSIDER0000";

    @TempDir
    static Path keysDir;
    static Keys a;
    static Keys b;
    static Keys outsider;

    @BeforeAll
    static void keys() {
        a = Keys.rsa(keysDir, "a");
        b = Keys.ec(keysDir, "b");
        outsider = Keys.rsa(keysDir, "outsider");
    }

    /**
     * One cause.
     *
     * @param cookies  the cookies the browser sent
     * @param viewerIp --viewer-ip, or null
     * @param message  a part of the explanation that names what was found
     */
    record Case(Map<String, String> cookies, String viewerIp, String message) {}

    static Map<String, String> cookies(String keyId, Keys keys, HashAlgorithm hash, Policy policy) {
        return new LinkedHashMap<>(SignedCookieFactory.builder().signer(CloudFrontSigner.of(keyId, keys.privateKey(), hash))
                .build().create(policy).asMap());
    }

    static Policy.Builder privateArea() {
        return Policy.builder().resource(HOST + "/private/*").expiresAt(T.plusSeconds(3600));
    }

    static String cf(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)).replace('+', '-').replace('=', '_')
                .replace('/', '~');
    }

    static Stream<Arguments> causes() {
        Map<String, String> expired = cookies(A, a, HashAlgorithm.SHA1, Policy.builder().resource(HOST + "/private/*")
                .expiresAt(T.minusSeconds(3 * 3600)).build());
        Map<String, String> notYet = cookies(A, a, HashAlgorithm.SHA1, Policy.builder().resource(HOST + "/private/*")
                .activeFrom(T.plusSeconds(3600)).expiresAt(T.plusSeconds(7200)).build());
        Map<String, String> wrongId = cookies(B, b, HashAlgorithm.SHA1, privateArea().build());
        wrongId.put("CloudFront-Key-Pair-Id", A);
        Map<String, String> notInGroup = cookies(OUTSIDER, outsider, HashAlgorithm.SHA1, privateArea().build());
        Map<String, String> otherHost = cookies(A, a, HashAlgorithm.SHA1, Policy.builder()
                .resource("https://example.com/private/*").expiresAt(T.plusSeconds(3600)).build());
        Map<String, String> ip = cookies(A, a, HashAlgorithm.SHA1, privateArea().sourceIp("192.0.2.0/24").build());
        Map<String, String> tampered = cookies(A, a, HashAlgorithm.SHA1, privateArea().build());
        tampered.put("CloudFront-Policy", cf(Policy.builder().resource(HOST + "/*").expiresAt(T.plusSeconds(3600)).build()
                .toJson()));
        Map<String, String> missing = cookies(A, a, HashAlgorithm.SHA1, privateArea().build());
        missing.remove("CloudFront-Signature");
        Map<String, String> malformed = cookies(A, a, HashAlgorithm.SHA1, privateArea().build());
        malformed.put("CloudFront-Policy", cf("{\"Statement\":[{\"Resource\":\"" + HOST + "/private/*\",\"Condition\":"
                + "{\"DateLessThan\":{\"AWS:EpochTime\":\"" + T.plusSeconds(3600).getEpochSecond() + "\"}}}]}"));
        Map<String, String> sha256 = cookies(A, a, HashAlgorithm.SHA256, privateArea().build());
        sha256.remove("CloudFront-Hash-Algorithm");
        Map<String, String> mismatch = cookies(A, a, HashAlgorithm.SHA1, privateArea().build());
        mismatch.put("CloudFront-Hash-Algorithm", "SHA256");
        return Stream.of(
                Arguments.of("expired", new Case(expired, null, "the policy expired at 2026-11-25T09:00:00Z, 3 h before")),
                Arguments.of("not-yet-valid", new Case(notYet, null, "the policy starts at 2026-11-25T13:00:00Z")),
                Arguments.of("wrong-key-id", new Case(wrongId, null, "CloudFront-Key-Pair-Id is '" + A
                        + "' but the signature was made with the private key of '" + B + "'")),
                Arguments.of("key-not-in-group", new Case(notInGroup, null, "'" + OUTSIDER + "', which is not in the key group ["
                        + A + ", " + B + "]")),
                Arguments.of("resource-mismatch", new Case(otherHost, null, "Resource is https://example.com/private/* but the"
                        + " browser asked " + URL)),
                Arguments.of("ip-not-allowed", new Case(ip, "198.51.100.7", "the policy allows only viewers in 192.0.2.0/24 but"
                        + " the viewer's address is '198.51.100.7'")),
                Arguments.of("bad-signature", new Case(tampered, null, "the signature does not verify with the key of '" + A
                        + "' over the policy sent")),
                Arguments.of("missing-cookie", new Case(missing, null, "CloudFront-Signature is missing")),
                Arguments.of("malformed-policy", new Case(malformed, null, "CloudFront-Policy cookie is not what CloudFront"
                        + " reads")),
                Arguments.of("sha256-without-hash-algorithm", new Case(sha256, null, "the signature is SHA-256 but the request"
                        + " carries no CloudFront-Hash-Algorithm")),
                Arguments.of("hash-algorithm-mismatch", new Case(mismatch, null, "CloudFront-Hash-Algorithm is 'SHA256' but the"
                        + " signature is SHA1")));
    }

    static String header(Map<String, String> cookies) {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    static List<String> group() {
        return List.of("--public-key", A + "=" + a.publicPem(), "--public-key", B + "=" + b.publicPem());
    }

    static String[] args(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(group());
        return all.toArray(new String[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("causes")
    void cookieHeader_namesTheCause(String cause, Case c, @TempDir Path dir) {
        List<String> argv = new ArrayList<>(List.of(args("verify-cookies", "--json", "--cookie", "Cookie: " + header(c.cookies()),
                "--url", URL, "--at", T.toString())));
        if (c.viewerIp() != null) {
            argv.addAll(List.of("--viewer-ip", c.viewerIp()));
        }

        Cli.Result r = Cli.run(dir, argv.toArray(new String[0]));

        assertEquals(1, r.exit(), r::toString);
        Map<String, Object> json = r.json();
        assertEquals(cause, json.get("cause"), r::toString);
        assertEquals(false, json.get("allowed"));
        assertTrue(((String) json.get("message")).contains(c.message()), () -> "message: " + json.get("message"));
        assertTrue(!((String) json.get("fix")).isEmpty());
        assertEquals("", r.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("causes")
    void harFile_picksTheRefusedRequest_andNamesTheCause(String cause, Case c, @TempDir Path dir) throws Exception {
        String har = new Har()
                .entry("GET", HOST + "/", 200, null, T.minusSeconds(60))
                .entry("GET", HOST + "/private/login", 302, header(c.cookies()), T.minusSeconds(2))
                .entry("GET", URL, 403, header(c.cookies()), T)
                .entry("GET", HOST + "/favicon.ico", 404, null, T.plusSeconds(1))
                .json();
        Files.writeString(dir.resolve("session.har"), har);
        List<String> argv = new ArrayList<>(List.of(args("verify-cookies", "--json", "--file", "session.har")));
        if (c.viewerIp() != null) {
            argv.addAll(List.of("--viewer-ip", c.viewerIp()));
        }

        Cli.Result r = Cli.run(dir, argv.toArray(new String[0]));

        assertEquals(1, r.exit(), r::toString);
        Map<String, Object> json = r.json();
        assertEquals(cause, json.get("cause"), r::toString);
        assertTrue(((String) json.get("message")).contains(c.message()), () -> "message: " + json.get("message"));
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) json.get("request");
        assertEquals(URL, request.get("url"));
        assertEquals(403L, request.get("status"));
        assertEquals("HAR entry 3 of 4", request.get("origin"));
        assertEquals(T.toString(), json.get("checkedAt"), "checked at the time the request was made");
        assertEquals("the request", json.get("checkedAtSource"));
    }

    @Test
    void cookieHeader_validCookies_accepted() {
        Map<String, String> ok = cookies(A, a, HashAlgorithm.SHA1, privateArea().build());

        Cli.Result r = Cli.run(keysDir, args("verify-cookies", "--cookie", header(ok), "--url", URL, "--at", T.toString()));

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("ACCEPTED  every check passes: signed by " + A + " with SHA1"), r::toString);
    }

    @Test
    void harFile_validCookiesRefusedByCloudFront_acceptedWithAWarningAboutTheBehaviour(@TempDir Path dir) throws Exception {
        Map<String, String> ok = cookies(B, b, HashAlgorithm.SHA256, privateArea().build());
        Files.writeString(dir.resolve("ok.har"), new Har().entry("GET", URL, 403, header(ok), T).json());

        Cli.Result r = Cli.run(dir, args("verify-cookies", "--json", "--file", "ok.har"));

        assertEquals(0, r.exit(), r::toString);
        assertEquals("accepted", r.json().get("cause"));
        assertTrue(r.json().get("warnings").toString().contains("cache behaviour"), r::toString);
    }

    @Test
    void text_resourceMismatch_namesResourceAndRequestedUrlAndTheFix() {
        Map<String, String> otherHost = cookies(A, a, HashAlgorithm.SHA1, Policy.builder()
                .resource("https://example.com/private/*").expiresAt(T.plusSeconds(3600)).build());

        Cli.Result r = Cli.run(keysDir, args("verify-cookies", "--cookie", header(otherHost), "--url", URL, "--at", T.toString()));

        assertEquals(1, r.exit(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals("REFUSED  resource-mismatch (the check that fails: Resource)", lines.get(0));
        assertEquals("  found      Resource is https://example.com/private/* but the browser asked " + URL, lines.get(1));
        assertTrue(lines.get(2).startsWith("  fix        sign for the host the browser uses, such as " + HOST + "/private/*"),
                lines.get(2));
    }

    @Test
    void harFile_ipRangeButNoViewerIp_namesTheRangeWhenEverythingElsePasses(@TempDir Path dir) throws Exception {
        Map<String, String> ip = cookies(A, a, HashAlgorithm.SHA1, privateArea().sourceIp("192.0.2.0/24").build());
        Files.writeString(dir.resolve("ip.har"), new Har().entry("GET", URL, 403, header(ip), T).json());

        Cli.Result r = Cli.run(dir, args("verify-cookies", "--json", "--file", "ip.har"));

        assertEquals(1, r.exit(), r::toString);
        assertEquals("ip-not-allowed", r.json().get("cause"));
        assertEquals("every other check passes; the policy allows only viewers in 192.0.2.0/24 and the viewer's address"
                + " is not known", r.json().get("message"));
        assertEquals("IP_NOT_ALLOWED", r.json().get("reason"), "the validator's own word without an address");
    }

    @Test
    void harFile_ipRangeButNoViewerIp_stillNamesALaterCause_andSaysTheIpWasNotChecked(@TempDir Path dir) throws Exception {
        Map<String, String> ip = cookies(A, a, HashAlgorithm.SHA1, Policy.builder().resource("https://example.com/*")
                .expiresAt(T.plusSeconds(3600)).sourceIp("192.0.2.0/24").build());
        Files.writeString(dir.resolve("ip.har"), new Har().entry("GET", URL, 403, header(ip), T).json());

        Cli.Result r = Cli.run(dir, args("verify-cookies", "--json", "--file", "ip.har"));

        assertEquals("resource-mismatch", r.json().get("cause"), r::toString);
        assertTrue(r.json().get("warnings").toString().contains("the viewer IP was not checked"), r::toString);
    }

    @Test
    void harFile_urlFilter_picksTheNamedRequest(@TempDir Path dir) throws Exception {
        Map<String, String> expired = cookies(A, a, HashAlgorithm.SHA1, Policy.builder().resource(HOST + "/private/*")
                .expiresAt(T.minusSeconds(60)).build());
        Map<String, String> ok = cookies(A, a, HashAlgorithm.SHA1, privateArea().build());
        Files.writeString(dir.resolve("two.har"), new Har()
                .entry("GET", HOST + "/private/a.css", 403, header(expired), T)
                .entry("GET", URL, 200, header(ok), T.plusSeconds(5))
                .json());

        Cli.Result first = Cli.run(dir, args("verify-cookies", "--json", "--file", "two.har"));
        Cli.Result named = Cli.run(dir, args("verify-cookies", "--json", "--file", "two.har", "--url", URL));

        assertEquals("expired", first.json().get("cause"), first::toString);
        assertEquals("accepted", named.json().get("cause"), named::toString);
    }

    @Test
    void curlTranscript_namesTheCause_atTheResponseDate(@TempDir Path dir) throws Exception {
        Map<String, String> expired = cookies(A, a, HashAlgorithm.SHA1, Policy.builder().resource(HOST + "/private/*")
                .expiresAt(T.minusSeconds(7200)).build());
        String transcript = "*   Trying 192.0.2.10:443...\n"
                + "* Connected to d111111abcdef8.cloudfront.net (192.0.2.10) port 443 (#0)\n"
                + "* ALPN: offers h2,http/1.1\n"
                + "* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256\n"
                + "> GET /private/app/index.html HTTP/1.1\n"
                + "> Host: d111111abcdef8.cloudfront.net\n"
                + "> User-Agent: curl/7.88.1\n"
                + "> Accept: */*\n"
                + "> Cookie: " + header(expired) + "\n"
                + ">\n"
                + "< HTTP/1.1 403 Forbidden\n"
                + "< Content-Type: text/xml\n"
                + "< Date: Wed, 25 Nov 2026 12:00:00 GMT\n"
                + "< X-Cache: Error from cloudfront\n"
                + "<\n";
        Files.writeString(dir.resolve("curl.txt"), transcript);

        Cli.Result r = Cli.run(dir, args("verify-cookies", "--json", "--file", "curl.txt"));

        assertEquals(1, r.exit(), r::toString);
        assertEquals("expired", r.json().get("cause"));
        assertEquals(URL, ((Map<?, ?>) r.json().get("request")).get("url"));
        assertEquals(T.toString(), r.json().get("checkedAt"));
    }
}
