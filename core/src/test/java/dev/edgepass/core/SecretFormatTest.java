package dev.edgepass.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.internal.Json;
import dev.edgepass.core.testing.Keys;
import java.security.KeyPair;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretFormatTest {

    static final KeyPair RSA = Keys.rsa(2048);
    static final KeyPair EC = Keys.ec();
    static final String PEM = Keys.privatePem(RSA);
    static final String SOURCE = "Secrets Manager secret 'prod/key'";

    static Stream<Arguments> badValues() {
        String weak = Keys.privatePem(Keys.rsa(1024));
        String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUYXl0aGluZw==\n-----END CERTIFICATE-----\n";
        return Stream.of(
                Arguments.of("empty", "", Reason.EMPTY_SECRET),
                Arguments.of("whitespace", " \n\t ", Reason.EMPTY_SECRET),
                Arguments.of("truncated JSON", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":", Reason.MALFORMED_SECRET),
                Arguments.of("duplicate field", "{\"keyPairId\":\"K1\",\"keyPairId\":\"K2\",\"privateKey\":\"x\"}",
                        Reason.MALFORMED_SECRET),
                Arguments.of("JSON array", "[\"K2JCJMDEHXQW5F\"]", Reason.MALFORMED_SECRET),
                Arguments.of("plain text", "hunter2", Reason.MALFORMED_SECRET),
                Arguments.of("JSON without the id field", "{\"privateKey\":" + Json.quote(PEM) + "}", Reason.MISSING_FIELD),
                Arguments.of("JSON without the key field", "{\"keyPairId\":\"K2JCJMDEHXQW5F\"}", Reason.MISSING_FIELD),
                Arguments.of("id is a number", "{\"keyPairId\":42,\"privateKey\":" + Json.quote(PEM) + "}", Reason.MISSING_FIELD),
                Arguments.of("key is null", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":null}", Reason.MISSING_FIELD),
                Arguments.of("key is empty", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":\" \"}", Reason.MISSING_FIELD),
                Arguments.of("bare PEM without a configured id", PEM, Reason.MISSING_FIELD),
                Arguments.of("key is not PEM", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":\"not a key\"}", Reason.BAD_KEY),
                Arguments.of("key is a certificate", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":" + Json.quote(cert) + "}",
                        Reason.BAD_KEY),
                Arguments.of("key is a public key", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":"
                        + Json.quote(Keys.publicPem(RSA)) + "}", Reason.BAD_KEY),
                Arguments.of("RSA-1024", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":" + Json.quote(weak) + "}",
                        Reason.BAD_KEY),
                Arguments.of("lower-case id", "{\"keyPairId\":\"k2jcjmdehxqw5f\",\"privateKey\":" + Json.quote(PEM) + "}",
                        Reason.BAD_KEY_PAIR_ID),
                Arguments.of("id with a space", "{\"keyPairId\":\"K2JC JMDEHXQW5F\",\"privateKey\":" + Json.quote(PEM) + "}",
                        Reason.BAD_KEY_PAIR_ID),
                Arguments.of("key pasted into the id field", "{\"keyPairId\":" + Json.quote(PEM) + ",\"privateKey\":"
                        + Json.quote(PEM) + "}", Reason.BAD_KEY_PAIR_ID));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badValues")
    void parse_badValue_givesTypedReasonWithoutTheValue(String name, String value, Reason expected) {
        KeySourceException e = assertThrows(KeySourceException.class, () -> SecretFormat.json().parse(value, SOURCE));

        assertEquals(expected, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(SOURCE), e.getMessage());
        assertFalse(e.getMessage().contains(bodyFragment(PEM)), "the key body leaked: " + e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void parse_json_givesIdAndKey() {
        SigningKey key = SecretFormat.json().parse(Keys.jsonSecret("K2JCJMDEHXQW5F", RSA), SOURCE);

        assertEquals("K2JCJMDEHXQW5F", key.keyPairId());
        assertEquals(RSA.getPrivate(), key.privateKey());
    }

    @Test
    void parse_ecKeyInCustomFields_givesIdAndKey() {
        SecretFormat format = SecretFormat.builder().keyPairIdField("id").privateKeyField("pem").build();
        String value = "{\"id\":\"APKAEIBAERJR2EXAMPLE\",\"pem\":" + Json.quote(Keys.privatePem(EC)) + ",\"note\":\"rotated\"}";

        SigningKey key = format.parse(value, SOURCE);

        assertEquals("APKAEIBAERJR2EXAMPLE", key.keyPairId());
        assertEquals(EC.getPrivate(), key.privateKey());
    }

    @Test
    void parse_barePemWithConfiguredId_usesTheConfiguredId() {
        SigningKey key = SecretFormat.pem("K2JCJMDEHXQW5F").parse(PEM, SOURCE);

        assertEquals("K2JCJMDEHXQW5F", key.keyPairId());
        assertEquals(RSA.getPrivate(), key.privateKey());
    }

    @Test
    void parse_jsonWithOwnId_winsOverTheConfiguredId() {
        SigningKey key = SecretFormat.pem("KOLD").parse(Keys.jsonSecret("KNEW", RSA), SOURCE);

        assertEquals("KNEW", key.keyPairId());
    }

    @Test
    void parse_pemWithLiteralBackslashN_isReadAsLineBreaks() {
        String flattened = PEM.strip().replace("\n", "\\n");
        String value = "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":" + Json.quote(flattened) + "}";

        assertEquals(RSA.getPrivate(), SecretFormat.json().parse(value, SOURCE).privateKey());
    }

    @Test
    void badKey_keepsTheKeyFormatExceptionAsCause() {
        KeySourceException e = assertThrows(KeySourceException.class, () -> SecretFormat.json()
                .parse("{\"keyPairId\":\"K1\",\"privateKey\":\"-----BEGIN ENCRYPTED PRIVATE KEY-----\\nAAAA\\n"
                        + "-----END ENCRYPTED PRIVATE KEY-----\"}", SOURCE));

        assertEquals(Reason.BAD_KEY, e.reason());
        assertTrue(e.getCause() instanceof KeyFormatException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("MALFORMED"), e.getMessage());
    }

    @Test
    void builder_sameFieldTwice_isRefused() {
        assertThrows(IllegalStateException.class,
                () -> SecretFormat.builder().keyPairIdField("k").privateKeyField("k").build());
        assertThrows(IllegalArgumentException.class, () -> SecretFormat.pem("not an id!"));
    }

    @Test
    void signingKey_toString_showsIdAndSizeOnly() {
        SigningKey key = new SigningKey("K2JCJMDEHXQW5F", RSA.getPrivate());

        assertEquals("SigningKey[keyPairId=K2JCJMDEHXQW5F, RSA-2048]", key.toString());
        assertEquals("SigningKey[keyPairId=K1, EC-P256]", new SigningKey("K1", EC.getPrivate()).toString());
    }

    /** Forty characters from the middle of the PEM body: what a leak would contain. */
    static String bodyFragment(String pem) {
        String b64 = Base64.getEncoder().encodeToString(RSA.getPrivate().getEncoded());
        return b64.substring(200, 240);
    }
}
