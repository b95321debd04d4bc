package dev.edgepass.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.aws.testing.Clients;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.SecretFormat;
import dev.edgepass.core.SigningKey;
import dev.edgepass.core.SigningKeySource;
import dev.edgepass.core.internal.Json;
import dev.edgepass.core.testing.Keys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** SecretsManagerKeySource and ParameterStoreKeySource with real SDK clients against the stand-in. */
class SdkKeySourcesTest {

    static final KeyPair RSA = Keys.rsa(2048);
    static final String GOOD = Keys.jsonSecret("K2JCJMDEHXQW5F", RSA);
    static AwsStandIn aws;
    static SecretsManagerClient secrets;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        aws = new AwsStandIn();
        for (String[] entry : new String[][] {
                {"good", GOOD},
                {"empty", ""},
                {"no-key-field", "{\"keyPairId\":\"K2JCJMDEHXQW5F\"}"},
                {"no-id-field", "{\"privateKey\":" + Json.quote(Keys.privatePem(RSA)) + "}"},
                {"not-a-key", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nbm90IGEga2V5\\n-----END PRIVATE KEY-----\"}"},
                {"bad-id", "{\"keyPairId\":\"my key\",\"privateKey\":" + Json.quote(Keys.privatePem(RSA)) + "}"},
                {"not-json", "{\"keyPairId\": \"K2JCJMDEHXQW5F\""}}) {
            aws.secret(entry[0], entry[1]).parameter("/edgepass/" + entry[0], entry[1]);
        }
        aws.binarySecret("binary", new byte[] {0x30, (byte) 0x82, 1, 2})
                .secret("denied", GOOD).fail("denied", 400, "AccessDeniedException")
                .parameter("/edgepass/denied", GOOD).fail("/edgepass/denied", 400, "AccessDeniedException")
                .secret("cmk", GOOD).fail("cmk", 400, "DecryptionFailure")
                .parameter("/edgepass/cmk", GOOD).fail("/edgepass/cmk", 400, "InvalidKeyId")
                .secret("throttled", GOOD).fail("throttled", 400, "ThrottlingException")
                .parameter("/edgepass/throttled", GOOD).fail("/edgepass/throttled", 400, "ThrottlingException")
                .secret("down", GOOD).fail("down", 500, "InternalServiceError")
                .parameter("/edgepass/down", GOOD).fail("/edgepass/down", 500, "InternalServerError")
                .secret("deleted", GOOD).fail("deleted", 400, "InvalidRequestException")
                .secret("slow", GOOD).hang("slow")
                .parameter("/edgepass/slow", GOOD).hang("/edgepass/slow");
        secrets = Clients.secretsManager(aws);
        ssm = Clients.ssm(aws);
    }

    @AfterAll
    static void stop() {
        secrets.close();
        ssm.close();
        aws.close();
    }

    static SigningKeySource secretsManager(String id) {
        return SecretsManagerKeySource.builder().client(secrets).secretId(id).build();
    }

    static SigningKeySource parameterStore(String id) {
        return ParameterStoreKeySource.builder().client(ssm).name("/edgepass/" + id).build();
    }

    static Stream<Arguments> sources() {
        return Stream.of(Arguments.of("Secrets Manager", (Function<String, SigningKeySource>) SdkKeySourcesTest::secretsManager),
                Arguments.of("Parameter Store", (Function<String, SigningKeySource>) SdkKeySourcesTest::parameterStore));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void load_jsonSecret_givesIdAndKey(String name, Function<String, SigningKeySource> source) {
        SigningKey key = source.apply("good").load();

        assertEquals("K2JCJMDEHXQW5F", key.keyPairId());
        assertEquals(RSA.getPrivate(), key.privateKey());
    }

    static Stream<Arguments> failures() {
        Function<String, SigningKeySource> sm = SdkKeySourcesTest::secretsManager;
        Function<String, SigningKeySource> ps = SdkKeySourcesTest::parameterStore;
        Stream.Builder<Arguments> out = Stream.builder();
        for (Function<String, SigningKeySource> source : java.util.List.of(sm, ps)) {
            String kind = source == sm ? "Secrets Manager" : "Parameter Store";
            out.add(Arguments.of(kind, source, "missing", Reason.NOT_FOUND));
            out.add(Arguments.of(kind, source, "denied", Reason.ACCESS_DENIED));
            out.add(Arguments.of(kind, source, "throttled", Reason.UNAVAILABLE));
            out.add(Arguments.of(kind, source, "down", Reason.UNAVAILABLE));
            out.add(Arguments.of(kind, source, "slow", Reason.TIMEOUT));
            out.add(Arguments.of(kind, source, "empty", Reason.EMPTY_SECRET));
            out.add(Arguments.of(kind, source, "no-key-field", Reason.MISSING_FIELD));
            out.add(Arguments.of(kind, source, "no-id-field", Reason.MISSING_FIELD));
            out.add(Arguments.of(kind, source, "not-a-key", Reason.BAD_KEY));
            out.add(Arguments.of(kind, source, "bad-id", Reason.BAD_KEY_PAIR_ID));
            out.add(Arguments.of(kind, source, "not-json", Reason.MALFORMED_SECRET));
        }
        out.add(Arguments.of("Secrets Manager", sm, "binary", Reason.BINARY_SECRET));
        out.add(Arguments.of("Secrets Manager", sm, "cmk", Reason.ACCESS_DENIED));
        out.add(Arguments.of("Secrets Manager", sm, "deleted", Reason.REJECTED));
        out.add(Arguments.of("Parameter Store", ps, "cmk", Reason.REJECTED));
        return out.build();
    }

    @ParameterizedTest(name = "{0} {2} -> {3}")
    @MethodSource("failures")
    void load_badSecretOrService_givesTypedReasonWithoutTheValue(String kind, Function<String, SigningKeySource> source,
            String id, Reason expected) {
        KeySourceException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(KeySourceException.class, () -> source.apply(id).load()));

        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(id), e.getMessage());
        assertFalse(e.getMessage().contains("stand-in error"), "the service message leaked: " + e.getMessage());
        assertFalse(e.getMessage().contains("bm90IGEga2V5"), e.getMessage());
    }

    @Test
    void versionStage_andFormat_areSentAndUsed() {
        aws.secret("bare", Keys.privatePem(RSA));
        SecretsManagerKeySource source = SecretsManagerKeySource.builder().client(secrets).secretId("bare")
                .versionStage("AWSPENDING").format(SecretFormat.pem("K9")).build();

        assertEquals("K9", source.load().keyPairId());
        assertEquals("Secrets Manager secret 'bare' ('AWSPENDING')", source.description());
    }

    @Test
    void builders_missingOrBadOptions_areRefused() {
        assertThrows(IllegalStateException.class, () -> SecretsManagerKeySource.builder().secretId("x").build());
        assertThrows(IllegalStateException.class, () -> ParameterStoreKeySource.builder().client(ssm).build());
        assertThrows(IllegalArgumentException.class, () -> SecretsManagerKeySource.builder().secretId(""));
        assertThrows(NullPointerException.class, () -> ParameterStoreKeySource.builder().format(null));
    }
}
