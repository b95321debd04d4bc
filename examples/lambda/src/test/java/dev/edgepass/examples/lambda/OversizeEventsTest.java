package dev.edgepass.examples.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.RequestLimits;
import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import dev.edgepass.examples.login.testing.SizeClass;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Oversize headers, cookies and bodies in both Lambda handlers' events: one byte under, at, one
 * byte over and ten times the login endpoint's limits, answered with the 413 or 431 that says the
 * size and the limit; a base64 body over the limit is refused without being decoded.
 */
class OversizeEventsTest {

    private static CognitoStandIn cognito;
    private static LoginHandler login;
    private static FunctionUrlLoginHandler functionUrl;
    private static CloudFrontLoginHandler cloudFront;
    private static int headerLimit;
    private static int bodyLimit;

    @BeforeAll
    static void start() {
        cognito = new CognitoStandIn();
        login = LoginHandler.create(Fixtures.config(cognito, CloudFrontKeys.generate()).build());
        functionUrl = new FunctionUrlLoginHandler(login);
        cloudFront = new CloudFrontLoginHandler(login);
        headerLimit = login.limits().maxHeaderBytes();
        bodyLimit = login.limits().maxBodyBytes();
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    // ---- function URL (payload 2.0) ----

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void functionUrl_base64Body_eachSize(SizeClass size) {
        int bytes = size.size(bodyLimit);
        APIGatewayV2HTTPResponse response = functionUrl.handleRequest(formPost(base64(form(bytes))), null);

        assertFunctionUrlAnswer(size, response, 413, "Request body too large: " + number(bytes) + " bytes");
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void functionUrl_textBody_eachSize(SizeClass size) {
        int bytes = size.size(bodyLimit);
        APIGatewayV2HTTPEvent event = formPost(form(bytes));
        event.setIsBase64Encoded(false);

        APIGatewayV2HTTPResponse response = functionUrl.handleRequest(event, null);

        assertFunctionUrlAnswer(size, response, 413, "Request body too large: " + number(bytes) + " bytes");
    }

    @Test
    void functionUrl_base64BodyTenTimesTheLimit_isRefusedWithoutDecoding() {
        // not base64 at all: decoding it would fail with 400, so a 413 proves it was never decoded
        String junk = "!".repeat(base64(form(10 * bodyLimit)).replace("=", "").length());

        APIGatewayV2HTTPResponse response = functionUrl.handleRequest(formPost(junk), null);

        assertEquals(413, response.getStatusCode());
        assertEquals("Request body too large: " + number(10 * bodyLimit) + " bytes, the limit is "
                + number(bodyLimit) + " bytes.\n", response.getBody());
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void functionUrl_headers_eachSize(SizeClass size) {
        APIGatewayV2HTTPEvent event = formPost(base64("pad=a"));
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.put("x-pad", "");
        event.setHeaders(headers);
        headers.put("x-pad", "a".repeat(size.size(headerLimit) - headerBytes(event)));
        assertEquals(size.size(headerLimit), headerBytes(event));

        APIGatewayV2HTTPResponse response = functionUrl.handleRequest(event, null);

        assertFunctionUrlAnswer(size, response, 431, "Request header fields too large: "
                + number(size.size(headerLimit)) + " bytes");
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void functionUrl_cookies_eachSize(SizeClass size) {
        APIGatewayV2HTTPEvent event = formPost(base64("pad=a"));
        event.setCookies(List.of("a="));
        event.setCookies(List.of("a=" + "b".repeat(size.size(headerLimit) - headerBytes(event))));
        assertEquals(size.size(headerLimit), headerBytes(event));

        APIGatewayV2HTTPResponse response = functionUrl.handleRequest(event, null);

        assertFunctionUrlAnswer(size, response, 431, "Cookies too large: the request headers are "
                + number(size.size(headerLimit)) + " bytes");
    }

    // ---- CloudFront viewer request ----

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void cloudFront_base64Body_eachSize(SizeClass size) {
        int bytes = size.size(bodyLimit);
        Map<String, Object> response = cloudFront.handleRequest(viewerPost(base64(form(bytes)), false), null);

        assertCloudFrontAnswer(size, response, "413", "Request body too large: " + number(bytes) + " bytes");
    }

    @Test
    void cloudFront_bodyTruncatedByCloudFront_is413SayingSo() {
        Map<String, Object> response = cloudFront.handleRequest(viewerPost(base64(form(bodyLimit)), true), null);

        assertEquals("413", response.get("status"));
        assertEquals("Payload Too Large", response.get("statusDescription"));
        assertTrue(String.valueOf(response.get("body")).contains("cut short"), String.valueOf(response.get("body")));
    }

    @Test
    void cloudFront_base64BodyTenTimesTheLimit_isRefusedWithoutDecoding() {
        String junk = "!".repeat(base64(form(10 * bodyLimit)).replace("=", "").length());

        Map<String, Object> response = cloudFront.handleRequest(viewerPost(junk, false), null);

        assertEquals("413", response.get("status"));
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void cloudFront_headers_eachSize(SizeClass size) {
        Map<String, Object> event = viewerPost(base64("pad=a"), false);
        headers(event).put("x-pad", List.of(header("X-Pad", "")));
        int padding = size.size(headerLimit) - headerBytes(event);
        headers(event).put("x-pad", List.of(header("X-Pad", "a".repeat(padding))));
        assertEquals(size.size(headerLimit), headerBytes(event));

        Map<String, Object> response = cloudFront.handleRequest(event, null);

        assertCloudFrontAnswer(size, response, "431", "Request header fields too large: "
                + number(size.size(headerLimit)) + " bytes");
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void cloudFront_cookies_eachSize(SizeClass size) {
        Map<String, Object> event = viewerPost(base64("pad=a"), false);
        headers(event).put("cookie", List.of(header("Cookie", "a=")));
        int padding = size.size(headerLimit) - headerBytes(event);
        headers(event).put("cookie", List.of(header("Cookie", "a=" + "b".repeat(padding))));
        assertEquals(size.size(headerLimit), headerBytes(event));

        Map<String, Object> response = cloudFront.handleRequest(event, null);

        assertCloudFrontAnswer(size, response, "431", "Cookies too large: the request headers are "
                + number(size.size(headerLimit)) + " bytes");
    }

    // ---- helpers ----

    private static void assertFunctionUrlAnswer(SizeClass size, APIGatewayV2HTTPResponse response, int refusal,
            String reason) {
        if (size.fits()) {
            assertEquals(302, response.getStatusCode(), response.getBody());
        } else {
            assertEquals(refusal, response.getStatusCode());
            assertTrue(response.getBody().startsWith(reason), response.getBody());
            assertNull(response.getCookies(), "no cookie on a refusal");
        }
    }

    private static void assertCloudFrontAnswer(SizeClass size, Map<String, Object> response, String refusal,
            String reason) {
        if (size.fits()) {
            assertEquals("302", response.get("status"), String.valueOf(response.get("body")));
        } else {
            assertEquals(refusal, response.get("status"));
            assertTrue(String.valueOf(response.get("body")).startsWith(reason), String.valueOf(response.get("body")));
            assertTrue(!headers(response).containsKey("set-cookie"), "no cookie on a refusal");
        }
    }

    /** The function URL form-post event with {@code body} as its (base64) body. */
    private static APIGatewayV2HTTPEvent formPost(String body) {
        APIGatewayV2HTTPEvent event = Events.functionUrl("function-url-form-post.json", Map.of("BODY_BASE64", "x"));
        event.setBody(body);
        return event;
    }

    /** The viewer-request event as a POST with {@code data} as its base64 body. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> viewerPost(String data, boolean truncated) {
        Map<String, Object> event = Events.json("cloudfront-viewer-request.json", Map.of("URI", "/private/login"));
        // the parsed JSON refuses to replace a key: edit copies
        Map<String, Object> cf = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) event.get("Records"))
                .get(0)).get("cf");
        Map<String, Object> request = new LinkedHashMap<>(request(event));
        request.put("headers", new LinkedHashMap<>((Map<String, Object>) request.get("headers")));
        cf.remove("request");
        cf.put("request", request);
        request.put("method", "POST");
        headers(event).put("content-type", new ArrayList<>(List.of(header("Content-Type",
                "application/x-www-form-urlencoded"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inputTruncated", truncated);
        body.put("action", "read-only");
        body.put("encoding", "base64");
        body.put("data", data);
        request.put("body", body);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(Map<String, Object> event) {
        Map<String, Object> record = (Map<String, Object>) ((List<Object>) event.get("Records")).get(0);
        return (Map<String, Object>) ((Map<String, Object>) record.get("cf")).get("request");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> headers(Map<String, Object> response) {
        return (Map<String, Object>) (response.containsKey("Records") ? request(response).get("headers")
                : response.get("headers"));
    }

    private static Map<String, String> header(String key, String value) {
        Map<String, String> pair = new LinkedHashMap<>();
        pair.put("key", key);
        pair.put("value", value);
        return pair;
    }

    private static int headerBytes(APIGatewayV2HTTPEvent event) {
        event.setBody(null);
        try {
            return (int) RequestLimits.headerBytes(FunctionUrlLoginHandler.toRequest(event, login.limits()));
        } finally {
            event.setBody(base64("pad=a"));
        }
    }

    private static int headerBytes(Map<String, Object> event) {
        return (int) RequestLimits.headerBytes(CloudFrontLoginHandler.toRequest(event, login.limits()));
    }

    /** A form body of exactly {@code bytes} bytes without a token: the login answers it with the code flow. */
    private static String form(int bytes) {
        return "pad=" + "a".repeat(bytes - 4);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
