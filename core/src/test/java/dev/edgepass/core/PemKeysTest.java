package dev.edgepass.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.core.KeyFormatException.Reason;
import dev.edgepass.core.testing.OpenSsl;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PemKeys against keys written by the real OpenSSL command line in every format it offers. */
class PemKeysTest {

    @TempDir
    static Path dir;
    static OpenSsl openssl;

    @BeforeAll
    static void generateKeys() {
        openssl = new OpenSsl(dir);
        // What the CloudFront docs tell users to run: PKCS#1 RSA.
        openssl.run("genrsa", "-traditional", "-out", "rsa-pkcs1.pem", "2048");
        openssl.run("pkcs8", "-topk8", "-nocrypt", "-in", "rsa-pkcs1.pem", "-out", "rsa-pkcs8.pem");
        openssl.run("pkcs8", "-topk8", "-nocrypt", "-in", "rsa-pkcs1.pem", "-outform", "DER", "-out", "rsa-pkcs8.der");
        openssl.run("rsa", "-in", "rsa-pkcs1.pem", "-traditional", "-outform", "DER", "-out", "rsa-pkcs1.der");
        openssl.run("rsa", "-in", "rsa-pkcs1.pem", "-pubout", "-out", "rsa-pub.pem");
        openssl.run("rsa", "-in", "rsa-pkcs1.pem", "-RSAPublicKey_out", "-out", "rsa-pub-pkcs1.pem");
        openssl.run("rsa", "-in", "rsa-pkcs1.pem", "-pubout", "-outform", "DER", "-out", "rsa-pub.der");
        // openssl ecparam -genkey writes an EC PARAMETERS block before the key.
        openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec-sec1-params.pem");
        openssl.run("ec", "-in", "ec-sec1-params.pem", "-out", "ec-sec1.pem");
        openssl.run("ec", "-in", "ec-sec1-params.pem", "-outform", "DER", "-out", "ec-sec1.der");
        openssl.run("pkcs8", "-topk8", "-nocrypt", "-in", "ec-sec1.pem", "-out", "ec-pkcs8.pem");
        openssl.run("ec", "-in", "ec-sec1.pem", "-pubout", "-out", "ec-pub.pem");
        // Keys that must be refused.
        openssl.run("genrsa", "-traditional", "-out", "rsa-1024.pem", "1024");
        openssl.run("rsa", "-in", "rsa-1024.pem", "-pubout", "-out", "rsa-1024-pub.pem");
        openssl.run("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "ec-p384.pem");
        openssl.run("ec", "-in", "ec-p384.pem", "-pubout", "-out", "ec-p384-pub.pem");
        openssl.run("genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem");
        openssl.run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret", "-in", "rsa-pkcs1.pem",
                "-out", "rsa-encrypted-pkcs8.pem");
        openssl.run("rsa", "-aes256", "-traditional", "-passout", "pass:secret", "-in", "rsa-pkcs1.pem",
                "-out", "rsa-encrypted-legacy.pem");
        openssl.run("req", "-new", "-x509", "-key", "rsa-pkcs1.pem", "-subj", "/CN=edgepass", "-days", "1",
                "-out", "cert.pem");
    }

    static Stream<String> rsaPrivateFormats() {
        return Stream.of("rsa-pkcs1.pem", "rsa-pkcs8.pem");
    }

    @ParameterizedTest
    @MethodSource("rsaPrivateFormats")
    void privateKey_rsaPem_hasOpenSslModulus(String file) {
        RSAPrivateKey key = (RSAPrivateKey) PemKeys.privateKey(openssl.path(file));

        assertEquals(opensslModulus(), key.getModulus());
    }

    @ParameterizedTest
    @MethodSource("rsaPrivateFormats")
    void privateKey_rsaPemAsString_matchesPathOverload(String file) {
        assertEquals(PemKeys.privateKey(openssl.path(file)), PemKeys.privateKey(openssl.read(file)));
    }

    @Test
    void privateKey_rsaDerPkcs1AndPkcs8_haveOpenSslModulus() {
        assertEquals(opensslModulus(), ((RSAPrivateKey) PemKeys.privateKey(openssl.readBytes("rsa-pkcs1.der"))).getModulus());
        assertEquals(opensslModulus(), ((RSAPrivateKey) PemKeys.privateKey(openssl.readBytes("rsa-pkcs8.der"))).getModulus());
    }

