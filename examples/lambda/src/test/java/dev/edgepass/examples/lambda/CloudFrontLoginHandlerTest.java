package dev.edgepass.examples.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.Decision;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CloudFrontLoginHandlerTest {

    private static CognitoStandIn cognito;
    private static CloudFrontKeys keys;
    private static CloudFrontLoginHandler handler;

    @BeforeAll
    static void start() {
        cognito = new CognitoStandIn();
        keys = CloudFrontKeys.generate();
        handler = new CloudFrontLoginHandler(LoginHandler.create(Fixtures.config(cognito, keys).build()));
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    @Test
    void viewerRequestWithToken_generates302WithSetCookieList() {
        Map<String, Object> response = handler.handleRequest(Events.json("cloudfront-viewer-request.json", Map.of(
                "URI", "/private/login", "AUTHORIZATION", "Bearer " + cognito.idToken("alice"))), null);

        assertEquals("302", response.get("status"));
        assertEquals("Found", response.get("statusDescription"));
        Map<String, List<Map<String, String>>> headers = headers(response);
        assertEquals(List.of(Map.of("key", "Location", "value", "/private/app/index.html")), headers.get("location"));
        List<Map<String, String>> setCookies = headers.get("set-cookie");
        assertTrue(setCookies.size() >= 3, "one entry per cookie");
        setCookies.forEach(pair -> assertEquals("Set-Cookie", pair.get("key")));
        assertCookiesOpen(setCookies);
        assertFalse(response.containsKey("body"), "a redirect has no body");
    }

    @Test
    void viewerRequestWithoutToken_generatesRedirectToHostedUi() {
        Map<String, Object> response = handler.handleRequest(Events.json("cloudfront-viewer-request.json",
                Map.of("URI", "/private/login")), null);

        assertEquals("302", response.get("status"));
        String location = headers(response).get("location").get(0).get("value");
        assertTrue(location.startsWith(cognito.baseUri() + "/oauth2/authorize?"), location);
        assertEquals(1, headers(response).get("set-cookie").size());
    }

    @Test
    void codeFlowCallback_readsStateFromCookieHeaderList() {
        Map<String, Object> start = handler.handleRequest(Events.json("cloudfront-viewer-request.json",
                Map.of("URI", "/private/login")), null);
        String stateCookie = headers(start).get("set-cookie").get(0).get("value").split(";")[0];
        String callback = cognito.authorize(headers(start).get("location").get(0).get("value"), "alice");

        Map<String, Object> response = handler.handleRequest(Events.json("cloudfront-viewer-request.json", Map.of(
                "URI", "/private/login/callback", "QUERY", URI.create(callback).getRawQuery(),
                "COOKIE", "a=b; " + stateCookie)), null);

        assertEquals("302", response.get("status"), String.valueOf(response.get("body")));
        assertCookiesOpen(headers(response).get("set-cookie"));
    }

    @Test
    void forgedToken_generates401WithoutCookies() {
        Map<String, Object> response = handler.handleRequest(Events.json("cloudfront-viewer-request.json", Map.of(
                "URI", "/private/login", "AUTHORIZATION", "Bearer " + cognito.forgedIdToken("alice"))), null);

        assertEquals("401", response.get("status"));
        assertEquals("Unauthorized", response.get("statusDescription"));
        assertFalse(headers(response).containsKey("set-cookie"));
        assertEquals("text", response.get("bodyEncoding"));
    }

    @Test
    void logoutWithGarbageCookies_generatesClearingCookies() {
        Map<String, Object> response = handler.handleRequest(Events.json("cloudfront-viewer-request.json", Map.of(
                "URI", "/private/logout", "COOKIE", "CloudFront-Policy=junk; CloudFront-Signature=junk")), null);

        assertEquals("302", response.get("status"));
        assertTrue(headers(response).get("set-cookie").stream().allMatch(p -> p.get("value").contains("Max-Age=0")));
    }

    @Test
    void malformedEvent_generates400() {
        Map<String, Object> response = handler.handleRequest(Map.of("Records", List.of()), null);

        assertEquals("400", response.get("status"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, String>>> headers(Map<String, Object> response) {
        return (Map<String, List<Map<String, String>>>) response.get("headers");
    }

    private static void assertCookiesOpen(List<Map<String, String>> setCookies) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (Map<String, String> header : setCookies) {
            String pair = header.get("value").split(";", 2)[0];
            cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Decision decision = keys.validator().checkCookies(Fixtures.SITE_ORIGIN + "/private/app/index.html",
                cookies, "203.0.113.178");
        assertTrue(decision.allowed(), decision.toString());
    }
}
