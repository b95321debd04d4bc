package dev.edgepass.examples.login;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.aws.testing.Clients;
import dev.edgepass.aws.testing.CookieOracle;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.RefreshingKeySource;
import dev.edgepass.core.testing.Keys;
import dev.edgepass.core.testing.LambdaExtensionStandIn;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** LoginConfig.fromEnvironment with every EDGEPASS_KEY_SOURCE, against the extension and AWS stand-ins. */
class KeySourceConfigTest {

    static final KeyPair RSA = Keys.rsa(2048);
    static final KeyPair EC = Keys.ec();
    static final String STATE_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    static Path dir;
    static CognitoStandIn cognito;
    static LambdaExtensionStandIn extension;
    static AwsStandIn aws;

    @BeforeAll
    static void start() {
        cognito = new CognitoStandIn();
        extension = new LambdaExtensionStandIn().secret("prod/cf", Keys.jsonSecret("KSECRETEXT", RSA))
                .parameter("/prod/cf", Keys.jsonSecret("KPARAMEXT", EC));
        aws = new AwsStandIn().secret("prod/cf", Keys.jsonSecret("KSECRETSDK", EC))
                .parameter("/prod/cf", Keys.jsonSecret("KPARAMSDK", RSA))
                .kmsKey("alias/edgepass", RSA, "RSA_2048")
                .kmsKey("alias/edgepass-ec", EC, "ECC_NIST_P256");
    }

    @AfterAll
    static void stop() {
        cognito.close();
        extension.close();
        aws.close();
    }