    @Test
    void privateKey_rsa_signsWhatOpenSslVerifies() throws Exception {
        PrivateKey key = PemKeys.privateKey(openssl.path("rsa-pkcs1.pem"));
        byte[] data = "{\"Statement\":[]}".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA1withRSA");
        signer.initSign(key);
        signer.update(data);
        Files.write(dir.resolve("data.bin"), data);

        byte[] ours = signer.sign();
        byte[] theirs = openssl.run("dgst", "-sha1", "-sign", "rsa-pkcs1.pem", "data.bin");

        // RSA PKCS#1 v1.5 is deterministic: the same key must give the same bytes.
        assertArrayEquals(theirs, ours);
    }

    @ParameterizedTest
    @MethodSource("ecPrivateFormats")
    void privateKey_ecP256_matchesOpenSslPublicKey(Function<OpenSsl, PrivateKey> load) throws Exception {
        ECPrivateKey key = (ECPrivateKey) load.apply(openssl);
        PublicKey pub = PemKeys.publicKey(openssl.path("ec-pub.pem"));
        byte[] data = "edgepass".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(data);
        byte[] sig = signer.sign();
        Files.write(dir.resolve("ec-data.bin"), data);
        Files.write(dir.resolve("ec-sig.der"), sig);

        String verdict = openssl.text("dgst", "-sha256", "-verify", "ec-pub.pem", "-signature", "ec-sig.der", "ec-data.bin");

        assertEquals("Verified OK", verdict.trim());
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pub);
        verifier.update(data);
        assertTrue(verifier.verify(sig));
    }

    static Stream<Function<OpenSsl, PrivateKey>> ecPrivateFormats() {
        return Stream.of(
                o -> PemKeys.privateKey(o.path("ec-sec1-params.pem")),
                o -> PemKeys.privateKey(o.path("ec-sec1.pem")),
                o -> PemKeys.privateKey(o.path("ec-pkcs8.pem")),
                o -> PemKeys.privateKey(o.readBytes("ec-sec1.der")));
    }

    @ParameterizedTest
    @MethodSource("rsaPublicFormats")
    void publicKey_rsaFormats_haveOpenSslModulus(Function<OpenSsl, PublicKey> load) {
        RSAPublicKey key = (RSAPublicKey) load.apply(openssl);

        assertEquals(opensslModulus(), key.getModulus());
    }

    static Stream<Function<OpenSsl, PublicKey>> rsaPublicFormats() {
        return Stream.of(
                o -> PemKeys.publicKey(o.path("rsa-pub.pem")),
                o -> PemKeys.publicKey(o.read("rsa-pub-pkcs1.pem")),
                o -> PemKeys.publicKey(o.readBytes("rsa-pub.der")));
    }

    /** Bad input catalogue: each row names the input and the reason it must give. */
    static Stream<Arguments> badPrivateKeys() {
        String pkcs1 = read("rsa-pkcs1.pem");
        String body = pkcs1.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
        return Stream.of(
                Arguments.of("empty string", "", Reason.NOT_PEM),
                Arguments.of("whitespace only", " \n\t", Reason.NOT_PEM),
                Arguments.of("garbage text", "this is not a key", Reason.NOT_PEM),
                Arguments.of("bare base64 without header", body, Reason.NOT_PEM),
                Arguments.of("truncated body", pkcs1.substring(0, pkcs1.length() / 2) + "\n-----END RSA PRIVATE KEY-----\n",
                        Reason.MALFORMED),
                Arguments.of("missing END line", pkcs1.substring(0, pkcs1.indexOf("-----END")), Reason.MALFORMED),
                Arguments.of("bad base64 characters", pkcs1.replace(body.substring(10, 20), "!!!!@@@@##"), Reason.MALFORMED),
                Arguments.of("header and footer mismatch", pkcs1.replace("END RSA PRIVATE KEY", "END PRIVATE KEY"),
                        Reason.MALFORMED),
                Arguments.of("PKCS#1 body under PKCS#8 label",
                        pkcs1.replace("RSA PRIVATE KEY", "PRIVATE KEY"), Reason.MALFORMED),
                Arguments.of("public key given", read("rsa-pub.pem"), Reason.UNSUPPORTED_TYPE),
                Arguments.of("certificate given", read("cert.pem"), Reason.UNSUPPORTED_TYPE),
                Arguments.of("encrypted PKCS#8", read("rsa-encrypted-pkcs8.pem"), Reason.ENCRYPTED),
                Arguments.of("encrypted legacy PKCS#1", read("rsa-encrypted-legacy.pem"), Reason.ENCRYPTED),
                Arguments.of("RSA 1024 bits", read("rsa-1024.pem"), Reason.KEY_TOO_SMALL),
                Arguments.of("EC P-384", read("ec-p384.pem"), Reason.UNSUPPORTED_CURVE),
                Arguments.of("Ed25519", read("ed25519.pem"), Reason.UNSUPPORTED_ALGORITHM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPrivateKeys")
    void privateKey_badInput_rejectsWithReason(String name, String pem, Reason expected) {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PemKeys.privateKey(pem));

        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("accepted"), "message says what is accepted: " + e.getMessage());
        assertNoKeyMaterial(e.getMessage());
    }

    static Stream<Arguments> badPublicKeys() {
        return Stream.of(
                Arguments.of("empty string", "", Reason.NOT_PEM),
                Arguments.of("garbage", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", Reason.MALFORMED),
                Arguments.of("private key given", read("rsa-pkcs1.pem"), Reason.UNSUPPORTED_TYPE),
                Arguments.of("certificate given", read("cert.pem"), Reason.UNSUPPORTED_TYPE),
                Arguments.of("RSA 1024 bits", read("rsa-1024-pub.pem"), Reason.KEY_TOO_SMALL),
                Arguments.of("EC P-384", read("ec-p384-pub.pem"), Reason.UNSUPPORTED_CURVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPublicKeys")
    void publicKey_badInput_rejectsWithReason(String name, String pem, Reason expected) {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PemKeys.publicKey(pem));

        assertEquals(expected, e.reason(), e.getMessage());
        assertNoKeyMaterial(e.getMessage());
    }

    static Stream<Arguments> badDer() {
        byte[] der = readBytes("rsa-pkcs8.der");
        byte[] truncated = new byte[der.length / 2];
        System.arraycopy(der, 0, truncated, 0, truncated.length);
        return Stream.of(
                Arguments.of("empty", new byte[0], Reason.NOT_PEM),
                Arguments.of("truncated", truncated, Reason.MALFORMED),
                Arguments.of("random bytes", new byte[] {1, 2, 3, 4, 5}, Reason.MALFORMED),
                Arguments.of("PEM text as bytes", read("rsa-pkcs1.pem").getBytes(StandardCharsets.US_ASCII),
                        Reason.MALFORMED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDer")
    void privateKey_badDer_rejectsWithReason(String name, byte[] der, Reason expected) {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PemKeys.privateKey(der));

        assertEquals(expected, e.reason(), e.getMessage());
    }

    @Test
    void privateKey_labelWithControlCharacters_isEscapedAndCut() {
        String label = "X\u0007".repeat(80);
        String pem = "-----BEGIN " + label + "-----\nAAAA\n-----END " + label + "-----\n";

        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PemKeys.privateKey(pem));

        assertFalse(e.getMessage().contains("\u0007"), e.getMessage());
        assertTrue(e.getMessage().length() < 600, e.getMessage());
    }

    @Test
    void privateKey_missingFile_throwsUncheckedIo() {
        assertThrows(UncheckedIOException.class, () -> PemKeys.privateKey(dir.resolve("absent.pem")));
    }

    @Test
    void entryPoints_null_throwNullPointerNamingParameter() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> PemKeys.privateKey((String) null));
        assertEquals("pem", e.getMessage());
        assertThrows(NullPointerException.class, () -> PemKeys.privateKey((Path) null));
        assertThrows(NullPointerException.class, () -> PemKeys.privateKey((byte[]) null));
        assertThrows(NullPointerException.class, () -> PemKeys.publicKey((String) null));
        assertThrows(NullPointerException.class, () -> PemKeys.requireSupported(null));
    }

    @Test
    void requireSupported_acceptsLoadedKeys() {
        PrivateKey key = PemKeys.privateKey(openssl.path("ec-pkcs8.pem"));

        assertInstanceOf(ECPrivateKey.class, PemKeys.requireSupported(key));
    }

    private static BigInteger opensslModulus() {
        String line = openssl.text("rsa", "-in", "rsa-pkcs1.pem", "-noout", "-modulus").trim();
        return new BigInteger(line.substring(line.indexOf('=') + 1), 16);
    }

    /** No 12-character run of any key file's base64 body may appear in a message. */
    private static void assertNoKeyMaterial(String message) {
        for (String file : new String[] {"rsa-pkcs1.pem", "rsa-pub.pem", "rsa-1024.pem", "ec-p384.pem"}) {
            String body = read(file).replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
            for (int i = 0; i + 12 <= body.length(); i += 6) {
                assertFalse(message.contains(body.substring(i, i + 12)), "message leaks key material: " + message);
            }
        }
        assertFalse(message.contains(Base64.getEncoder().encodeToString(readBytes("rsa-pkcs8.der")).substring(0, 40)));
    }

    private static String read(String name) {
        return openssl.read(name);
    }

    private static byte[] readBytes(String name) {
        return openssl.readBytes(name);
    }
}
