package dev.edgepass.examples.login.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * A Cognito user pool and hosted UI on WireMock, on a loopback port: the pool's JWKS at
 * {@code {issuer}/.well-known/jwks.json}, the {@code /oauth2/authorize} step (simulated by
 * {@link #authorize}), and {@code /oauth2/token}, which checks {@code client_id},
 * {@code redirect_uri}, the single-use code and the PKCE {@code code_verifier} against the S256
 * challenge, as Cognito does. Tokens are RS256, claims shaped like Cognito's.
 */
public final class CognitoStandIn implements AutoCloseable {

    /** The user pool id of the stand-in. */
    public static final String USER_POOL_ID = "eu-west-2_EdgePass1";
    /** The key id in the JWKS. */
    public static final String KID = "test-key-1";

    private final KeyPair signingKey = rsa();
    private final KeyPair foreignKey = rsa();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile int failureStatus;
    private final WireMockServer server;
    private final String jwks;

    /** Starts the stand-in on a free loopback port. */
    public CognitoStandIn() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new TokenEndpoint()));
        server.start();
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) signingKey.getPublic());
            jwk.setKeyId(KID);
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            jwks = new JsonWebKeySet(jwk).toJson();
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        server.stubFor(get(urlPathEqualTo("/" + USER_POOL_ID + "/.well-known/jwks.json")).willReturn(okJson(jwks)));
        server.stubFor(post(urlPathEqualTo("/oauth2/token")).willReturn(aResponse().withStatus(500)));
    }

    /** Returns the hosted UI base, {@code http://127.0.0.1:port}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Returns the issuer, {@code http://127.0.0.1:port/eu-west-2_EdgePass1}. */
    public URI issuer() {
        return URI.create(baseUri() + "/" + USER_POOL_ID);
    }

    /** Returns the JWKS JSON served by the stand-in. */
    public String jwksJson() {
        return jwks;
    }

    /** Returns how many requests reached the token endpoint. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Makes the token endpoint answer this status with a non-JSON body; 0 restores normal service. */
    public void failTokenEndpoint(int status) {
        this.failureStatus = status;
    }

    /** Returns ID-token claims for a user, as Cognito issues them, valid for an hour from {@link Fixtures#NOW}. */
    public Map<String, Object> idClaims(String username) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString());
        c.put("email_verified", true);
        c.put("iss", issuer().toString());
        c.put("cognito:username", username);
        c.put("origin_jti", UUID.randomUUID().toString());
        c.put("aud", Fixtures.CLIENT_ID);
        c.put("event_id", UUID.randomUUID().toString());
        c.put("token_use", "id");
        c.put("auth_time", Fixtures.NOW.getEpochSecond());
        c.put("exp", Fixtures.NOW.plus(Duration.ofHours(1)).getEpochSecond());
        c.put("iat", Fixtures.NOW.getEpochSecond());
        c.put("jti", UUID.randomUUID().toString());
        c.put("email", username + "@example.com");
        return c;
    }

    /** Returns access-token claims for a user, as Cognito issues them. */
    public Map<String, Object> accessClaims(String username) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString());
        c.put("iss", issuer().toString());
        c.put("client_id", Fixtures.CLIENT_ID);
        c.put("origin_jti", UUID.randomUUID().toString());
        c.put("event_id", UUID.randomUUID().toString());
        c.put("token_use", "access");
        c.put("scope", "openid");
        c.put("auth_time", Fixtures.NOW.getEpochSecond());
        c.put("exp", Fixtures.NOW.plus(Duration.ofHours(1)).getEpochSecond());
        c.put("iat", Fixtures.NOW.getEpochSecond());
        c.put("jti", UUID.randomUUID().toString());
        c.put("username", username);
        return c;
    }

    /** Returns a valid ID token. */
    public String idToken(String username) {
        return sign(idClaims(username));
    }

    /** Returns a valid access token (not an ID token). */
    public String accessToken(String username) {
        return sign(accessClaims(username));
    }

    /** Returns an ID token that expired two hours before {@link Fixtures#NOW}, beyond any clock skew. */
    public String expiredIdToken(String username) {
        Map<String, Object> c = idClaims(username);
        Instant issued = Fixtures.NOW.minus(Duration.ofHours(3));
        c.put("auth_time", issued.getEpochSecond());
        c.put("iat", issued.getEpochSecond());
        c.put("exp", issued.plus(Duration.ofHours(1)).getEpochSecond());
        return sign(c);
    }

    /** Returns an ID token signed by a key the pool never published, under the pool's kid. */
    public String forgedIdToken(String username) {
        return sign(idClaims(username), foreignKey.getPrivate());
    }

    /** Signs claims with the pool's key. */
    public String sign(Map<String, Object> claims) {
        return sign(claims, signingKey.getPrivate());
    }

    /**
     * Plays the hosted UI for a user who signs in: checks the authorize URL and returns the
     * callback URL with a fresh code and the given state.
     *
     * @param authorizeLocation the {@code Location} the login endpoint sent
     * @param username          who signs in
     * @return {@code {redirect_uri}?code=..&state=..}
     */
    public String authorize(String authorizeLocation, String username) {
        URI uri = URI.create(authorizeLocation);
        if (!uri.getPath().equals("/oauth2/authorize")) {
            throw new AssertionError("not the authorize endpoint: " + uri.getPath());
        }
        Map<String, String> q = parse(uri.getRawQuery());
        require(q, "response_type", "code");
        require(q, "client_id", Fixtures.CLIENT_ID);
        require(q, "code_challenge_method", "S256");
        if (!List.of(q.getOrDefault("scope", "").split(" ")).contains("openid")) {
            throw new AssertionError("scope lacks openid: " + q.get("scope"));
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(q.get("redirect_uri"), q.get("code_challenge"), idToken(username),
                accessToken(username)));
        return q.get("redirect_uri") + "?code=" + code + "&state=" + q.get("state");
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }

    private static String sign(Map<String, Object> claims, PrivateKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setKey(key);
        jws.setKeyIdHeaderValue(KID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (params.putIfAbsent(name, value) != null) {
                throw new AssertionError("parameter repeated: " + name);
            }
        }
        return params;
    }

    private static void require(Map<String, String> q, String name, String expected) {
        if (!expected.equals(q.get(name))) {
            throw new AssertionError(name + " was " + q.get(name) + ", expected " + expected);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Grant(String redirectUri, String challenge, String idToken, String accessToken) {}

    /** The token endpoint: RFC 6749 section 4.1.3 plus RFC 7636 section 4.6. */
    private final class TokenEndpoint implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "cognito-token-endpoint";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (!event.getRequest().getUrl().startsWith("/oauth2/token")) {
                return event.getResponseDefinition();
            }
            tokenRequests.incrementAndGet();
            if (failureStatus != 0) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(failureStatus)
                        .withBody("<html>upstream trouble</html>").build();
            }
            Map<String, String> form = parse(event.getRequest().getBodyAsString());
            if (!"application/x-www-form-urlencoded".equals(
                    event.getRequest().contentTypeHeader().mimeTypePart())) {
                return error("invalid_request");
            }
            if (!"authorization_code".equals(form.get("grant_type"))) {
                return error("unsupported_grant_type");
            }
            if (!Fixtures.CLIENT_ID.equals(form.get("client_id"))) {
                return error("invalid_client");
            }
            Grant grant = form.get("code") == null ? null : grants.remove(form.get("code"));
            if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))
                    || form.get("code_verifier") == null || !grant.challenge().equals(s256(form.get("code_verifier")))) {
                return error("invalid_grant");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id_token", grant.idToken());
            body.put("access_token", grant.accessToken());
            body.put("refresh_token", "opaque-refresh-token");
            body.put("expires_in", 3600);
            body.put("token_type", "Bearer");
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json;charset=UTF-8")
                    .withBody(JsonUtil.toJson(body)).build();
        }

        private ResponseDefinition error(String code) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                    .withHeader("Content-Type", "application/json;charset=UTF-8")
                    .withBody("{\"error\":\"" + code + "\"}").build();
        }
    }
}
