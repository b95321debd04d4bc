package dev.edgepass.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.testing.Keys;
import dev.edgepass.core.testing.LambdaExtensionStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Lambda extension source against a stand-in that answers as the extension does. */
class LambdaExtensionKeySourceTest {

    static final KeyPair RSA = Keys.rsa(2048);
    static LambdaExtensionStandIn extension;

    @BeforeAll
    static void start() {
        extension = new LambdaExtensionStandIn()
                .secret("prod/cloudfront-key", Keys.jsonSecret("K2JCJMDEHXQW5F", RSA))
                .parameter("/edgepass/cloudfront key", Keys.jsonSecret("K3PARAMETER", RSA))
                .secret("empty", "")
                .secret("bare-pem", Keys.privatePem(RSA))
                .binarySecret("binary", new byte[] {1, 2, 3})
                .answer("forbidden", 403, "{}")
                .answer("gone", 404, "{}")
                .answer("broken", 500, "{\"message\":\"internal\"}")
                .answer("throttled", 429, "{}")
                .answer("denied", 400, "{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:sts::1:assumed-role/x\"}")
                .answer("kms-denied", 400, "{\"__type\":\"DecryptionFailure\"}")
                .answer("invalid", 400, "{\"__type\":\"InvalidRequestException\",\"message\":\"marked for deletion\"}")
                .answer("not-json", 200, "<html>hello</html>")
                .answer("no-value", 200, "{\"Name\":\"no-value\"}")
                .hang("slow");
    }

    @AfterAll
    static void stop() {
        extension.close();
    }

    static LambdaExtensionKeySource.Builder secret(String id) {
        return LambdaExtensionKeySource.secretsManager(id).endpoint(extension.endpoint())
                .sessionToken(LambdaExtensionStandIn.TOKEN).timeout(Duration.ofSeconds(5));
    }

    @Test
    void secretsManager_jsonSecret_givesIdAndKey() {
        SigningKey key = secret("prod/cloudfront-key").build().load();

        assertEquals("K2JCJMDEHXQW5F", key.keyPairId());
        assertEquals(RSA.getPrivate(), key.privateKey());
    }

    @Test
    void parameterStore_nameWithSlashesAndSpace_isEncodedAndRead() {
        LambdaExtensionKeySource source = LambdaExtensionKeySource.parameterStore("/edgepass/cloudfront key")
                .endpoint(extension.endpoint()).sessionToken(LambdaExtensionStandIn.TOKEN).build();

        assertEquals("K3PARAMETER", source.load().keyPairId());
        assertEquals("/systemsmanager/parameters/get?name=%2Fedgepass%2Fcloudfront%20key&withDecryption=true",
                source.uri().getRawPath() + "?" + source.uri().getRawQuery());
    }

    @Test
    void barePem_withConfiguredId_isRead() {
        SigningKey key = secret("bare-pem").format(SecretFormat.pem("K2JCJMDEHXQW5F")).build().load();

        assertEquals("K2JCJMDEHXQW5F", key.keyPairId());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("missing", Reason.NOT_FOUND),
                Arguments.of("gone", Reason.NOT_FOUND),
                Arguments.of("forbidden", Reason.ACCESS_DENIED),
                Arguments.of("denied", Reason.ACCESS_DENIED),
                Arguments.of("kms-denied", Reason.ACCESS_DENIED),
                Arguments.of("broken", Reason.UNAVAILABLE),
                Arguments.of("throttled", Reason.UNAVAILABLE),
                Arguments.of("invalid", Reason.REJECTED),
                Arguments.of("not-json", Reason.MALFORMED_RESPONSE),
                Arguments.of("no-value", Reason.MALFORMED_RESPONSE),
                Arguments.of("empty", Reason.EMPTY_SECRET),
                Arguments.of("binary", Reason.BINARY_SECRET),
                Arguments.of("bare-pem", Reason.MISSING_FIELD),
                Arguments.of("slow", Reason.TIMEOUT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void load_extensionAnswer_givesTypedReason(String secretId, Reason expected) {
        LambdaExtensionKeySource source = secret(secretId).build();

        KeySourceException e = assertTimeoutPreemptively(LambdaExtensionStandIn.hangGuard(),
                () -> assertThrows(KeySourceException.class, source::load));

        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(secretId), e.getMessage());
        assertFalse(e.getMessage().contains(LambdaExtensionStandIn.TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("assumed-role"), "the error body leaked: " + e.getMessage());
    }

    @Test
    void load_wrongToken_isAccessDenied() {
        KeySourceException e = assertThrows(KeySourceException.class,
                () -> secret("prod/cloudfront-key").sessionToken("someone-elses-token").build().load());

        assertEquals(Reason.ACCESS_DENIED, e.reason());
        assertFalse(e.getMessage().contains("someone-elses-token"));
    }

    @Test
    void load_extensionNotStartedYet_isUnavailableThenWorks() {
        LambdaExtensionKeySource source = secret("prod/cloudfront-key").build();
        extension.notReadyFor(1);

        assertEquals(Reason.UNAVAILABLE, assertThrows(KeySourceException.class, source::load).reason());
        assertEquals("K2JCJMDEHXQW5F", source.load().keyPairId());
    }

    @Test
    void load_nothingListening_isUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LambdaExtensionKeySource source = LambdaExtensionKeySource.secretsManager("x")
                .endpoint(URI.create("http://127.0.0.1:" + port)).sessionToken("t").build();

        assertEquals(Reason.UNAVAILABLE, assertThrows(KeySourceException.class, source::load).reason());
    }

    @Test
    void build_portAndTokenFromTheEnvironment_areUsed() {
        Map<String, String> env = Map.of("AWS_SESSION_TOKEN", LambdaExtensionStandIn.TOKEN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port()));
        LambdaExtensionKeySource source = LambdaExtensionKeySource.secretsManager("prod/cloudfront-key").environment(env).build();

        assertEquals(URI.create("http://localhost:" + extension.port() + "/secretsmanager/get?secretId=prod%2Fcloudfront-key"),
                source.uri());
        assertEquals("K2JCJMDEHXQW5F", source.load().keyPairId());
        assertFalse(source.toString().contains(LambdaExtensionStandIn.TOKEN));
    }

    @Test
    void build_defaultPort_is2773() {
        LambdaExtensionKeySource source = LambdaExtensionKeySource.parameterStore("p")
                .environment(Map.of("AWS_SESSION_TOKEN", "t")).build();

        assertEquals(2773, source.uri().getPort());
    }

    @Test
    void build_outsideLambda_isRefusedWithTheVariableName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LambdaExtensionKeySource.secretsManager("x").environment(Map.of()).build());
        assertTrue(e.getMessage().contains("AWS_SESSION_TOKEN"));

        IllegalStateException port = assertThrows(IllegalStateException.class, () -> LambdaExtensionKeySource
                .secretsManager("x").environment(Map.of("AWS_SESSION_TOKEN", "t", "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "99999"))
                .build());
        assertTrue(port.getMessage().contains("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"));
    }

    @Test
    void builder_badArguments_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> LambdaExtensionKeySource.secretsManager(" "));
        assertThrows(IllegalArgumentException.class, () -> LambdaExtensionKeySource.parameterStore("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> secret("x").timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> secret("x").endpoint(URI.create("ftp://127.0.0.1")));
        assertThrows(NullPointerException.class, () -> secret("x").format(null));
    }
}
