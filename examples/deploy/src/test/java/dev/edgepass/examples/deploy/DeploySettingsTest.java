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

    private static final Path JAR = Path.of("lambda-aws.jar");
    private static final Path SDK_JAR = Path.of("lambda-aws-sdk.jar");
    private static final String KEY = Synth.publicKeyPem();

    @TempDir
    Path dir;

    private static DeploySettings read(Map<String, Object> context) {
        return DeploySettings.fromContext(context::get, JAR, SDK_JAR);
    }

    @Test
    void defaults_secretReadByTheSdkWithSnapStart_x86_oneHourCookies() {
        DeploySettings s = read(Map.of("publicKeyPem", KEY));
        assertEquals(DeploySettings.KeyCustody.SECRET, s.keyCustody());
        assertEquals(DeploySettings.SecretReader.SDK, s.secretReader());
        assertTrue(s.snapStart());
        assertTrue(s.usesSdk());
        assertEquals(SDK_JAR, s.lambdaJar());
        assertEquals(DeploySettings.Architecture.X86_64, s.architecture());
        assertEquals(Duration.ofHours(1), s.cookieLifetime());
        assertEquals(Duration.ofMinutes(5), s.keyRefresh());
        assertEquals(DeploySettings.Stage.SITE, s.stage());
        assertFalse(s.requireMfa());
    }

    @Test
    void extensionReader_takesTheJarWithoutTheSdk_andTurnsSnapStartOff() {
        DeploySettings s = read(Map.of("publicKeyPem", KEY, "secretReader", "extension"));
        assertEquals(DeploySettings.SecretReader.EXTENSION, s.secretReader());
        assertFalse(s.snapStart(), "the extension authenticates with AWS_SESSION_TOKEN, which SnapStart functions lack");
        assertFalse(s.usesSdk());
        assertEquals(JAR, s.lambdaJar());
        assertTrue(read(Map.of("publicKeyPem", KEY, "secretReader", "extension", "snapStart", "true")).snapStart());
    }

    @Test
    void kmsCustody_usesTheSdkJarWithSnapStart() {
        DeploySettings s = read(Map.of("keyCustody", "kms"));
        assertTrue(s.snapStart());
        assertTrue(s.usesSdk());
        assertEquals(SDK_JAR, s.lambdaJar());
    }

    @Test
    void snapStartAndJar_canBeChosen() {
        assertFalse(read(Map.of("publicKeyPem", KEY, "snapStart", "false")).snapStart());
        assertEquals(Path.of("my.jar"), read(Map.of("publicKeyPem", KEY, "lambdaJar", "my.jar")).lambdaJar());
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
                Arguments.of(Map.of("publicKeyPem", KEY, "paramsSecretsLayerArn",
                        "arn:aws:lambda:eu-west-2:133256977650:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12"),
                        "paramsSecretsLayerArn is for secretReader=extension"),
                Arguments.of(Map.of("publicKeyPem", KEY, "secretReader", "vault"), "secretReader must be sdk or extension, was vault"),
                Arguments.of(Map.of("keyCustody", "kms", "secretReader", "extension"), "secretReader is for keyCustody=secret"),
                Arguments.of(Map.of("keyCustody", "kms", "secretReader", "sdk"), "secretReader is for keyCustody=secret"),
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
