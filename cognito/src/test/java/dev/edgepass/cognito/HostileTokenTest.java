package dev.edgepass.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cognito.TokenRejectedException.Reason;
import dev.edgepass.cognito.testing.Fixtures;
import dev.edgepass.cognito.testing.JwksServer;
import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.cognito.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A catalogue of hostile and malformed tokens, each named by the attack it stands for, with the
 * reason it must be rejected for. The verifier trusts the stand-in issuer, whose JWKS holds a good
 * RS256 key (k1), a key for RS384 only, a key for encryption and a 1024-bit key.
 */
class HostileTokenTest {

    private static final String H = "{\"kid\":\"k1\",\"alg\":\"RS256\"}";

    private static JwksServer server;
    private static JwksServer emptyServer;
    private static CognitoTokenVerifier verifier;
    private static CognitoTokenVerifier emptyVerifier;

    /** One attack: a name, a token built for the issuer, the expected reason. */
    record Case(String attack, Function<String, String> token, Reason expected) {
        @Override
        public String toString() {
            return attack;
        }
    }

    @BeforeAll
    static void start() {
        server = JwksServer.start().serve(TestKeys.jwks(
                TestKeys.jwk("k1", TestKeys.rsa("k1")),
                TestKeys.jwk("only384", TestKeys.rsa("only384"), "sig", "RS384"),
                TestKeys.jwk("enc1", TestKeys.rsa("enc1"), "enc", "RS256"),
                TestKeys.jwk("small", TestKeys.generate(1024), "sig", "RS256")));
        verifier = Fixtures.verifier(server).algorithms("RS256", "RS384").build();
        // The verifier keeps the last headers it accepted; with good ones in place, every case
        // below also shows that a remembered header never vouches for a different one.
        String iss = server.issuer().toString();
        verifier.verify(good(iss));
        verifier.verify(Tokens.raw("{\"kid\":\"only384\",\"alg\":\"RS384\"}", payload(iss),
                TestKeys.rsa("only384").getPrivate(), "SHA384withRSA"));
        emptyServer = JwksServer.start().serve(TestKeys.jwks(TestKeys.jwk("k1", TestKeys.rsa("k1"), "enc", null)));
        emptyVerifier = Fixtures.verifier(emptyServer).build();
    }

    @AfterAll
    static void stop() {
        server.close();
        emptyServer.close();
    }

