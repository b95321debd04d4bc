package dev.edgepass.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.deploy.testing.Synth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploySettingsTest {

    private static final Path JAR = Path.of("lambda.jar");
    private static final String KEY = Synth.publicKeyPem();

    @TempDir
    Path dir;

    private static DeploySettings read(Map<String, Object> context) {
        return DeploySettings.fromContext(context::get, JAR);
    }

    @Test
    void defaults_secretCustodyX86AndOneHourCookies() {
        DeploySettings s = read(Map.of("publicKeyPem", KEY));
        assertEquals(DeploySettings.KeyCustody.SECRET, s.keyCustody());
        assertEquals(DeploySettings.Architecture.X86_64, s.architecture());
        assertEquals(Duration.ofHours(1), s.cookieLifetime());
        assertEquals(Duration.ofMinutes(5), s.keyRefresh());
        assertEquals(JAR, s.lambdaJar());
        assertEquals(DeploySettings.Stage.SITE, s.stage());
        assertFalse(s.requireMfa());
        assertFalse(s.snapStart(), "the secrets extension does not work under SnapStart");
        assertTrue(read(Map.of("keyCustody", "kms")).snapStart());
        assertTrue(read(Map.of("publicKeyPem", KEY, "snapStart", "true")).snapStart());
    }

    @Test
    void stages_followWhatIsKnown() {
        assertEquals(DeploySettings.Stage.SIGNING_KEY, read(Map.of("keyCustody", "kms")).stage());
        assertEquals(DeploySettings.Stage.COMPLETE, read(Map.of("publicKeyPem", KEY, "siteOrigin", Synth.SITE_ORIGIN)).stage());
    }

    @Test
    void publicKeyFile_isReadAndFingerprinted() throws Exception {
        Path file = dir.resolve("public_key.pem");
        Files.writeString(file, KEY);
        DeploySettings s = read(Map.of("publicKeyFile", file.toString()));
        assertEquals(12, s.publicKey().orElseThrow().fingerprint().length());
        assertEquals(s.publicKey().orElseThrow().fingerprint(), read(Map.of("publicKeyPem", KEY)).publicKey().orElseThrow().fingerprint());
        assertFalse(s.toString().contains(KEY.substring(30, 60)), "no key material in toString");
    }

    @Test
    void siteOrigin_trailingSlashIsDropped() {
        assertEquals(Synth.SITE_ORIGIN, read(Map.of("publicKeyPem", KEY, "siteOrigin", Synth.SITE_ORIGIN + "/"))
                .siteOrigin().orElseThrow().toString());
    }

    static Stream<Arguments> badContext() {
        return Stream.of(
                Arguments.of(Map.of(), "publicKeyFile (or publicKeyPem) must be given"),
                Arguments.of(Map.of("publicKeyPem", "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"),
                        "publicKeyPem must be a PEM 'BEGIN PUBLIC KEY' block"),
                Arguments.of(Map.of("publicKeyPem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
                        "publicKeyPem is not a readable public key"),
                Arguments.of(Map.of("publicKeyPem", KEY, "publicKeyFile", "x.pem"), "give publicKeyPem or publicKeyFile, not both"),
                Arguments.of(Map.of("publicKeyFile", "/no/such/file.pem"), "publicKeyFile names no readable file"),
                Arguments.of(Map.of("publicKeyPem", KEY, "previousPublicKeyPem", KEY), "is the same key as publicKeyFile"),
                Arguments.of(Map.of("keyCustody", "kms", "previousPublicKeyPem", KEY), "previousPublicKeyFile needs publicKeyFile"),
                Arguments.of(Map.of("keyCustody", "kms", "siteOrigin", Synth.SITE_ORIGIN), "siteOrigin needs publicKeyFile"),
                Arguments.of(Map.of("publicKeyPem", KEY, "siteOrigin", "http://d1.cloudfront.net"), "siteOrigin must be https://HOST"),
                Arguments.of(Map.of("publicKeyPem", KEY, "siteOrigin", "https://d1.cloudfront.net/app"), "siteOrigin must be https://HOST"),
                Arguments.of(Map.of("publicKeyPem", KEY, "keyCustody", "hsm"), "keyCustody must be secret or kms, was hsm"),
                Arguments.of(Map.of("publicKeyPem", KEY, "architecture", "i386"), "architecture must be x86_64 or arm64, was i386"),
                Arguments.of(Map.of("publicKeyPem", KEY, "paramsSecretsLayerArn", "arn:aws:lambda:eu-west-2:1:layer:x"),
                        "paramsSecretsLayerArn must be a layer version ARN"),
                Arguments.of(Map.of("publicKeyPem", KEY, "keyCustody", "kms", "paramsSecretsLayerArn",
                        "arn:aws:lambda:eu-west-2:133256977650:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12"),
                        "paramsSecretsLayerArn is for keyCustody=secret"),
                Arguments.of(Map.of("publicKeyPem", KEY, "cookieLifetime", "1h"), "cookieLifetime must be an ISO-8601 duration"),
                Arguments.of(Map.of("publicKeyPem", KEY, "cookieLifetime", "PT0S"), "cookieLifetime must be positive"),
                Arguments.of(Map.of("publicKeyPem", KEY, "keyRefresh", "PT10S"), "keyRefresh must be at least PT1M"),
                Arguments.of(Map.of("publicKeyPem", KEY, "authDomainPrefix", "my-aws-login"), "authDomainPrefix must be lower-case"),
                Arguments.of(Map.of("publicKeyPem", KEY, "authDomainPrefix", "Upper"), "authDomainPrefix must be lower-case"),
                Arguments.of(Map.of("publicKeyPem", KEY, "requireMfa", "yes"), "requireMfa must be true or false, was yes"),
                Arguments.of(Map.of("publicKeyPem", KEY, "snapStart", "on"), "snapStart must be true or false, was on"));
    }

    @ParameterizedTest
    @MethodSource("badContext")
    void fromContext_badValue_isRefusedNamingTheParameter(Map<String, Object> context, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(new HashMap<>(context)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void publicKey_rsa1024_isRefused() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of("publicKeyPem", pem)));
        assertTrue(e.getMessage().contains("RSA 2048") || e.getMessage().contains("not a readable public key"), e.getMessage());
    }
}