    static Map<String, String> env(String source) {
        Map<String, String> env = new HashMap<>();
        env.put("EDGEPASS_ISSUER", cognito.issuer().toString());
        env.put("EDGEPASS_CLIENT_ID", Fixtures.CLIENT_ID);
        env.put("EDGEPASS_JWKS_JSON", cognito.jwksJson());
        env.put("EDGEPASS_HOSTED_UI", cognito.baseUri().toString());
        env.put("EDGEPASS_SITE_ORIGIN", Fixtures.SITE_ORIGIN.toString());
        env.put("EDGEPASS_IMPLICIT_FLOW", "true");
        env.put("EDGEPASS_HASH_ALGORITHM", "SHA256");
        env.put("EDGEPASS_KEY_SOURCE", source);
        env.put("AWS_SESSION_TOKEN", LambdaExtensionStandIn.TOKEN);
        env.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port()));
        env.put("AWS_REGION", AwsStandIn.REGION);
        env.put("EDGEPASS_AWS_ENDPOINT", aws.endpoint().toString());
        env.put("EDGEPASS_KEY_SECRET_ID", "prod/cf");
        env.put("EDGEPASS_KEY_PARAMETER_NAME", "/prod/cf");
        env.put("EDGEPASS_KMS_KEY_ID", "alias/edgepass");
        env.put("EDGEPASS_KEY_PAIR_ID", "KKMSKEY");
        env.put("EDGEPASS_STATE_KEY", STATE_KEY);
        return env;
    }

    static Stream<Arguments> sources() {
        return Stream.of(Arguments.of("secrets-extension", "KSECRETEXT", RSA), Arguments.of("parameter-extension", "KPARAMEXT", EC),
                Arguments.of("secrets-manager", "KSECRETSDK", EC), Arguments.of("ssm", "KPARAMSDK", RSA),
                Arguments.of("kms", "KKMSKEY", RSA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void login_withEachKeySource_setsCookiesThatPassBothOracles(String source, String keyPairId, KeyPair pair) {
        LoginHandler handler = LoginHandler.create(LoginConfig.fromEnvironment(env(source), Fixtures.CLOCK));

        LoginResponse response = handler.handle(LoginRequest.builder().path("/private/login")
                .header("Authorization", "Bearer " + cognito.idToken("alice")).build());

        assertEquals(302, response.status(), response.body());
        Map<String, String> cookies = new HashMap<>();
        for (String header : response.setCookies()) {
            String pairText = header.split(";")[0];
            cookies.put(pairText.substring(0, pairText.indexOf('=')), pairText.substring(pairText.indexOf('=') + 1));
        }
        cookies.remove("edgepass-login");
        CookieOracle.assertAccepted(cookies, keyPairId, pair.getPublic(), Fixtures.CLOCK, dir);
    }

    @Test
    void kms_burstOfLogins_signsOncePerReuseWindow() {
        LoginHandler handler = LoginHandler.create(LoginConfig.fromEnvironment(env("kms"), Fixtures.CLOCK));
        int before = aws.count("Sign");

        for (int i = 0; i < 50; i++) {
            assertEquals(302, handler.handle(LoginRequest.builder().path("/private/login")
                    .header("Authorization", "Bearer " + cognito.idToken("user" + i)).build()).status());
        }

        assertEquals(1, aws.count("Sign") - before);
    }

    @Test
    void kms_throttled_answers503AndSetsNoCookie() {
        aws.kmsKey("throttled-key", RSA, "RSA_2048");
        Map<String, String> env = env("kms");
        env.put("EDGEPASS_KMS_KEY_ID", "throttled-key");
        LoginHandler handler = LoginHandler.create(LoginConfig.fromEnvironment(env, Fixtures.CLOCK));
        aws.fail("throttled-key", 400, "ThrottlingException");

        LoginResponse response = handler.handle(LoginRequest.builder().path("/private/login")
                .header("Authorization", "Bearer " + cognito.idToken("alice")).build());

        assertEquals(503, response.status(), response.body());
        assertTrue(response.setCookies().isEmpty());
    }

    @Test
    void extensionNotReadyAtStartUp_isRetried() {
        extension.notReadyFor(2);

        LoginConfig config = LoginConfig.fromEnvironment(env("secrets-extension"), Fixtures.CLOCK);

        assertEquals("KSECRETEXT", config.cookieFactory().signer().keyPairId());
    }

    @Test
    void badSecretAtStartUp_failsWithTheTypedReason() {
        Map<String, String> env = env("secrets-manager");
        env.put("EDGEPASS_KEY_SECRET_ID", "no/such/secret");

        KeySourceException e = assertThrows(KeySourceException.class, () -> LoginConfig.fromEnvironment(env, Fixtures.CLOCK));

        assertEquals(KeySourceException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("no/such/secret"), e.getMessage());
    }

    static Stream<Arguments> badEnvironments() {
        return Stream.of(
                Arguments.of("unknown source", "EDGEPASS_KEY_SOURCE", "vault", "EDGEPASS_KEY_SOURCE"),
                Arguments.of("kms with SHA1", "EDGEPASS_HASH_ALGORITHM", "SHA1", "EDGEPASS_HASH_ALGORITHM"),
                Arguments.of("kms with a spec CloudFront cannot use", "EDGEPASS_KMS_KEY_SPEC", "ECC_NIST_P384", "EDGEPASS_KMS_KEY_SPEC"),
                Arguments.of("kms without key id", "EDGEPASS_KMS_KEY_ID", null, "EDGEPASS_KMS_KEY_ID"),
                Arguments.of("sdk without region", "AWS_REGION", null, "AWS_REGION"),
                Arguments.of("bad refresh interval", "EDGEPASS_KEY_REFRESH", "5 minutes", "EDGEPASS_KEY_REFRESH"),
                Arguments.of("bad reuse window", "EDGEPASS_SIGNATURE_REUSE", "PT0.5S", "EDGEPASS_SIGNATURE_REUSE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvironments")
    void fromEnvironment_badKeyConfiguration_namesTheVariable(String name, String variable, String value, String named) {
        Map<String, String> env = env("kms");
        if (variable.equals("AWS_REGION") || variable.equals("EDGEPASS_KEY_REFRESH")) {
            env.put("EDGEPASS_KEY_SOURCE", "ssm");
        }
        if (value == null) {
            env.remove(variable);
        } else {
            env.put(variable, value);
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoginConfig.fromEnvironment(env, Fixtures.CLOCK));

        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void kms_rsaKeyWithoutStateKey_derivesTheSameStateKeyOnEveryInstance() throws Exception {
        Map<String, String> env = env("kms");
        env.remove("EDGEPASS_STATE_KEY");
        int signs = aws.count("Sign");

        byte[] first = LoginConfig.fromEnvironment(env, Fixtures.CLOCK).stateKey();
        byte[] second = LoginConfig.fromEnvironment(env, Fixtures.CLOCK).stateKey();

        assertEquals(2, aws.count("Sign") - signs, "one Sign per start-up");
        // The oracle: the JDK's own RSASSA-PKCS1-v1_5 SHA-256 signature of the label with the key
        // KMS holds, as the HMAC key of the same label.
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(RSA.getPrivate());
        byte[] label = "edgepass login state v1".getBytes(StandardCharsets.US_ASCII);
        rsa.update(label);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(rsa.sign(), "HmacSHA256"));
        byte[] expected = mac.doFinal(label);
        assertArrayEquals(expected, first);
        assertArrayEquals(expected, second);
    }

    @Test
    void kms_stateKeyGiven_isUsedAndNoExtraSignIsMade() {
        int signs = aws.count("Sign");

        LoginConfig config = LoginConfig.fromEnvironment(env("kms"), Fixtures.CLOCK);

        assertArrayEquals(new byte[32], config.stateKey());
        assertEquals(0, aws.count("Sign") - signs);
    }

    @Test
    void kms_ecKeyWithoutStateKey_namesTheVariable() {
        Map<String, String> env = env("kms");
        env.put("EDGEPASS_KMS_KEY_ID", "alias/edgepass-ec");
        env.remove("EDGEPASS_STATE_KEY");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoginConfig.fromEnvironment(env, Fixtures.CLOCK));

        assertTrue(e.getMessage().startsWith("EDGEPASS_STATE_KEY must be set with an EC key in KMS"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secrets-manager", "ssm", "kms"})
    void sdkClients_signWithTheDefaultCredentialsChain_notWithKeysFromEnv(String source) {
        Map<String, String> env = env(source);
        env.put("AWS_ACCESS_KEY_ID", "AKIAPINNEDFROMENVMAP");
        env.put("AWS_SECRET_ACCESS_KEY", "not-the-chain-secret");
        int before = aws.requests().size();

        LoginConfig.fromEnvironment(env, Fixtures.CLOCK);

        List<AwsStandIn.Request> made = aws.requests().subList(before, aws.requests().size());
        assertFalse(made.isEmpty());
        // surefire sets aws.accessKeyId, the first link of the SDK's default chain
        String chainKey = System.getProperty("aws.accessKeyId");
        assertTrue(chainKey != null && !chainKey.isBlank(), "aws.accessKeyId is set by the build");
        for (AwsStandIn.Request r : made) {
            assertEquals(chainKey, r.accessKeyId(), r.toString());
        }
    }

    @Test
    void sdkClients_keepNoConnectionAlive_soNoneIsLeftForASnapshot() {
        LoginConfig config = LoginConfig.fromEnvironment(env("secrets-manager"), Fixtures.CLOCK);
        RefreshingKeySource keys = config.signingKeys().orElseThrow();
        int before = aws.requests().size();

        keys.refresh();
        keys.refresh();

        List<AwsStandIn.Request> made = aws.requests().subList(before, aws.requests().size());
        assertEquals(2, made.size());
        assertEquals(List.of("close", "close"), made.stream().map(AwsStandIn.Request::connection).toList());
        assertNotEquals(made.get(0).clientPort(), made.get(1).clientPort(), "each call on its own connection");
    }

    @Test
    void plainSdkClient_keepsItsConnectionAlive_whichIsWhatTheLoginClientsAvoid() {
        // The control for the test above: without Connection: close the JDK reuses the connection,
        // and the stand-in sees both calls come from one client port.
        try (SecretsManagerClient client = Clients.secretsManager(aws)) {
            int before = aws.requests().size();
            client.getSecretValue(r -> r.secretId("prod/cf"));
            client.getSecretValue(r -> r.secretId("prod/cf"));
            List<AwsStandIn.Request> made = aws.requests().subList(before, aws.requests().size());
            assertEquals(made.get(0).clientPort(), made.get(1).clientPort());
        }
    }

    @Test
    void signingKeys_isThereForTheSecretSources_andEmptyForPemAndKms() {
        assertTrue(LoginConfig.fromEnvironment(env("secrets-manager"), Fixtures.CLOCK).signingKeys().isPresent());
        assertTrue(LoginConfig.fromEnvironment(env("secrets-extension"), Fixtures.CLOCK).signingKeys().isPresent());
        assertTrue(LoginConfig.fromEnvironment(env("kms"), Fixtures.CLOCK).signingKeys().isEmpty());
    }

    @Test
    void secretsExtension_withoutSecretId_namesTheVariable() {
        Map<String, String> env = env("secrets-extension");
        env.remove("EDGEPASS_KEY_SECRET_ID");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoginConfig.fromEnvironment(env, Fixtures.CLOCK));

        assertTrue(e.getMessage().contains("EDGEPASS_KEY_SECRET_ID"), e.getMessage());
    }
}