    static Stream<Case> catalogue() {
        return Stream.of(
                // Shape
                new Case("empty string", iss -> "", Reason.MALFORMED),
                new Case("one part", iss -> Tokens.b64(H), Reason.MALFORMED),
                new Case("two parts", iss -> Tokens.b64(H) + "." + Tokens.b64(payload(iss)), Reason.MALFORMED),
                new Case("four parts", iss -> good(iss) + ".AAAA", Reason.MALFORMED),
                new Case("five parts (JWE shape)", iss -> "a.b.c.d.e", Reason.MALFORMED),
                new Case("only dots", iss -> "..", Reason.MALFORMED),
                new Case("empty header", iss -> "." + Tokens.b64(payload(iss)) + ".AAAA", Reason.MALFORMED),
                new Case("empty payload", iss -> Tokens.b64(H) + "..AAAA", Reason.MALFORMED),
                new Case("whitespace around the token", iss -> " " + good(iss) + " ", Reason.MALFORMED),
                new Case("oversized token", iss -> Tokens.b64(H) + "." + "A".repeat(20_000) + ".AAAA", Reason.TOO_LARGE),
                new Case("non-ASCII character in the token", iss -> good(iss).replaceFirst("^.", "\u00e9"), Reason.MALFORMED),
                new Case("character whose low byte is the one it replaces", iss -> good(iss).replaceFirst("^e", "\u0165"), Reason.MALFORMED),
                new Case("character above 0xff in the signature", iss -> good(iss).replaceFirst(".$", "\u0141"), Reason.MALFORMED),
                // Encoding
                new Case("header in standard base64 with '+'", iss -> "ey+" + good(iss).substring(3), Reason.MALFORMED),
                new Case("header with base64 padding", iss -> Tokens.b64(H) + "==." + Tokens.b64(payload(iss)) + ".AAAA", Reason.MALFORMED),
                new Case("header length 1 mod 4", iss -> Tokens.b64(H) + "A." + Tokens.b64(payload(iss)) + ".AAAA", Reason.MALFORMED),
                new Case("header not UTF-8", iss -> Tokens.b64(new byte[] {'{', (byte) 0xC3, '}'}) + "." + Tokens.b64(payload(iss)) + ".AAAA", Reason.MALFORMED),
                new Case("signature not base64url", iss -> signed(H, payload(iss)).replaceFirst("\\.[^.]*$", ".%%%%"), Reason.MALFORMED),
                new Case("empty signature", iss -> Tokens.b64(H) + "." + Tokens.b64(payload(iss)) + ".", Reason.MALFORMED),
                // JSON
                new Case("header not JSON", iss -> Tokens.b64("hello") + "." + Tokens.b64(payload(iss)) + ".AAAA", Reason.MALFORMED),
                new Case("header a JSON array", iss -> Tokens.b64("[\"RS256\"]") + "." + Tokens.b64(payload(iss)) + ".AAAA", Reason.MALFORMED),
                new Case("header a JSON string", iss -> Tokens.b64("\"RS256\"") + "." + Tokens.b64(payload(iss)) + ".AAAA", Reason.MALFORMED),
                new Case("payload not JSON", iss -> signed(H, "not json"), Reason.MALFORMED),
                new Case("payload a JSON array", iss -> signed(H, "[1,2]"), Reason.MALFORMED),
                new Case("payload with trailing content", iss -> signed(H, payload(iss) + "x"), Reason.MALFORMED),
                new Case("payload with duplicate sub", iss -> signed(H, payload(iss).replaceFirst("\\{", "{\"sub\":\"admin\",")), Reason.MALFORMED),
                new Case("payload with an unpaired surrogate", iss -> signed(H, payload(iss).replaceFirst("\\{", "{\"name\":\"\\\\ud800\",")), Reason.MALFORMED),
                new Case("payload nested 100 deep", iss -> signed(H, payload(iss).replaceFirst("\\{", "{\"x\":" + "[".repeat(100) + "]".repeat(100) + ",")), Reason.MALFORMED),
                // Algorithm
                new Case("alg missing", iss -> signed("{\"kid\":\"k1\"}", payload(iss)), Reason.MALFORMED),
                new Case("alg not a string", iss -> signed("{\"kid\":\"k1\",\"alg\":256}", payload(iss)), Reason.MALFORMED),
                new Case("alg none", iss -> Tokens.b64("{\"kid\":\"k1\",\"alg\":\"none\"}") + "." + Tokens.b64(payload(iss)) + ".", Reason.UNSUPPORTED_ALGORITHM),
                new Case("alg None (case variant)", iss -> Tokens.b64("{\"kid\":\"k1\",\"alg\":\"None\"}") + "." + Tokens.b64(payload(iss)) + ".", Reason.UNSUPPORTED_ALGORITHM),
                new Case("HS256 key confusion with the public key as secret", HostileTokenTest::hmacConfusion, Reason.UNSUPPORTED_ALGORITHM),
                new Case("RS512 not allowed", iss -> Tokens.raw("{\"kid\":\"k1\",\"alg\":\"RS512\"}", payload(iss), TestKeys.rsa("k1").getPrivate(), "SHA512withRSA"), Reason.UNSUPPORTED_ALGORITHM),
                new Case("ES256", iss -> signed("{\"kid\":\"k1\",\"alg\":\"ES256\"}", payload(iss)), Reason.UNSUPPORTED_ALGORITHM),
                new Case("PS256", iss -> signed("{\"kid\":\"k1\",\"alg\":\"PS256\"}", payload(iss)), Reason.UNSUPPORTED_ALGORITHM),
                new Case("token alg differs from the JWK's alg", iss -> Tokens.raw("{\"kid\":\"only384\",\"alg\":\"RS256\"}", payload(iss), "only384"), Reason.UNSUPPORTED_ALGORITHM),
                // Header parameters
                new Case("crit header", iss -> signed("{\"kid\":\"k1\",\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}", payload(iss)), Reason.UNSUPPORTED_HEADER),
                new Case("unencoded payload (b64 false, crit)", iss -> signed("{\"kid\":\"k1\",\"alg\":\"RS256\",\"b64\":false,\"crit\":[\"b64\"]}", payload(iss)), Reason.UNSUPPORTED_HEADER),
                new Case("embedded jwk", iss -> signed("{\"kid\":\"k1\",\"alg\":\"RS256\",\"jwk\":" + TestKeys.jwk("k1", TestKeys.rsa("k1")).toJson() + "}", payload(iss)), Reason.UNSUPPORTED_HEADER),
                new Case("jku pointing elsewhere", iss -> signed("{\"kid\":\"k1\",\"alg\":\"RS256\",\"jku\":\"https://evil.example/jwks.json\"}", payload(iss)), Reason.UNSUPPORTED_HEADER),
                new Case("x5u", iss -> signed("{\"kid\":\"k1\",\"alg\":\"RS256\",\"x5u\":\"https://evil.example/cert.pem\"}", payload(iss)), Reason.UNSUPPORTED_HEADER),
                new Case("x5c", iss -> signed("{\"kid\":\"k1\",\"alg\":\"RS256\",\"x5c\":[\"MIIB\"]}", payload(iss)), Reason.UNSUPPORTED_HEADER),
                // Keys
                new Case("kid missing", iss -> signed("{\"alg\":\"RS256\"}", payload(iss)), Reason.UNKNOWN_KEY),
                new Case("kid not a string", iss -> signed("{\"kid\":1,\"alg\":\"RS256\"}", payload(iss)), Reason.MALFORMED),
                new Case("kid unknown", iss -> Tokens.raw("{\"kid\":\"nope\",\"alg\":\"RS256\"}", payload(iss), "nope"), Reason.UNKNOWN_KEY),
                new Case("kid path traversal", iss -> signed("{\"kid\":\"../../etc/passwd\",\"alg\":\"RS256\"}", payload(iss)), Reason.UNKNOWN_KEY),
                new Case("kid of a JWK with use enc", iss -> Tokens.raw("{\"kid\":\"enc1\",\"alg\":\"RS256\"}", payload(iss), "enc1"), Reason.UNKNOWN_KEY),
                new Case("kid of a 1024-bit JWK", iss -> signed("{\"kid\":\"small\",\"alg\":\"RS256\"}", payload(iss)), Reason.UNKNOWN_KEY),
                // Signature
                new Case("signed by another key under k1", iss -> Tokens.raw(H, payload(iss), "attacker"), Reason.BAD_SIGNATURE),
                new Case("signature truncated", iss -> signed(H, payload(iss)).replaceFirst("......$", ""), Reason.BAD_SIGNATURE),
                new Case("signature of another token", iss -> swapSignature(iss), Reason.BAD_SIGNATURE),
                // Claims of the wrong JSON type
                new Case("iss a number", iss -> signed(H, with(iss, c -> c.put("iss", 42))), Reason.INVALID_CLAIM),
                new Case("iss missing", iss -> signed(H, with(iss, c -> c.remove("iss"))), Reason.WRONG_ISSUER),
                new Case("iss with a trailing slash", iss -> signed(H, with(iss, c -> c.put("iss", iss + "/"))), Reason.WRONG_ISSUER),
                new Case("iss with a Cyrillic homoglyph", iss -> signed(H, with(iss, c -> c.put("iss", iss.replace("127", "12\u0417")))), Reason.WRONG_ISSUER),
                new Case("aud a number", iss -> signed(H, with(iss, c -> c.put("aud", 7))), Reason.INVALID_CLAIM),
                new Case("aud an array of numbers", iss -> signed(H, with(iss, c -> c.put("aud", List.of(1, 2)))), Reason.INVALID_CLAIM),
                new Case("aud with a unicode look-alike", iss -> signed(H, with(iss, c -> c.put("aud", Tokens.CLIENT_ID.replace('a', '\u0430')))), Reason.WRONG_AUDIENCE),
                new Case("aud missing", iss -> signed(H, with(iss, c -> c.remove("aud"))), Reason.WRONG_AUDIENCE),
                new Case("exp a numeric string", iss -> signed(H, with(iss, c -> c.put("exp", "1795000000"))), Reason.INVALID_CLAIM),
                new Case("exp a boolean", iss -> signed(H, with(iss, c -> c.put("exp", true))), Reason.INVALID_CLAIM),
                new Case("exp missing", iss -> signed(H, with(iss, c -> c.remove("exp"))), Reason.INVALID_CLAIM),
                new Case("exp beyond year 9999", iss -> signed(H, with(iss, c -> c.put("exp", 1e20))), Reason.INVALID_CLAIM),
                new Case("exp larger than a long", iss -> signed(H, payload(iss).replaceFirst("\"exp\":\\d+", "\"exp\":123456789012345678901234567890")), Reason.INVALID_CLAIM),
                new Case("iat a string", iss -> signed(H, with(iss, c -> c.put("iat", "yesterday"))), Reason.INVALID_CLAIM),
                new Case("nbf an object", iss -> signed(H, with(iss, c -> c.put("nbf", Map.of("t", 1)))), Reason.INVALID_CLAIM),
                new Case("sub missing", iss -> signed(H, with(iss, c -> c.remove("sub"))), Reason.INVALID_CLAIM),
                new Case("sub a number", iss -> signed(H, with(iss, c -> c.put("sub", 1))), Reason.INVALID_CLAIM),
                new Case("cognito:groups a string", iss -> signed(H, with(iss, c -> c.put("cognito:groups", "admins"))), Reason.INVALID_CLAIM),
                new Case("cognito:groups holding a number", iss -> signed(H, with(iss, c -> c.put("cognito:groups", List.of("a", 1)))), Reason.INVALID_CLAIM),
                new Case("scope an array", iss -> signed(H, access(iss, c -> c.put("scope", List.of("openid")))), Reason.INVALID_CLAIM),
                new Case("token_use a number", iss -> signed(H, with(iss, c -> c.put("token_use", 1))), Reason.INVALID_CLAIM),
                new Case("token_use refresh", iss -> signed(H, with(iss, c -> c.put("token_use", "refresh"))), Reason.WRONG_TOKEN_USE),
                new Case("token_use missing", iss -> signed(H, with(iss, c -> c.remove("token_use"))), Reason.WRONG_TOKEN_USE),
                new Case("client_id a number in an access token", iss -> signed(H, access(iss, c -> c.put("client_id", 5))), Reason.INVALID_CLAIM));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void verify_hostileToken_rejectsWithExpectedReason(Case c) {
        String token = c.token().apply(server.issuer().toString());

        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(token));

        assertEquals(c.expected(), e.reason(), e.getMessage());
        assertNoTokenIn(e.getMessage(), token);
    }

