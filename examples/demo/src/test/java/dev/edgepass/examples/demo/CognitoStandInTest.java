package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cognito.CognitoToken;
import dev.edgepass.cognito.CognitoTokenVerifier;
import dev.edgepass.cognito.TokenUse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Cognito stand-in against edgepass's own verifier and the OAuth 2.0 / PKCE rules. */
class CognitoStandInTest {

    private static final String POOL = "eu-west-2_TestPool1";
    private static final String CLIENT = "testclient123";
    private static final String CALLBACK = "http://localhost:9999/private/login/callback";
    private static final String SIGNED_OUT = "http://localhost:9999/index.html?signed-out";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final DemoUser user = new DemoUser("alice", "S3cret-pass", "alice@example.com", List.of("readers"));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private CognitoStandIn cognito;

    @BeforeEach
    void start() {
        cognito = new CognitoStandIn(0, POOL, CLIENT, user, Set.of(CALLBACK), Set.of(SIGNED_OUT), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        cognito.close();
    }

    @Test
    void s256_rfc7636AppendixB_matchesChallenge() {
        assertEquals(CHALLENGE, CognitoStandIn.s256(VERIFIER));
    }

    @Test
    void codeFlow_tokensVerifyWithEdgepassAndCarryCognitoClaims() throws Exception {
        Map<String, Object> tokens = JsonUtil.parseJson(exchange(signIn("S3cret-pass"), VERIFIER).body());

        CognitoToken id = CognitoTokenVerifier.builder().issuer(cognito.issuer()).clientId(CLIENT)
                .tokenUse(TokenUse.ID).build().verify((String) tokens.get("id_token"));
        CognitoToken access = CognitoTokenVerifier.builder().issuer(cognito.issuer()).clientId(CLIENT)
                .tokenUse(TokenUse.ACCESS).build().verify((String) tokens.get("access_token"));

        assertEquals(Set.of("at_hash", "sub", "cognito:groups", "email_verified", "iss", "cognito:username",
                "origin_jti", "aud", "event_id", "token_use", "auth_time", "exp", "iat", "jti", "email"),
                id.claims().keySet());
        assertEquals(Set.of("sub", "cognito:groups", "iss", "version", "client_id", "origin_jti", "event_id",
                "token_use", "scope", "auth_time", "exp", "iat", "jti", "username"), access.claims().keySet());
        assertEquals("alice", id.claim("cognito:username").orElseThrow());
        assertEquals("alice", access.claim("username").orElseThrow());
        assertEquals(CLIENT, id.claim("aud").orElseThrow());
        assertEquals(CLIENT, access.claim("client_id").orElseThrow());
        assertEquals(List.of("readers"), id.groups());
        assertEquals(Set.of("openid", "email"), access.scopes());
        assertEquals(id.subject(), access.subject());
        assertEquals(id.claim("origin_jti"), access.claim("origin_jti"));
        assertEquals("Bearer", tokens.get("token_type"));
        assertNotNull(tokens.get("refresh_token"));
    }

    @Test
    void codeFlow_idAndAccessTokens_areSignedWithDifferentKeys() throws Exception {
        Map<String, Object> tokens = JsonUtil.parseJson(exchange(signIn("S3cret-pass"), VERIFIER).body());
        assertFalse(header((String) tokens.get("id_token")).equals(header((String) tokens.get("access_token"))));
    }

    @Test
    void token_wrongCodeVerifier_rejectsWithInvalidGrant() throws Exception {
        HttpResponse<String> response = exchange(signIn("S3cret-pass"), "x".repeat(43));
        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", JsonUtil.parseJson(response.body()).get("error"));
    }

    @Test
    void token_codeUsedTwice_rejectsTheSecondWithInvalidGrant() throws Exception {
        String code = signIn("S3cret-pass");
        assertEquals(200, exchange(code, VERIFIER).statusCode());
        HttpResponse<String> again = exchange(code, VERIFIER);
        assertEquals(400, again.statusCode());
        assertEquals("invalid_grant", JsonUtil.parseJson(again.body()).get("error"));
    }

    @Test
    void login_wrongPassword_showsTheFormAgainWithoutARedirect() throws Exception {
        HttpResponse<String> response = postLogin("wrong");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Incorrect username or password."));
        assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    @Test
    void authorize_unregisteredRedirectUri_answersErrorPage() throws Exception {
        HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=" + CLIENT
                + "&redirect_uri=" + Exchanges.encode("https://evil.example/cb"));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("redirect_mismatch"));
    }

    @Test
    void logout_registeredUri_redirectsThere_unregisteredUri_answersErrorPage() throws Exception {
        HttpResponse<String> ok = get("/logout?client_id=" + CLIENT + "&logout_uri=" + Exchanges.encode(SIGNED_OUT));
        assertEquals(302, ok.statusCode());
        assertEquals(SIGNED_OUT, ok.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> bad = get("/logout?client_id=" + CLIENT + "&logout_uri=" + Exchanges.encode("https://evil.example/"));
        assertEquals(400, bad.statusCode());
    }

    @Test
    void discovery_pointsAtThisStandIn() throws Exception {
        Map<String, Object> doc = JsonUtil.parseJson(get("/" + POOL + "/.well-known/openid-configuration").body());
        assertEquals(cognito.issuer().toString(), doc.get("issuer"));
        assertEquals(cognito.issuer() + "/.well-known/jwks.json", doc.get("jwks_uri"));
        assertEquals(cognito.hostedUi() + "/oauth2/token", doc.get("token_endpoint"));
    }

    private String authorizeQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT);
        query.put("redirect_uri", CALLBACK);
        query.put("scope", "openid email");
        query.put("state", "st4te");
        query.put("code_challenge", CHALLENGE);
        query.put("code_challenge_method", "S256");
        return Exchanges.form(query);
    }

    private HttpResponse<String> postLogin(String password) throws IOException, InterruptedException {
        HttpResponse<String> authorize = get("/oauth2/authorize?" + authorizeQuery());
        assertEquals(302, authorize.statusCode());
        String loginUrl = authorize.headers().firstValue("Location").orElseThrow();
        assertTrue(loginUrl.startsWith(cognito.hostedUi() + "/login?"));
        return http.send(HttpRequest.newBuilder(URI.create(loginUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Exchanges.form(Map.of("username", user.username(), "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signIn(String password) throws IOException, InterruptedException {
        HttpResponse<String> response = postLogin(password);
        assertEquals(302, response.statusCode());
        URI callback = URI.create(response.headers().firstValue("Location").orElseThrow());
        Map<String, String> params = Exchanges.parseForm(callback.getRawQuery());
        assertEquals("st4te", params.get("state"));
        return params.get("code");
    }

    private HttpResponse<String> exchange(String code, String verifier) throws IOException, InterruptedException {
        String form = Exchanges.form(Map.of("grant_type", "authorization_code", "client_id", CLIENT, "code", code,
                "redirect_uri", CALLBACK, "code_verifier", verifier));
        return http.send(HttpRequest.newBuilder(URI.create(cognito.hostedUi() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(cognito.hostedUi() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> header(String jwt) throws JoseException {
        String json = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        Map<String, Object> header = JsonUtil.parseJson(json);
        assertEquals(Set.of("kid", "alg"), header.keySet());
        return header;
    }
}
