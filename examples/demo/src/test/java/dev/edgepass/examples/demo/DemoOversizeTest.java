package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.demo.DemoOptions.LoginVia;
import dev.edgepass.examples.login.LoginConfig;
import dev.edgepass.examples.login.testing.RawHttp;
import dev.edgepass.examples.login.testing.SizeClass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oversize headers, cookies and bodies sent to the running demo over real HTTP, through the
 * CloudFront stand-in, in both routings: one byte under, at, one byte over and ten times each
 * limit on the way (the login endpoint's 16 KiB, Lambda@Edge's 40 KB body cut, the stand-ins'
 * 64 KiB body cap, CloudFront's 20,480-byte request quota), each answered with its 4xx and the
 * reason; bodies the stand-ins refuse are answered without waiting for the rest of them.
 */
class DemoOversizeTest {

    private static final int LOGIN_LIMIT = LoginConfig.DEFAULT_MAX_BODY_BYTES;
    private static final int HEADER_LIMIT = LoginConfig.DEFAULT_MAX_HEADER_BYTES;
    private static final int EDGE_BODY_CUT = 40 * 1024;
    private static final Pattern HEADER_TOTAL = Pattern.compile("too large: (?:the request headers are )?([0-9,]+) bytes");

    private static final Map<LoginVia, Demo> demos = new EnumMap<>(LoginVia.class);
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        for (LoginVia via : LoginVia.values()) {
            demos.put(via, Demo.start(DemoOptions.builder().loginVia(via).build()));
        }
    }

    @AfterAll
    static void stop() {
        demos.values().forEach(Demo::close);
    }

    static Stream<Arguments> bodies() {
        List<Arguments> rows = new ArrayList<>();
        for (LoginVia via : LoginVia.values()) {
            // the login endpoint's own limit
            for (SizeClass size : SizeClass.values()) {
                int bytes = size.size(LOGIN_LIMIT);
                rows.add(Arguments.of(via, "login endpoint " + size, bytes, size.fits() ? 302 : 413,
                        size.fits() ? "" : size == SizeClass.TEN_TIMES ? tooLargeOnTheWay(via, bytes) : loginTooLarge(bytes)));
            }
            // the limit of what sits in front of it: the stand-ins' 64 KiB, or Lambda@Edge's 40 KB cut
            int front = via == LoginVia.ORIGIN ? Exchanges.MAX_BODY_BYTES : EDGE_BODY_CUT;
            for (SizeClass size : SizeClass.values()) {
                int bytes = size.size(front);
                rows.add(Arguments.of(via, "front " + size, bytes, 413,
                        size.fits() ? loginTooLarge(bytes) : tooLargeOnTheWay(via, bytes)));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}, {1}: {2} bytes -> {3}")
    @MethodSource("bodies")
    void loginBody_sentWhole_isAnsweredWithItsStatusAndReason(LoginVia via, String name, int bytes, int status,
            String reason) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(login(via))
                .timeout(RawHttp.ANSWER_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("pad=" + "a".repeat(bytes - 4))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith(reason), response.body());
        assertTrue(response.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("CloudFront-")));
    }

    @ParameterizedTest
    @EnumSource(LoginVia.class)
    void loginBody_declaredTenTimesTheLimit_isAnsweredAfterAtMostTheFrontLimit(LoginVia via) throws Exception {
        int declared = 10 * LOGIN_LIMIT;
        // origin: the stand-in believes Content-Length and reads nothing; edge: it reads the 40 KB a
        // viewer-request function gets, and no more (the rest is never sent here)
        byte[] sent = new byte[via == LoginVia.ORIGIN ? 0 : EDGE_BODY_CUT];
        java.util.Arrays.fill(sent, (byte) 'a');

        RawHttp.Response response = RawHttp.send(demos.get(via).publicUrl(), "POST /private/login HTTP/1.1",
                List.of("Content-Type: application/x-www-form-urlencoded", "Content-Length: " + declared), sent);

        assertEquals(413, response.status());
        assertTrue(response.body().startsWith(tooLargeOnTheWay(via, declared)), response.body());
        assertEquals("close", response.headers().get("connection"));
    }

    @ParameterizedTest
    @EnumSource(LoginVia.class)
    void loginBody_chunkedOneByteOverTheFrontLimit_isAnsweredWithoutTheRest(LoginVia via) throws Exception {
        int front = via == LoginVia.ORIGIN ? Exchanges.MAX_BODY_BYTES : EDGE_BODY_CUT;

        RawHttp.Response response = RawHttp.send(demos.get(via).publicUrl(), "POST /private/login HTTP/1.1",
                List.of("Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"),
                RawHttp.chunked(front + 1, false));

        assertEquals(413, response.status());
        assertTrue(response.body().startsWith(tooLargeOnTheWay(via, -1)), response.body());
    }

    @Test
    void cognitoTokenEndpoint_declaredOversizeBody_is413WithoutReadingIt() throws Exception {
        RawHttp.Response response = RawHttp.send(demos.get(LoginVia.EDGE).hostedUiUrl(), "POST /oauth2/token HTTP/1.1",
                List.of("Content-Type: application/x-www-form-urlencoded", "Content-Length: " + 10 * Exchanges.MAX_BODY_BYTES),
                new byte[0]);

        assertEquals(413, response.status());
        assertEquals("413 Payload Too Large: the demo's Cognito stand-in takes request bodies up to 65,536 bytes; this one is "
                + number(10 * Exchanges.MAX_BODY_BYTES) + " bytes.", response.body());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("routingsAndSizes")
    void loginHeaders_eachSize_passOrAre431WithTheReason(LoginVia via, SizeClass size) throws Exception {
        int overhead = headerOverhead(via, "X-Pad");
        HttpResponse<String> response = get(via, "X-Pad", "a".repeat(size.size(HEADER_LIMIT) - overhead));

        assertHeaderAnswer(size, response, "Request header fields too large: " + number(size.size(HEADER_LIMIT)) + " bytes");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("routingsAndSizes")
    void loginCookies_eachSize_passOrAre431SayingCookies(LoginVia via, SizeClass size) throws Exception {
        int overhead = headerOverhead(via, "Cookie");
        HttpResponse<String> response = get(via, "Cookie", "a=" + "b".repeat(size.size(HEADER_LIMIT) - overhead - 2));

        assertHeaderAnswer(size, response, "Cookies too large: the request headers are " + number(size.size(HEADER_LIMIT))
                + " bytes");
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void anyPath_requestOverCloudFrontsQuota_is431FromTheStandIn(SizeClass size) throws Exception {
        URI base = demos.get(LoginVia.ORIGIN).publicUrl();
        int quota = CloudFrontStandIn.MAX_REQUEST_BYTES;
        // as CloudFront counts: "GET / HTTP/1.1" CRLF, each header line with ": " and CRLF, the final CRLF
        int fixed = "GET / HTTP/1.1".length() + 2 + "Host".length() + 2 + RawHttp.hostHeader(base).length() + 2
                + "X-Pad".length() + 2 + 2 + 2;

        RawHttp.Response response = RawHttp.send(base, "GET / HTTP/1.1",
                List.of("X-Pad: " + "a".repeat(size.size(quota) - fixed)), new byte[0]);

        if (size.fits()) {
            assertEquals(200, response.status(), response.body());
        } else {
            assertEquals(431, response.status());
            assertEquals("431 ERROR: the request's URL and headers are " + number(size.size(quota))
                    + " bytes; CloudFront accepts at most 20,480.", response.body());
        }
    }

    static Stream<Arguments> routingsAndSizes() {
        return Stream.of(LoginVia.values()).flatMap(via -> Stream.of(SizeClass.values()).map(size -> Arguments.of(via, size)));
    }

    private static void assertHeaderAnswer(SizeClass size, HttpResponse<String> response, String loginReason) {
        if (size.fits()) {
            assertEquals(302, response.statusCode(), response.body());
        } else if (size == SizeClass.TEN_TIMES) {
            // over CloudFront's 20,480-byte quota: the stand-in answers before the login endpoint sees it
            assertEquals(431, response.statusCode());
            assertTrue(response.body().startsWith("431 ERROR: the request's URL and headers are "), response.body());
        } else {
            assertEquals(431, response.statusCode());
            assertTrue(response.body().startsWith(loginReason), response.body());
        }
    }

    /**
     * The header bytes the login endpoint counts besides the value of {@code name}: the client's own
     * headers and what the stand-in adds on the way (forwarded-for, viewer address, via). Read from
     * the endpoint's own answer to a request over the limit, so the sizes above are exact.
     */
    private static int headerOverhead(LoginVia via, String name) throws Exception {
        int probe = HEADER_LIMIT + 100;
        HttpResponse<String> response = get(via, name, name.equals("Cookie") ? "a=" + "b".repeat(probe - 2) : "a".repeat(probe));
        Matcher total = HEADER_TOTAL.matcher(response.body());
        assertTrue(total.find(), response.body());
        return Integer.parseInt(total.group(1).replace(",", "")) - probe;
    }

    private static HttpResponse<String> get(LoginVia via, String name, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(login(via)).timeout(RawHttp.ANSWER_TIMEOUT).header(name, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI login(LoginVia via) {
        return demos.get(via).publicUrl().resolve("/private/login");
    }

    private static String loginTooLarge(int bytes) {
        return "Request body too large: " + number(bytes) + " bytes, the limit is " + number(LOGIN_LIMIT) + " bytes.";
    }

    /** What the piece in front of the login endpoint answers for a body over its own limit. */
    private static String tooLargeOnTheWay(LoginVia via, long bytes) {
        if (via == LoginVia.EDGE) {
            return "Request body too large: it arrived cut short by the front end";
        }
        return "413 Payload Too Large: the demo's CloudFront stand-in takes request bodies up to 65,536 bytes; this one is "
                + (bytes < 0 ? "more than 65,536 bytes." : number(bytes) + " bytes.");
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
