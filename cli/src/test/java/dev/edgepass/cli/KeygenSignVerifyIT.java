package dev.edgepass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cli.testing.Cli;
import dev.edgepass.cli.testing.Keys;
import dev.edgepass.core.PemKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key from {@code keygen} signs cookies and URLs that {@code verify-cookies}/{@code verify-url}
 * accept and that {@code openssl dgst -verify} verifies; its public key is what openssl derives
 * and what the library reads.
 */
class KeygenSignVerifyIT {

    static final String ID = "K2JCJMDEHXQW5F";
    static final String HOST = "https://d111111abcdef8.cloudfront.net";

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("rsa-2048", false, "PRIVATE KEY", "sha1"),
                Arguments.of("rsa-2048", true, "RSA PRIVATE KEY", "sha256"),
                Arguments.of("ec-p256", false, "PRIVATE KEY", "sha256"),
                Arguments.of("ec-p256", true, "EC PRIVATE KEY", "sha1"));
    }

    @ParameterizedTest(name = "{0} traditional={1} {3}")
    @MethodSource("keys")
    void keygen_signCookies_verifyCookiesAccepts_andOpensslVerifies(String algorithm, boolean traditional, String label,
            String hash, @TempDir Path dir) throws Exception {
        Cli.Result gen = traditional ? Cli.run(dir, "keygen", "--algorithm", algorithm, "--traditional")
                : Cli.run(dir, "keygen", "--algorithm", algorithm);
        assertEquals(0, gen.exit(), gen::toString);

        Path priv = dir.resolve("private_key.pem");
        Path pub = dir.resolve("public_key.pem");
        assertEquals("-----BEGIN " + label + "-----", Files.readAllLines(priv).get(0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        // The public key is byte for byte what openssl derives from the private key: the SPKI PEM
        // that CloudFront's Create public key takes.
        String derived = Keys.sh(dir, "openssl pkey -in private_key.pem -pubout").out();
        assertEquals(derived, Files.readString(pub));
        Keys.sh(dir, "openssl pkey -in private_key.pem -check -noout");
        var publicKey = PemKeys.publicKey(Files.readString(pub));
        if (algorithm.startsWith("rsa")) {
            assertEquals(2048, ((RSAPublicKey) publicKey).getModulus().bitLength());
        } else {
            assertTrue(publicKey instanceof ECPublicKey);
        }

        Cli.Result signed = Cli.run(dir, "sign-cookies", "--json", "--private-key", "private_key.pem", "--key-pair-id", ID,
                "--resource", HOST + "/private/*", "--expires", "1h", "--hash", hash);
        assertEquals(0, signed.exit(), signed::toString);
        @SuppressWarnings("unchecked")
        Map<String, String> cookies = (Map<String, String>) signed.json().get("cookies");
        String header = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));

        Cli.Result verified = Cli.run(dir, "verify-cookies", "--cookie", header, "--url", HOST + "/private/app/index.html",
                "--public-key", ID + "=public_key.pem");
        assertEquals(0, verified.exit(), verified::toString);
        assertTrue(verified.out().startsWith("ACCEPTED"), verified::toString);

        Files.write(dir.resolve("policy.json"), cloudFrontBase64(cookies.get("CloudFront-Policy")));
        Files.write(dir.resolve("signature.bin"), cloudFrontBase64(cookies.get("CloudFront-Signature")));
        String ok = Keys.sh(dir, "openssl dgst -" + hash + " -verify public_key.pem -signature signature.bin policy.json").out();
        assertEquals("Verified OK", ok.strip());
        assertTrue(new String(Files.readAllBytes(dir.resolve("policy.json")), StandardCharsets.UTF_8)
                .startsWith("{\"Statement\":[{\"Resource\":\"" + HOST + "/private/*\""));
    }

    @Test
    void keygen_signUrl_verifyUrlAccepts_andOpensslVerifiesTheCannedPolicy(@TempDir Path dir) throws Exception {
        assertEquals(0, Cli.run(dir, "keygen").exit());
        String url = HOST + "/private/report.pdf";
        Instant expires = Instant.parse("2031-01-01T00:00:00Z");

        Cli.Result signed = Cli.run(dir, "sign-url", url, "--private-key", "private_key.pem", "--key-pair-id", ID,
                "--expires", expires.toString());
        assertEquals(0, signed.exit(), signed::toString);
        String signedUrl = signed.out().strip();
        assertTrue(signedUrl.startsWith(url + "?Expires=" + expires.getEpochSecond() + "&Signature="), signedUrl);

        Cli.Result verified = Cli.run(dir, "verify-url", signedUrl, "--public-key", ID + "=public_key.pem");
        assertEquals(0, verified.exit(), verified::toString);

        // The canned policy as the CloudFront developer guide spells it, signed over by the URL.
        String canned = "{\"Statement\":[{\"Resource\":\"" + url + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
                + expires.getEpochSecond() + "}}}]}";
        String signature = signedUrl.replaceFirst(".*[?&]Signature=([^&]*).*", "$1");
        Files.writeString(dir.resolve("canned.json"), canned);
        Files.write(dir.resolve("signature.bin"), cloudFrontBase64(signature));
        assertEquals("Verified OK", Keys.sh(dir, "openssl dgst -sha1 -verify public_key.pem -signature signature.bin canned.json")
                .out().strip());
    }

    @Test
    void signCookies_keyFromEnvironment_andCurlOutput(@TempDir Path dir) throws Exception {
        Keys keys = Keys.ec(dir, "ec");
        String pem = Files.readString(keys.privatePem());

        Cli.Result r = Cli.run(dir, null, Map.of("CF_KEY", pem), "sign-cookies", "--private-key-env", "CF_KEY", "--key-pair-id",
                ID, "--resource", HOST + "/private/*", "--url", HOST + "/private/index.html", "--curl");

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().matches("curl -b 'CloudFront-Policy=[A-Za-z0-9_~-]+; CloudFront-Signature=[A-Za-z0-9_~-]+;"
                + " CloudFront-Key-Pair-Id=" + ID + "' '" + HOST + "/private/index.html'\\n"), r.out());
    }

    @Test
    void keygen_existingFile_refusedAndUntouched_forceOverwritesOwnerOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("private_key.pem"), "keep me");

        Cli.Result refused = Cli.run(dir, "keygen");
        assertEquals(2, refused.exit());
        assertEquals(List.of("edgepass keygen: 'private_key.pem' exists; use --force to overwrite it"), refused.errLines());
        assertEquals("keep me", Files.readString(dir.resolve("private_key.pem")));
        assertFalse(Files.exists(dir.resolve("public_key.pem")), "nothing written");

        Cli.Result forced = Cli.run(dir, "keygen", "--force", "-a", "ec-p256");
        assertEquals(0, forced.exit(), forced::toString);
        assertEquals("-----BEGIN PRIVATE KEY-----", Files.readAllLines(dir.resolve("private_key.pem")).get(0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private_key.pem"))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("private_key.pem", "public_key.pem"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file left behind");
        }
    }

    @Test
    void keygen_rsa3072_warnsThatCloudFrontKeyGroupsTakeRsa2048(@TempDir Path dir) {
        Cli.Result r = Cli.run(dir, "keygen", "-a", "rsa-3072", "--json");

        assertEquals(0, r.exit(), r::toString);
        assertEquals("RSA-3072", r.json().get("algorithm"));
        assertTrue(r.json().get("warnings").toString().contains("CloudFront key groups take RSA-2048 and ECDSA P-256"));
        assertEquals(3072, ((RSAPublicKey) PemKeys.publicKey((String) ((Map<?, ?>) r.json().get("publicKey")).get("pem")))
                .getModulus().bitLength());
    }

    private static byte[] cloudFrontBase64(String value) {
        return Base64.getDecoder().decode(value.replace('-', '+').replace('_', '=').replace('~', '/'));
    }
}
