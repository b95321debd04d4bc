package dev.edgepass.examples.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import dev.edgepass.examples.login.testing.SizeClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The size limits at their boundaries, through {@link LoginHandler#handle}: headers, cookies and
 * body one byte under, at, one byte over and ten times the limit, with the reason in the answer.
 */
class RequestLimitsTest {

    private static CognitoStandIn cognito;
    private static LoginHandler handler;
    private static int headerLimit;
    private static int bodyLimit;

    @BeforeAll
    static void start() {
        cognito = new CognitoStandIn();
        handler = LoginHandler.create(Fixtures.config(cognito, CloudFrontKeys.generate()).build());
        headerLimit = handler.limits().maxHeaderBytes();
        bodyLimit = handler.limits().maxBodyBytes();
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void headers_atEachSize_passOrAre431WithSizeAndLimit(SizeClass size) {
        // one header: "x-pad" (5) + value + ": " and CRLF (4)
        LoginRequest request = login().header("X-Pad", "a".repeat(size.size(headerLimit) - 9)).build();
        assertEquals(size.size(headerLimit), RequestLimits.headerBytes(request));

        LoginResponse response = handler.handle(request);

        if (size.fits()) {
            assertEquals(302, response.status(), response.body());
        } else {
            assertEquals(431, response.status());
            assertEquals("Request header fields too large: " + number(size.size(headerLimit)) + " bytes, the limit is "
                    + number(headerLimit) + " bytes (largest: x-pad, " + number(size.size(headerLimit)) + " bytes).\n",
                    response.body());
            assertTrue(response.setCookies().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void cookies_atEachSize_passOrAre431SayingCookies(SizeClass size) {
        // "cookie" (6) + ": " + "a=" + padding + CRLF
        String cookie = "a=" + "b".repeat(size.size(headerLimit) - 12);
        LoginRequest request = login().header("Cookie", cookie).build();
        assertEquals(size.size(headerLimit), RequestLimits.headerBytes(request));

        LoginResponse response = handler.handle(request);

        if (size.fits()) {
            assertEquals(302, response.status(), response.body());
        } else {
            assertEquals(431, response.status());
            assertTrue(response.body().startsWith("Cookies too large: the request headers are "
                    + number(size.size(headerLimit)) + " bytes"), response.body());
            assertTrue(response.body().contains("Clear this site's cookies"), response.body());
            assertFalse(response.body().contains("bbbb"), "no cookie value in the answer");
        }
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void body_atEachSize_passesOrIs413WithSizeAndLimit(SizeClass size) {
        LoginResponse response = handler.handle(post(form(size.size(bodyLimit))).build());

        if (size.fits()) {
            assertEquals(302, response.status(), response.body());
        } else {
            assertEquals(413, response.status());
            assertEquals("Request body too large: " + number(size.size(bodyLimit)) + " bytes, the limit is "
                    + number(bodyLimit) + " bytes.\n", response.body());
            assertTrue(response.setCookies().isEmpty());
        }
    }

    @Test
    void body_countsUtf8Bytes_notCharacters() {
        // "pad=" + two-byte characters: at the limit in bytes, far under it in characters
        String atLimit = "pad=" + "\u00e9".repeat((bodyLimit - 4) / 2);
        assertEquals(302, handler.handle(post(atLimit).build()).status());

        LoginResponse over = handler.handle(post(atLimit + "\u00e9").build());

        assertEquals(413, over.status());
        assertTrue(over.body().startsWith("Request body too large: " + number(bodyLimit + 2) + " bytes"), over.body());
    }

    @Test
    void bodyTooLarge_withUnknownSize_andTruncatedBody_sayWhyAndTheLimit() {
        assertEquals("Request body too large: more than the limit of " + number(bodyLimit) + " bytes.\n",
                handler.limits().bodyTooLarge(-1).body());
        LoginResponse truncated = handler.limits().truncatedBody();
        assertEquals(413, truncated.status());
        assertTrue(truncated.body().contains("cut short"), truncated.body());
        assertEquals("no-store", truncated.header("Cache-Control").orElseThrow());
    }

    @Test
    void bodyFits_isTrueUpToTheLimitAndForAnUnknownSize() {
        assertTrue(handler.limits().bodyFits(bodyLimit));
        assertFalse(handler.limits().bodyFits(bodyLimit + 1L));
        assertTrue(handler.limits().bodyFits(-1));
    }

    @Test
    void headerName_inTheAnswer_isCutAndStripped() {
        String name = "X-" + "n".repeat(200);
        LoginResponse response = handler.handle(login().header(name, "v".repeat(headerLimit)).build());

        assertEquals(431, response.status());
        assertTrue(response.body().contains("(largest: x-" + "n".repeat(62) + "..., "), response.body());
    }

    private static LoginRequest.Builder login() {
        return LoginRequest.builder().method("GET").path("/private/login");
    }

    private static LoginRequest.Builder post(String body) {
        return LoginRequest.builder().method("POST").path("/private/login")
                .header("Content-Type", "application/x-www-form-urlencoded").body(body);
    }

    /** A form body of exactly {@code bytes} bytes that holds no token: the login answers it with the code flow. */
    private static String form(int bytes) {
        return "pad=" + "a".repeat(bytes - 4);
    }

    private static String number(long value) {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }
}
