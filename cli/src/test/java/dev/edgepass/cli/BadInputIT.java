package dev.edgepass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cli.testing.Cli;
import dev.edgepass.cli.testing.Keys;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad arguments and inputs: every one exits 2 with exactly one line on stderr naming the problem,
 * prints nothing on stdout and writes no file.
 */
class BadInputIT {

    static final String URL = "https://d111111abcdef8.cloudfront.net/private/app/index.html";

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        Keys.rsa(dir, "k");
        Files.writeString(dir.resolve("not-json.har"), "<html><body>Export failed</body></html>");
        Files.writeString(dir.resolve("truncated.har"), "{\"log\":{\"version\":\"1.2\",\"entries\":[{\"request\":");
        Files.writeString(dir.resolve("other.har"), "{\"foo\": [1, 2, 3]}");
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\": 42}");
        Files.write(dir.resolve("latin1.txt"), new byte[] {'C', 'o', 'o', 'k', 'i', 'e', ':', ' ', (byte) 0xe9});
        Files.createDirectory(dir.resolve("a-directory"));
        // 50 MB without writing 50 MB: a sparse file has the size the size check sees.
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("big.har").toFile(), "rw")) {
            f.setLength(50L * 1000 * 1000);
        }
    }

    static Stream<Arguments> badInputs() {
        String group = "K2JCJMDEHXQW5F=k.pub.pem";
        return Stream.of(
                Arguments.of(List.of("inspect", "--nope"), "Unknown option: '--nope'"),
                Arguments.of(List.of("nope"), "Unmatched argument at index 0: 'nope'"),
                Arguments.of(List.of("verify-cookies", "--cookie", "a=b", "--url", URL), "Missing required option: '--public-key=ID=FILE'"),
                Arguments.of(List.of("verify-cookies", "--file", "missing.har", "--public-key", group),
                        "cannot read HAR file 'missing.har': no such file"),
                Arguments.of(List.of("verify-cookies", "--file", "not-json.har", "--public-key", group),
                        "HAR file 'not-json.har' is not JSON: unexpected character '<' at line 1, column 1"),
                Arguments.of(List.of("verify-cookies", "--file", "truncated.har", "--public-key", group),
                        "HAR file 'truncated.har' is not JSON: the JSON text ends early"),
                Arguments.of(List.of("verify-cookies", "--file", "other.har", "--public-key", group),
                        "HAR file 'other.har' is JSON but not a HAR file: it has no log.entries array"),
                Arguments.of(List.of("verify-cookies", "--file", "big.har", "--public-key", group),
                        "HAR file 'big.har' has 50.0 MB, at most 16 MiB is read"),
                Arguments.of(List.of("verify-url", "--file", "big.har", "--public-key", group),
                        "HAR file 'big.har' has 50.0 MB, at most 16 MiB is read"),
                Arguments.of(List.of("inspect", "--file", "big.har"), "HAR file 'big.har' has 50.0 MB, at most 16 MiB is read"),
                Arguments.of(List.of("inspect", "--file", "a-directory"), "input file 'a-directory' is a directory"),
                Arguments.of(List.of("inspect", "--file", "latin1.txt"), "input file 'latin1.txt' is not UTF-8 text"),
                Arguments.of(List.of("inspect", "hello=world"), "no CloudFront cookies or signed-URL parameters in TEXT"),
                Arguments.of(List.of("verify-cookies", "--cookie", "CloudFront-Signature=x", "--public-key", group),
                        "a Cookie header does not say which URL was asked: add --url URL"),
                Arguments.of(List.of("verify-cookies", "--cookie", "a=b", "--url", URL, "--public-key", "K2JCJMDEHXQW5F"),
                        "--public-key must be ID=FILE"),
                Arguments.of(List.of("verify-cookies", "--cookie", "a=b", "--url", URL, "--public-key", "K1=nope.pem"),
                        "cannot read public key file 'nope.pem': no such file"),
                Arguments.of(List.of("verify-cookies", "--cookie", "a=b", "--url", URL, "--public-key", "K1=k.pem"),
                        "public key file 'k.pem' for 'K1': "),
                Arguments.of(List.of("verify-cookies", "--cookie", "a=b", "--url", URL, "--public-key", group, "--at", "yesterday"),
                        "--at must be an ISO-8601 time"),
                Arguments.of(List.of("verify-url", "--file", "latin1.txt", "--public-key", group), "is not UTF-8 text"),
                Arguments.of(List.of("verify-url", "CloudFront-Policy=x", "--public-key", group),
                        "URL is not a URL, HAR file or curl -v transcript; for cookies use verify-cookies"),
                Arguments.of(List.of("sign-cookies", "--resource", "https://e.com/\"x", "--private-key", "k.pem", "--key-pair-id", "K1"),
                        "which would break the policy JSON"),
                Arguments.of(List.of("sign-cookies", "--resource", "https://e.com/*", "--private-key", "missing.pem",
                        "--key-pair-id", "K1"), "cannot read private key file 'missing.pem': no such file"),
                Arguments.of(List.of("sign-cookies", "--resource", "https://e.com/*", "--private-key", "k.pub.pem",
                        "--key-pair-id", "K1"), "private key file 'k.pub.pem': "),
                Arguments.of(List.of("sign-cookies", "--resource", "https://e.com/*", "--private-key-env", "EDGEPASS_TEST_UNSET",
                        "--key-pair-id", "K1"), "environment variable 'EDGEPASS_TEST_UNSET' is not set or empty"),
                Arguments.of(List.of("sign-cookies", "--resource", "https://e.com/*", "--private-key", "k.pem"),
                        "give --key-pair-id ID"),
                Arguments.of(List.of("sign-cookies", "--resource", "https://e.com/*", "--private-key", "k.pem", "--key-pair-id",
                        "bad id!"), "--key-pair-id: keyPairId must be 1-128 letters"),
                Arguments.of(List.of("sign-cookies", "--resource", "https://e.com/*", "--private-key", "k.pem", "--key-pair-id",
                        "K1", "--hash", "md5"), "Invalid value for option '--hash'"),
                Arguments.of(List.of("sign-url", "https://e.com/a.pdf", "--resource", "https://other.com/*", "--private-key",
                        "k.pem", "--key-pair-id", "K1"), "does not match"),
                Arguments.of(List.of("keygen", "--algorithm", "dsa"), "--algorithm must be one of rsa-2048, rsa-3072, rsa-4096,"
                        + " ec-p256, was 'dsa'"),
                Arguments.of(List.of("keygen", "--private-key", "no-such-dir/k.pem"), "cannot write 'no-such-dir/k.pem':"
                        + " directory"),
                Arguments.of(List.of("keygen", "--private-key", "same.pem", "--public-key", "same.pem"),
                        "--private-key and --public-key name the same file 'same.pem'"),
                Arguments.of(List.of("verify-token", "a.b.c", "--client-id", "c"), "give --user-pool-id ID (or --issuer URL)"),
                Arguments.of(List.of("verify-token", "a.b.c", "--client-id", "c", "--user-pool-id", "eu-west-2_abc", "--jwks",
                        "jwks.json"), "jwks must be a JWKS document"),
                Arguments.of(List.of("verify-token", "a.b.c", "--client-id", "c", "--user-pool-id", "not a pool"),
                        "userPoolId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInput_exits2_withOneLine_andWritesNothing(List<String> args, String expected) throws IOException {
        Map<String, Long> before = listing();

        Cli.Result r = Cli.run(dir, args.toArray(new String[0]));

        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out(), "nothing on stdout");
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), r::toString);
        String command = args.get(0).startsWith("-") || args.get(0).equals("nope") ? "edgepass" : "edgepass " + args.get(0);
        assertTrue(lines.get(0).startsWith(command + ": "), lines.get(0));
        assertTrue(lines.get(0).contains(expected), () -> "expected '" + expected + "' in: " + lines.get(0));
        assertEquals(before, listing(), "no file written");
    }

    @Test
    void debug_addsTheStackTrace() {
        Cli.Result r = Cli.run(dir, "verify-cookies", "--file", "not-json.har", "--public-key", "K1=k.pub.pem", "--debug");

        assertEquals(2, r.exit());
        assertTrue(r.errLines().size() > 3, r::toString);
        assertTrue(r.err().contains("at dev.edgepass.cli.internal."), r::toString);
    }

    @Test
    void json_errorIsOneJsonLineOnStderr() {
        Cli.Result r = Cli.run(dir, "verify-cookies", "--file", "missing.har", "--public-key", "K1=k.pub.pem", "--json");

        assertEquals(2, r.exit());
        assertEquals(List.of("{\"error\":\"usage\",\"command\":\"edgepass verify-cookies\",\"message\":\"cannot read HAR file"
                + " 'missing.har': no such file\"}"), r.errLines());
    }

    @Test
    void bigHar_onStandardInput_refusedWithoutReadingItAll() {
        String big = "{\"log\":{\"entries\":[" + " ".repeat(17 * 1024 * 1024) + "]}}";

        Cli.Result r = Cli.runWithInput(dir, big, "inspect", "--file", "-");

        assertEquals(2, r.exit());
        assertEquals(List.of("edgepass inspect: standard input has more than 16 MiB, at most 16 MiB is read"),
                r.errLines());
    }

    private static Map<String, Long> listing() throws IOException {
        Map<String, Long> m = new TreeMap<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
        }
        return m;
    }
}
