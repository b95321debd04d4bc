package dev.edgepass.cognito.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.ProviderLoad;
import java.security.KeyPair;
import java.security.Provider;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which JWKs a verifier may use, and the keys they make, with jose4j as the oracle for key material. */
class JwksParserTest {

    private static final JwksParser PARSER = new JwksParser(Set.of("RS256", "RS384"), ProviderChoice.of(null));
    private static final KeyPair PAIR = TestKeys.rsa("jwks-parser");
    private static final String N = n(PAIR);

    /** An RSA JWK with the test key's {@code n} and {@code e} and the given further members. */
    private static String jwk(String members) {
        return "{\"kty\":\"RSA\",\"n\":\"" + N + "\",\"e\":\"AQAB\"" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    /** The base64url of the modulus as a JWK carries it: big-endian, no sign byte, no padding. */
    private static String n(KeyPair pair) {
        byte[] modulus = ((RSAPublicKey) pair.getPublic()).getModulus().toByteArray();
        int skip = modulus[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(modulus, skip, modulus.length));
    }

    private static String jwks(String... keys) {
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    static Stream<Arguments> keys() {
        String n = N;
        String small = n(TestKeys.generate(1024));
        return Stream.of(
                Arguments.of("RS256 key", jwk("\"kid\":\"a\",\"use\":\"sig\",\"alg\":\"RS256\""), Set.of("a")),
                Arguments.of("no use, no alg", jwk("\"kid\":\"a\""), Set.of("a")),
                Arguments.of("RS384, allowed", jwk("\"kid\":\"a\",\"alg\":\"RS384\""), Set.of("a")),
                Arguments.of("key_ops with verify", jwk("\"kid\":\"a\",\"key_ops\":[\"verify\"]"), Set.of("a")),
                Arguments.of("padded n", "{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"" + n + "=\",\"e\":\"AQAB\"}", Set.of("a")),
                Arguments.of("unknown members", jwk("\"kid\":\"a\",\"x5t\":\"abc\",\"ext\":true"), Set.of("a")),
                Arguments.of("use enc", jwk("\"kid\":\"a\",\"use\":\"enc\""), Set.of()),
                Arguments.of("use not a string", jwk("\"kid\":\"a\",\"use\":1"), Set.of()),
                Arguments.of("alg RS512, not allowed", jwk("\"kid\":\"a\",\"alg\":\"RS512\""), Set.of()),
                Arguments.of("alg HS256", jwk("\"kid\":\"a\",\"alg\":\"HS256\""), Set.of()),
                Arguments.of("alg not a string", jwk("\"kid\":\"a\",\"alg\":[\"RS256\"]"), Set.of()),
                Arguments.of("key_ops without verify", jwk("\"kid\":\"a\",\"key_ops\":[\"sign\"]"), Set.of()),
                Arguments.of("key_ops a string", jwk("\"kid\":\"a\",\"key_ops\":\"verify\""), Set.of()),
                Arguments.of("no kid", jwk(""), Set.of()),
                Arguments.of("kid a number", jwk("\"kid\":7"), Set.of()),
                Arguments.of("kty EC", "{\"kty\":\"EC\",\"kid\":\"a\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}", Set.of()),
                Arguments.of("kty oct", "{\"kty\":\"oct\",\"kid\":\"a\",\"k\":\"AAAA\"}", Set.of()),
                Arguments.of("no kty", "{\"kid\":\"a\",\"n\":\"" + n + "\",\"e\":\"AQAB\"}", Set.of()),
                Arguments.of("1024-bit modulus", "{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"" + small + "\",\"e\":\"AQAB\"}", Set.of()),
                Arguments.of("no n", "{\"kty\":\"RSA\",\"kid\":\"a\",\"e\":\"AQAB\"}", Set.of()),
                Arguments.of("no e", "{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"" + n + "\"}", Set.of()),
                Arguments.of("e zero", "{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"" + n + "\",\"e\":\"AA\"}", Set.of()),
                Arguments.of("n not base64url", "{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"" + n.replace('-', '+').replace('_', '/')
                        + "+/\",\"e\":\"AQAB\"}", Set.of()),
                Arguments.of("n a number", "{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":12345,\"e\":\"AQAB\"}", Set.of()),
                Arguments.of("a string among keys", "\"x\"," + jwk("\"kid\":\"b\""), Set.of("b")),
                Arguments.of("a number among keys", "1," + jwk("\"kid\":\"b\""), Set.of("b")),
                Arguments.of("one kid twice", jwk("\"kid\":\"a\"") + "," + jwk("\"kid\":\"a\"") + "," + jwk("\"kid\":\"b\""),
                        Set.of("b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void parse_catalogue_keepsOnlyUsableKeys(String name, String keys, Set<String> usable) throws Exception {
        Map<String, VerificationKey> parsed = PARSER.parse(jwks(keys));

        assertEquals(new TreeSet<>(usable), new TreeSet<>(parsed.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "", "[]", "{}", "{\"keys\":{}}", "{\"keys\":\"x\"}", "{\"keys\":[]} trailing",
        "{\"keys\":[],\"keys\":[]}", "{\"keys\":[{\"kid\":\"a\",\"kid\":\"b\"}]}", "{\"keys\":[01]}"})
    void parse_notAJwksDocument_throwsInvalidJwks(String document) {
        assertThrows(JwksParser.InvalidJwksException.class, () -> PARSER.parse(document));
    }

    @Test
    void parse_jose4jJwks_givesTheSameKeysAsJose4j() throws Exception {
        String document = TestKeys.jwks(TestKeys.jwk("k1", TestKeys.rsa("k1")), TestKeys.jwk("k2", TestKeys.rsa("k2")),
                TestKeys.jwk("k3", TestKeys.generate(3072), "sig", "RS384"), TestKeys.jwk("k4", TestKeys.generate(4096)));

        Map<String, VerificationKey> parsed = PARSER.parse(document);

        assertEquals(4, parsed.size());
        for (JsonWebKey jwk : new JsonWebKeySet(document).getJsonWebKeys()) {
            RSAPublicKey expected = ((RsaJsonWebKey) jwk).getRsaPublicKey();
            RSAPublicKey actual = (RSAPublicKey) parsed.get(jwk.getKeyId()).publicKey();
            assertEquals(expected.getModulus(), actual.getModulus(), jwk.getKeyId());
            assertEquals(expected.getPublicExponent(), actual.getPublicExponent(), jwk.getKeyId());
            assertEquals(jwk.getAlgorithm(), parsed.get(jwk.getKeyId()).algorithm());
        }
    }

    @Test
    void parse_modulusWithLeadingZeroByte_isTheSameKey() throws Exception {
        byte[] modulus = ((RSAPublicKey) PAIR.getPublic()).getModulus().toByteArray();
        byte[] padded = new byte[modulus.length + 1];
        System.arraycopy(modulus, 0, padded, 1, modulus.length);
        String n = Base64.getUrlEncoder().withoutPadding().encodeToString(padded);

        VerificationKey key = PARSER.parse(jwks("{\"kty\":\"RSA\",\"kid\":\"a\",\"n\":\"" + n + "\",\"e\":\"AQAB\"}")).get("a");

        assertEquals(PAIR.getPublic(), key.publicKey());
    }

    @Test
    void parse_whileTheProviderIsUnsettled_keepsTheJdkKeyAndLeavesTheLoadAlone() throws Exception {
        ProviderLoad load = new ProviderLoad(Optional::empty, "test-loader");
        JwksParser parser = new JwksParser(Set.of("RS256"), ProviderChoice.whileLoading(load));

        VerificationKey key = parser.parse(jwks(jwk("\"kid\":\"a\""))).get("a");

        assertFalse(load.started());
        assertEquals(PAIR.getPublic().getClass(), key.publicKey().getClass());
        assertSame(key.publicKey(), key.publicKeyFor(null));
    }

    @Test
    void parse_settledProvider_convertsEachKeyForItAtOnce() throws Exception {
        Provider accp = SignatureProviders.accp().orElseThrow(() -> new AssertionError("ACCP is not healthy"));
        JwksParser parser = new JwksParser(Set.of("RS256"), ProviderChoice.of(accp));

        VerificationKey key = parser.parse(jwks(jwk("\"kid\":\"a\""))).get("a");

        assertNotEquals(PAIR.getPublic().getClass(), key.publicKey().getClass());
        assertSame(key.publicKey(), key.publicKeyFor(accp));
    }
}