    @Test
    void verify_jwksWithoutUsableKeys_rejectsWithUnknownKey() {
        String token = signed(H, payload(emptyServer.issuer().toString()));

        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> emptyVerifier.verify(token));

        assertEquals(Reason.UNKNOWN_KEY, e.reason(), e.getMessage());
    }

    @Test
    void verify_unicodeInOtherClaims_acceptsAndKeepsThem() {
        String iss = server.issuer().toString();
        String token = signed(H, with(iss, c -> c.put("name", "Zoë \uD83D\uDE00 \u65e5\u672c")));

        assertEquals("Zoë \uD83D\uDE00 \u65e5\u672c", verifier.verify(token).claims().get("name"));
    }

    @Test
    void catalogue_coversAtLeastThirtyAttacks() {
        assertTrue(catalogue().count() >= 30);
    }

    @Test
    void rejectionMessage_escapesControlCharactersInKid() {
        String token = signed("{\"kid\":\"a\\nINFO forged log line\",\"alg\":\"RS256\"}", payload(server.issuer().toString()));

        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(token));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void assertNoTokenIn(String message, String token) {
        for (String part : token.split("\\.")) {
            if (part.length() > 8) {
                assertFalse(message.contains(part), message);
            }
        }
    }

    private static String payload(String iss) {
        return Tokens.json(Tokens.idToken(iss));
    }

    private static String with(String iss, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = Tokens.idToken(iss);
        change.accept(claims);
        return Tokens.json(claims);
    }

    private static String access(String iss, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = Tokens.accessToken(iss);
        change.accept(claims);
        return Tokens.json(claims);
    }

    private static String signed(String header, String payload) {
        return Tokens.raw(header, payload, "k1");
    }

    private static String good(String iss) {
        return signed(H, payload(iss));
    }

    private static String swapSignature(String iss) {
        String a = good(iss);
        String b = signed(H, with(iss, c -> c.put("sub", "someone-else")));
        return a.substring(0, a.lastIndexOf('.')) + b.substring(b.lastIndexOf('.'));
    }

    private static String hmacConfusion(String iss) {
        String input = Tokens.b64("{\"kid\":\"k1\",\"alg\":\"HS256\"}") + "." + Tokens.b64(payload(iss));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TestKeys.rsa("k1").getPublic().getEncoded(), "HmacSHA256"));
            return input + "." + Tokens.b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
