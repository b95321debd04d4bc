package dev.edgepass.cognito.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Mints tokens shaped like Cognito's. {@link #idToken} and {@link #accessToken} give the claims
 * Cognito puts in each kind; {@link #sign} signs them with jose4j; {@link #raw} signs arbitrary
 * header and payload JSON byte for byte, for hostile tokens jose4j would refuse to build.
 */
public final class Tokens {

    /** The fixed "now" of the tests: 2026-11-25T12:00:00Z. */
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** App client id the tests trust. */
    public static final String CLIENT_ID = "3example4client5id6789abcd";
    /** A user's sub. */
    public static final String SUB = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private Tokens() {}

    /** Claims of a Cognito ID token issued at {@link #NOW}, valid for an hour, user in group "admins". */
    public static Map<String, Object> idToken(String issuer) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("at_hash", "Ft6ExampleHashValue0aBQ");
        c.put("sub", SUB);
        c.put("cognito:groups", List.of("admins", "readers"));
        c.put("email_verified", true);
        c.put("iss", issuer);
        c.put("cognito:username", "jane");
        c.put("origin_jti", "11111111-2222-3333-4444-555555555555");
        c.put("aud", CLIENT_ID);
        c.put("event_id", "66666666-7777-8888-9999-000000000000");
        c.put("token_use", "id");
        c.put("auth_time", NOW.getEpochSecond());
        c.put("exp", NOW.getEpochSecond() + 3600);
        c.put("iat", NOW.getEpochSecond());
        c.put("jti", "aaaaaaaa-1111-2222-3333-444444444444");
        c.put("email", "jane@example.com");
        return c;
    }

    /** Claims of a Cognito access token issued at {@link #NOW}, valid for an hour. */
    public static Map<String, Object> accessToken(String issuer) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", SUB);
        c.put("cognito:groups", List.of("admins"));
        c.put("iss", issuer);
        c.put("version", 2);
        c.put("client_id", CLIENT_ID);
        c.put("origin_jti", "11111111-2222-3333-4444-555555555555");
        c.put("event_id", "66666666-7777-8888-9999-000000000000");
        c.put("token_use", "access");
        c.put("scope", "openid email orders/read");
        c.put("auth_time", NOW.getEpochSecond());
        c.put("exp", NOW.getEpochSecond() + 3600);
        c.put("iat", NOW.getEpochSecond());
        c.put("jti", "bbbbbbbb-1111-2222-3333-444444444444");
        c.put("username", "jane");
        return c;
    }

    /** Signs {@code claims} with jose4j, RS256, header {kid, alg} as Cognito writes it. */
    public static String sign(Map<String, Object> claims, String kid, PrivateKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(JwtClaims.parse(JsonUtil.toJson(claims)).toJson());
            jws.setKeyIdHeaderValue(kid);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (JoseException | org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code claims} with the test key named {@code kid}. */
    public static String sign(Map<String, Object> claims, String kid) {
        return sign(claims, kid, TestKeys.rsa(kid).getPrivate());
    }

    /** Returns {@code claims} as JSON. */
    public static String json(Map<String, Object> claims) {
        return JsonUtil.toJson(claims);
    }

    /**
     * Builds {@code b64(header).b64(payload).b64(signature)} from exact JSON text, signing the
     * first two parts with {@code jcaAlgorithm} (e.g. SHA256withRSA).
     */
    public static String raw(String headerJson, String payloadJson, PrivateKey key, String jcaAlgorithm) {
        String input = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + b64(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance(jcaAlgorithm);
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a token from exact header and payload JSON signed RS256 with the test key named {@code keyName}. */
    public static String raw(String headerJson, String payloadJson, String keyName) {
        return raw(headerJson, payloadJson, TestKeys.rsa(keyName).getPrivate(), "SHA256withRSA");
    }

    /** Unpadded base64url. */
    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Unpadded base64url of UTF-8 text. */
    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }
}
