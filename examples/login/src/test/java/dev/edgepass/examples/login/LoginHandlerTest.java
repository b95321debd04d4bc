package dev.edgepass.examples.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.Decision;
import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginHandlerTest {

    private static final String APP = Fixtures.SITE_ORIGIN + "/private/app/index.html";
    private static CognitoStandIn cognito;
    private static CloudFrontKeys keys;
    private static LoginHandler handler;

    @BeforeAll
    static void start() {
        cognito = new CognitoStandIn();
        keys = CloudFrontKeys.generate();
        handler = LoginHandler.create(Fixtures.config(cognito, keys).build());
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    @BeforeEach
    void restore() {
        cognito.failTokenEndpoint(0);
    }

    // ---- implicit flow (the article's): token passed in ----

    @Test
    void login_bearerIdToken_setsValidCookiesAndRedirectsToStartPage() {
        LoginResponse response = handler.handle(get("/private/login", null)
                .header("Authorization", "Bearer " + cognito.idToken("alice")).build());

        assertEquals(302, response.status());
        assertEquals("/private/app/index.html", response.header("Location").orElseThrow());
        assertEquals("no-store", response.header("Cache-Control").orElseThrow());
        assertCookiesOpen(response, APP);
    }

    @Test
    void login_formIdToken_setsValidCookies() {
        LoginResponse response = handler.handle(LoginRequest.builder().method("POST").path("/private/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("id_token=" + cognito.idToken("alice")).build());

        assertEquals(302, response.status());
        assertCookiesOpen(response, APP);
    }

    @Test
    void login_queryIdToken_setsValidCookies() {
        LoginResponse response = handler.handle(get("/private/login", "id_token=" + cognito.idToken("alice")).build());

        assertEquals(302, response.status());
        assertEquals("no-referrer", response.header("Referrer-Policy").orElseThrow());
        assertCookiesOpen(response, APP);
    }

    @Test
    void login_sameSiteRedirect_redirectsThere() {
        LoginResponse response = handler.handle(get("/private/login",
                "redirect=" + enc("/private/app/reports/q3.html?x=1")).header("Authorization",
                "Bearer " + cognito.idToken("alice")).build());

        assertEquals(302, response.status());
        assertEquals("/private/app/reports/q3.html?x=1", response.header("Location").orElseThrow());
    }

    @Test
    void login_cookiesDoNotOpenOtherPaths() {
        LoginResponse response = handler.handle(get("/private/login", null)
                .header("Authorization", "Bearer " + cognito.idToken("alice")).build());

        Decision decision = keys.validator().checkCookies(Fixtures.SITE_ORIGIN + "/private/admin/index.html",
                cookieMap(response), "203.0.113.7");
        assertFalse(decision.allowed(), decision.toString());
    }

    @Test
    void login_tokenWhenImplicitFlowDisabled_refusedWith400() {
        LoginHandler codeOnly = LoginHandler.create(Fixtures.config(cognito, keys).implicitFlow(false).build());

        LoginResponse response = codeOnly.handle(get("/private/login", null)
                .header("Authorization", "Bearer " + cognito.idToken("alice")).build());

        assertEquals(400, response.status());
        assertNoCloudFrontCookie(response);
    }

    // ---- authorization-code flow with PKCE ----

    @Test
    void login_withoutToken_startsCodeFlowWithPkceAndStateCookie() {
        LoginResponse response = handler.handle(get("/private/login", null).build());

        assertEquals(302, response.status());
        URI location = URI.create(response.header("Location").orElseThrow());
        assertEquals(cognito.baseUri() + "/oauth2/authorize", location.getScheme() + "://" + location.getRawAuthority()
                + location.getPath());
        Map<String, String> q = query(location.getRawQuery());
        assertEquals("code", q.get("response_type"));
        assertEquals(Fixtures.CLIENT_ID, q.get("client_id"));
        assertEquals(Fixtures.SITE_ORIGIN + "/private/login/callback", q.get("redirect_uri"));
        assertEquals("openid", q.get("scope"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").length());
        assertTrue(q.get("state").length() >= 22);
        List<String> cookies = response.setCookies();
        assertEquals(1, cookies.size());
        String cookie = cookies.get(0);
        assertTrue(cookie.startsWith("edgepass-login="), cookie.substring(0, 15));
        assertTrue(cookie.contains("; Path=/private/login"));
        assertTrue(cookie.contains("; HttpOnly"));
        assertTrue(cookie.contains("; SameSite=Lax"));
        assertTrue(cookie.contains("; Secure"));
        assertTrue(cookie.contains("; Max-Age=600"));
        assertFalse(cookie.contains(q.get("state")), "state must not appear in clear text");
    }

    @Test
    void codeFlow_roundTrip_setsValidCookiesAndRedirectsToRequestedPage() {
        LoginResponse start = handler.handle(get("/private/login", "redirect=" + enc("/private/app/deep.html")).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");

        LoginResponse response = handler.handle(callbackRequest(callback, stateCookie(start)));

        assertEquals(302, response.status());
        assertEquals("/private/app/deep.html", response.header("Location").orElseThrow());
        assertTrue(response.setCookies().stream().anyMatch(c -> c.startsWith("edgepass-login=;") && c.contains("Max-Age=0")),
                "the login state cookie is cleared");
        assertCookiesOpen(response, Fixtures.SITE_ORIGIN + "/private/app/deep.html");
    }

    @Test
    void codeFlow_worksWhenImplicitFlowDisabled() {
        LoginHandler codeOnly = LoginHandler.create(Fixtures.config(cognito, keys).implicitFlow(false).build());
        LoginResponse start = codeOnly.handle(get("/private/login", null).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "bob");

        LoginResponse response = codeOnly.handle(callbackRequest(callback, stateCookie(start)));

        assertEquals(302, response.status());
        assertCookiesOpen(response, APP);
    }

    @Test
    void callback_stateMismatch_refusedWith400() {
        LoginResponse start = handler.handle(get("/private/login", null).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");
        String tampered = callback.replaceFirst("state=[^&]+", "state=attacker-chosen-state");

        LoginResponse response = handler.handle(callbackRequest(tampered, stateCookie(start)));

        assertRefused(response, 400);
        assertEquals(0, cognito.tokenRequests() - tokenRequestsBefore(), "no code exchange after a state mismatch");
    }

    @Test
    void callback_pkceVerifierMismatch_refusedWith400() {
        // The attacker injects a code issued for their own login (challenge B) into the victim's
        // callback (state and verifier A): the token endpoint sees the wrong verifier.
        LoginResponse victim = handler.handle(get("/private/login", null).build());
        LoginResponse attacker = handler.handle(get("/private/login", null).build());
        String attackerCallback = cognito.authorize(attacker.header("Location").orElseThrow(), "mallory");
        String victimState = query(URI.create(victim.header("Location").orElseThrow()).getRawQuery()).get("state");
        String injected = attackerCallback.replaceFirst("state=[^&]+", "state=" + enc(victimState));

        LoginResponse response = handler.handle(callbackRequest(injected, stateCookie(victim)));

        assertRefused(response, 400);
    }

    @Test
    void callback_withoutStateCookie_refusedWith400() {
        LoginResponse start = handler.handle(get("/private/login", null).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");

        assertRefused(handler.handle(callbackRequest(callback, null)), 400);
    }

    @Test
    void callback_tamperedStateCookie_refusedWith400() {
        LoginResponse start = handler.handle(get("/private/login", null).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");
        String cookie = stateCookie(start);
        String tampered = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("A") ? "BB" : "AA");

        assertRefused(handler.handle(callbackRequest(callback, tampered)), 400);
    }

    @Test
    void callback_expiredLoginState_refusedWith400() {
        byte[] sharedKey = new byte[32];
        LoginHandler now = LoginHandler.create(Fixtures.config(cognito, keys).stateKey(sharedKey).build());
        LoginHandler elevenMinutesLater = LoginHandler.create(Fixtures.config(cognito, keys).stateKey(sharedKey)
                .clock(Clock.fixed(Fixtures.NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC)).build());
        LoginResponse start = now.handle(get("/private/login", null).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");

        assertRefused(elevenMinutesLater.handle(callbackRequest(callback, stateCookie(start))), 400);
    }

    @Test
    void callback_hostedUiError_refusedWith400() {
        LoginResponse response = handler.handle(get("/private/login/callback", "error=access_denied&state=x").build());

        assertRefused(response, 400);
    }

    @Test
    void callback_tokenEndpointDown_answers502() {
        LoginResponse start = handler.handle(get("/private/login", null).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");
        cognito.failTokenEndpoint(503);

        assertRefused(handler.handle(callbackRequest(callback, stateCookie(start))), 502);
    }

    @Test
    void callback_codeUsedTwice_secondRefusedWith400() {
        LoginResponse start = handler.handle(get("/private/login", null).build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");
        assertEquals(302, handler.handle(callbackRequest(callback, stateCookie(start))).status());

        assertRefused(handler.handle(callbackRequest(callback, stateCookie(start))), 400);
    }

    // ---- sign-out ----

    @Test
    void logout_withoutToken_clearsCookiesAndRedirectsToCognitoLogout() {
        LoginResponse response = handler.handle(get("/private/logout", null).build());

        assertLoggedOut(response);
    }

    @Test
    void logout_withInvalidTokenAndCookies_stillClearsCookies() {
        LoginResponse response = handler.handle(get("/private/logout", null)
                .header("Authorization", "Bearer not-a-token")
                .header("Cookie", "CloudFront-Policy=garbage; CloudFront-Signature=garbage").build());

        assertLoggedOut(response);
    }

    @Test
    void logout_withValidToken_clearsCookies() {
        LoginResponse response = handler.handle(get("/private/logout", null)
                .header("Authorization", "Bearer " + cognito.idToken("alice")).build());

        assertLoggedOut(response);
    }

    // ---- attack catalogue: each gets its 4xx, and no CloudFront cookie ----

    static Stream<Arguments> attacks() {
        Map<String, Object[]> c = new LinkedHashMap<>();
        c.put("missing token: empty Bearer", row(401, t -> get("/private/login", null).header("Authorization", "Bearer ")));
        c.put("missing token: empty id_token form field", row(401, t -> form("id_token=")));
        c.put("missing token: empty id_token query", row(401, t -> get("/private/login", "id_token=")));
        c.put("not Bearer: Basic credentials", row(401, t -> get("/private/login", null)
                .header("Authorization", "Basic YWxpY2U6c2VjcmV0")));
        c.put("expired token", row(401, t -> bearer(t.expiredIdToken("alice"))));
        c.put("forged token: unknown signing key", row(401, t -> bearer(t.forgedIdToken("alice"))));
        c.put("access token where an id token is required", row(401, t -> bearer(t.accessToken("alice"))));
        c.put("malformed token", row(401, t -> bearer("abc.def")));
        c.put("alg none token", row(401, t -> bearer(unsigned(t))));
        c.put("token for another app client", row(401, t -> bearer(t.sign(with(t.idClaims("alice"), "aud", "other-client")))));
        c.put("token from another issuer", row(401, t -> bearer(t.sign(with(t.idClaims("alice"), "iss",
                "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Other")))));
        c.put("open redirect: //evil.example", row(400, t -> bearer(t.idToken("alice"), "redirect=" + enc("//evil.example"))));
        c.put("open redirect: https://evil.example", row(400, t -> bearer(t.idToken("alice"),
                "redirect=" + enc("https://evil.example"))));
        c.put("open redirect: /\\evil", row(400, t -> bearer(t.idToken("alice"), "redirect=" + enc("/\\evil"))));
        c.put("open redirect: /%5Cevil (encoded backslash)", row(400, t -> bearer(t.idToken("alice"),
                "redirect=" + enc("/%5Cevil"))));
        c.put("open redirect: /%2Fevil.example (encoded slash)", row(400, t -> bearer(t.idToken("alice"),
                "redirect=" + enc("/%2Fevil.example"))));
        c.put("open redirect: tab inside //", row(400, t -> bearer(t.idToken("alice"), "redirect=" + enc("/\t/evil.example"))));
        c.put("open redirect: javascript:", row(400, t -> bearer(t.idToken("alice"), "redirect=" + enc("javascript:alert(1)"))));
        c.put("open redirect: relative without /", row(400, t -> bearer(t.idToken("alice"), "redirect=evil.example")));
        c.put("open redirect on the code flow start", row(400, t -> get("/private/login", "redirect=" + enc("//evil.example"))));
        c.put("oversized headers", row(431, t -> bearer(t.idToken("alice")).header("X-Padding", "a".repeat(20_000))));
        c.put("many headers", row(431, t -> {
            LoginRequest.Builder b = bearer(t.idToken("alice"));
            for (int i = 0; i < 400; i++) {
                b.header("X-Pad-" + i, "0123456789012345678901234567890123456789");
            }
            return b;
        }));
        c.put("oversized body", row(413, t -> form("id_token=" + t.idToken("alice") + "&pad=" + "a".repeat(20_000))));
        c.put("repeated id_token", row(400, t -> get("/private/login", "id_token=" + t.idToken("alice") + "&id_token="
                + t.idToken("bob"))));
        c.put("malformed percent escape", row(400, t -> get("/private/login", "redirect=%zz")));
        c.put("callback without code", row(400, t -> get("/private/login/callback", "state=abc")));
        c.put("callback with POST", row(405, t -> LoginRequest.builder().method("POST").path("/private/login/callback")));
        c.put("login with PUT", row(405, t -> LoginRequest.builder().method("PUT").path("/private/login")));
        c.put("unknown path", row(404, t -> get("/private/loginx", null)));
        return c.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("attacks")
    void attack_isRefusedWithoutCookies(String name, int expectedStatus, Function<CognitoStandIn, LoginRequest.Builder> request) {
        LoginRequest built = request.apply(cognito).build();

        LoginResponse response = handler.handle(built);

        assertRefused(response, expectedStatus);
        String bearer = built.header("authorization").orElse("");
        if (bearer.length() > 20) {
            assertFalse(response.body().contains(bearer.substring(7)), "the token must not be echoed");
        }
    }

    // ---- helpers ----

    private static int tokenRequestsBaseline;

    private static int tokenRequestsBefore() {
        return tokenRequestsBaseline;
    }

    private static Object[] row(int status, Function<CognitoStandIn, LoginRequest.Builder> request) {
        return new Object[] {status, request};
    }

    private static LoginRequest.Builder get(String path, String rawQuery) {
        return LoginRequest.builder().method("GET").path(path).rawQuery(rawQuery).sourceIp("203.0.113.7");
    }

    private static LoginRequest.Builder bearer(String token) {
        return get("/private/login", null).header("Authorization", "Bearer " + token);
    }

    private static LoginRequest.Builder bearer(String token, String rawQuery) {
        return get("/private/login", rawQuery).header("Authorization", "Bearer " + token);
    }

    private static LoginRequest.Builder form(String body) {
        return LoginRequest.builder().method("POST").path("/private/login")
                .header("Content-Type", "application/x-www-form-urlencoded").body(body);
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        claims.put(name, value);
        return claims;
    }

    private static String unsigned(CognitoStandIn t) {
        String signed = t.idToken("alice");
        String payload = signed.split("\\.")[1];
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"test-key-1\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static LoginRequest callbackRequest(String callbackUrl, String stateCookieValue) {
        URI uri = URI.create(callbackUrl);
        LoginRequest.Builder b = get(uri.getPath(), uri.getRawQuery());
        if (stateCookieValue != null) {
            b.header("Cookie", "other=1; edgepass-login=" + stateCookieValue);
        }
        tokenRequestsBaseline = cognito.tokenRequests();
        return b.build();
    }

    private static String stateCookie(LoginResponse start) {
        String header = start.setCookies().get(0);
        return header.substring("edgepass-login=".length(), header.indexOf(';'));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static Map<String, String> cookieMap(LoginResponse response) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : response.setCookies()) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return cookies;
    }

    private static void assertCookiesOpen(LoginResponse response, String url) {
        Map<String, String> cookies = cookieMap(response);
        assertTrue(cookies.containsKey("CloudFront-Policy"), "CloudFront-Policy set");
        assertTrue(cookies.containsKey("CloudFront-Signature"), "CloudFront-Signature set");
        assertEquals(CloudFrontKeys.KEY_PAIR_ID, cookies.get("CloudFront-Key-Pair-Id"));
        Decision decision = keys.validator().checkCookies(url, cookies, "203.0.113.7");
        assertTrue(decision.allowed(), decision.toString());
    }

    private static void assertNoCloudFrontCookie(LoginResponse response) {
        for (String header : response.setCookies()) {
            assertFalse(header.startsWith("CloudFront-"), "CloudFront cookie set on failure: " + header.split("=")[0]);
        }
    }

    private static void assertRefused(LoginResponse response, int status) {
        assertEquals(status, response.status(), response.body());
        assertNoCloudFrontCookie(response);
        assertTrue(response.header("Location").isEmpty(), "no redirect on failure");
        assertFalse(response.body().isBlank(), "a failure says what went wrong");
    }

    private static void assertLoggedOut(LoginResponse response) {
        assertEquals(302, response.status());
        URI location = URI.create(response.header("Location").orElseThrow());
        assertEquals("/logout", location.getPath());
        Map<String, String> q = query(location.getRawQuery());
        assertEquals(Fixtures.CLIENT_ID, q.get("client_id"));
        assertEquals(Fixtures.SITE_ORIGIN + "/", q.get("logout_uri"));
        List<String> cleared = response.setCookies();
        for (String name : List.of("CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id")) {
            assertTrue(cleared.stream().anyMatch(c -> c.startsWith(name + "=") && c.contains("Max-Age=0")),
                    name + " cleared");
        }
    }
}
