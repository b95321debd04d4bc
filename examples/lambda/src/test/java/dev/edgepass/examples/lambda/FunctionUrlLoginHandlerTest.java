package dev.edgepass.examples.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.edgepass.cloudfront.Decision;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.LoginRequest;
import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FunctionUrlLoginHandlerTest {

    private static CognitoStandIn cognito;
    private static CloudFrontKeys keys;
    private static LoginHandler login;
    private static FunctionUrlLoginHandler handler;

    @BeforeAll
    static void start() {
        cognito = new CognitoStandIn();
        keys = CloudFrontKeys.generate();
        login = LoginHandler.create(Fixtures.config(cognito, keys).build());
        handler = new FunctionUrlLoginHandler(login);
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    private static APIGatewayV2HTTPEvent eventWith(Map<String, String> headers, List<String> cookies) {
        return APIGatewayV2HTTPEvent.builder().withRawPath("/private/login").withHeaders(headers).withCookies(cookies)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                                .withPath("/private/login").withSourceIp("203.0.113.7").build())
                        .build())
                .build();
    }

    @Test
    void toRequest_cookiesArray_isTheCookieHeaderAndACookieHeaderIsIgnored() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cookie", "ignored=1");
        headers.put("user-agent", "test");

        LoginRequest request = FunctionUrlLoginHandler.toRequest(eventWith(headers, List.of("a=1", "b=2")), login.limits());

        assertEquals(List.of("a=1; b=2"), request.headers().get("cookie"));
        assertEquals(List.of("test"), request.headers().get("user-agent"));
    }

    @Test
    void toRequest_noCookiesArray_keepsTheCookieHeader() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cookie", "a=1; b=2");
        headers.put("host", "abc.lambda-url.eu-west-2.on.aws");

        LoginRequest request = FunctionUrlLoginHandler.toRequest(eventWith(headers, null), login.limits());

        assertEquals(List.of("a=1; b=2"), request.headers().get("cookie"));
        assertEquals(List.of("abc.lambda-url.eu-west-2.on.aws"), request.headers().get("host"));
    }

    @Test
    void bearerToken_answers302WithCookiesInPayload2CookiesField() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.functionUrl("function-url-login.json",
                Map.of("AUTHORIZATION", "Bearer " + cognito.idToken("alice"))), null);

        assertEquals(302, response.getStatusCode());
        assertEquals("/private/app/index.html", response.getHeaders().get("Location"));
        assertNull(response.getHeaders().get("Set-Cookie"), "cookies go in the cookies field, not headers");
        assertCookiesOpen(response.getCookies());
    }

    @Test
    void base64FormPost_answers302WithCookies() {
        String body = "id_token=" + cognito.idToken("alice");
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.functionUrl("function-url-form-post.json",
                Map.of("BODY_BASE64", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))), null);

        assertEquals(302, response.getStatusCode());
        assertCookiesOpen(response.getCookies());
    }

    @Test
    void codeFlow_stateCookieArrivesThroughCookiesField() {
        APIGatewayV2HTTPResponse start = handler.handleRequest(Events.functionUrl("function-url-login.json", Map.of()), null);
        assertEquals(302, start.getStatusCode());
        String stateCookie = start.getCookies().get(0);
        String callback = cognito.authorize(start.getHeaders().get("Location"), "alice");

        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.functionUrl("function-url-callback.json", Map.of(
                "QUERY", URI.create(callback).getRawQuery(),
                "STATE_COOKIE", stateCookie.substring("edgepass-login=".length(), stateCookie.indexOf(';')))), null);

        assertEquals(302, response.getStatusCode(), response.getBody());
        assertCookiesOpen(response.getCookies());
    }

    @Test
    void expiredToken_answers401WithoutCookies() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.functionUrl("function-url-login.json",
                Map.of("AUTHORIZATION", "Bearer " + cognito.expiredIdToken("alice"))), null);

        assertEquals(401, response.getStatusCode());
        assertTrue(response.getCookies() == null || response.getCookies().isEmpty());
    }

    @Test
    void openRedirect_answers400WithoutCookies() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(Events.functionUrl("function-url-login.json",
                Map.of("AUTHORIZATION", "Bearer " + cognito.idToken("alice"), "QUERY", "redirect=%2F%2Fevil.example")), null);

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getCookies() == null || response.getCookies().isEmpty());
    }

    @Test
    void eventWithoutRequestContext_answers400() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(APIGatewayV2HTTPEvent.builder()
                .withRawPath("/private/login").build(), null);

        assertEquals(400, response.getStatusCode());
    }

    @Test
    void logout_putsEveryClearingCookieInCookiesField() {
        APIGatewayV2HTTPEvent event = Events.functionUrl("function-url-login.json", Map.of());
        event.setRawPath("/private/logout");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertEquals(302, response.getStatusCode());
        assertTrue(response.getHeaders().get("Location").startsWith(cognito.baseUri() + "/logout?"));
        assertTrue(response.getCookies().size() >= 3);
        assertFalse(response.getCookies().stream().anyMatch(c -> !c.contains("Max-Age=0")));
    }

    static void assertCookiesOpen(List<String> setCookies) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : setCookies) {
            String pair = header.split(";", 2)[0];
            cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Decision decision = keys.validator().checkCookies(Fixtures.SITE_ORIGIN + "/private/app/index.html",
                cookies, "203.0.113.7");
        assertTrue(decision.allowed(), decision.toString());
    }
}
