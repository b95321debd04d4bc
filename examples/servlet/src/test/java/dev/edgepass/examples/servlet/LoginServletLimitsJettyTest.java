package dev.edgepass.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import dev.edgepass.examples.login.testing.RawHttp;
import dev.edgepass.examples.login.testing.SizeClass;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Oversize headers, cookies and bodies against the servlet on a real Jetty 12, over real HTTP: one
 * byte under, at, one byte over and ten times the login endpoint's limits. Jetty's own header
 * buffer is set to 64 KiB here so that the endpoint's 16 KiB limit is the one met first; beyond
 * Jetty's buffer (the ten-times case) Jetty answers 431 itself.
 */
class LoginServletLimitsJettyTest {

    private static final int JETTY_HEADER_BUFFER = 64 * 1024;
    private static CognitoStandIn cognito;
    private static Server server;
    private static URI base;
    private static int headerLimit;
    private static int bodyLimit;
    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        cognito = new CognitoStandIn();
        LoginHandler login = LoginHandler.create(Fixtures.config(cognito, CloudFrontKeys.generate()).build());
        headerLimit = login.limits().maxHeaderBytes();
        bodyLimit = login.limits().maxBodyBytes();

        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(JETTY_HEADER_BUFFER);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new LoginServlet(login)), "/private/login/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        cognito.close();
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void headers_eachSize_passOrAre431(SizeClass size) throws Exception {
        int total = size.size(headerLimit);
        RawHttp.Response response = RawHttp.send(base, "GET /private/login HTTP/1.1",
                List.of("X-Pad: " + "a".repeat(total - hostBytes() - "x-pad".length() - 4)), new byte[0]);

        if (size.fits()) {
            assertEquals(302, response.status(), response.body());
        } else if (total <= JETTY_HEADER_BUFFER) {
            assertEquals(431, response.status());
            assertEquals("Request header fields too large: " + number(total) + " bytes, the limit is "
                    + number(headerLimit) + " bytes (largest: x-pad, " + number(total - hostBytes()) + " bytes).\n",
                    response.body());
            assertNoCloudFrontCookie(response);
        } else {
            assertEquals(431, response.status(), "Jetty's own limit");
            assertTrue(response.body().contains("Request Header Fields Too Large"), response.body());
        }
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void cookies_eachSize_passOrAre431SayingCookies(SizeClass size) throws Exception {
        int total = size.size(headerLimit);
        RawHttp.Response response = RawHttp.send(base, "GET /private/login HTTP/1.1",
                List.of("Cookie: a=" + "b".repeat(total - hostBytes() - "cookie".length() - 6)), new byte[0]);

        if (size.fits()) {
            assertEquals(302, response.status(), response.body());
        } else if (total <= JETTY_HEADER_BUFFER) {
            assertEquals(431, response.status());
            assertTrue(response.body().startsWith("Cookies too large: the request headers are " + number(total)
                    + " bytes"), response.body());
            assertNoCloudFrontCookie(response);
        } else {
            assertEquals(431, response.status(), "Jetty's own limit");
        }
    }

    @ParameterizedTest
    @EnumSource(SizeClass.class)
    void body_eachSize_sentWhole_passesOrIs413WithTheSize(SizeClass size) throws Exception {
        int bytes = size.size(bodyLimit);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/private/login"))
                .timeout(RawHttp.ANSWER_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("pad=" + "a".repeat(bytes - 4))).build(),
                HttpResponse.BodyHandlers.ofString());

        if (size.fits()) {
            assertEquals(302, response.statusCode(), response.body());
        } else {
            assertEquals(413, response.statusCode());
            assertEquals("Request body too large: " + number(bytes) + " bytes, the limit is " + number(bodyLimit)
                    + " bytes.\n", response.body());
            assertEquals("close", response.headers().firstValue("Connection").orElse(""));
        }
    }

    /**
     * A client that sends its whole body before reading (as most do) must see the 413, not a
     * connection reset: closing a socket that still holds unread bytes resets it. Repeated,
     * because the reset is a race that a single request loses only now and then.
     */
    @Test
    void body_tenTimesTheLimitSentWhole_getsThe413EveryTime() throws Exception {
        int bytes = SizeClass.TEN_TIMES.size(bodyLimit);
        for (int attempt = 1; attempt <= 30; attempt++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/private/login"))
                    .timeout(RawHttp.ANSWER_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("pad=" + "a".repeat(bytes - 4))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(413, response.statusCode(), "attempt " + attempt);
        }
    }

    @Test
    void body_declaredTenTimesTheLimit_isRefusedBeforeAnyOfItIsSent() throws Exception {
        RawHttp.Response response = RawHttp.send(base, "POST /private/login HTTP/1.1",
                List.of("Content-Type: application/x-www-form-urlencoded", "Content-Length: " + 10 * bodyLimit),
                new byte[0]);

        assertEquals(413, response.status());
        assertEquals("Request body too large: " + number(10 * bodyLimit) + " bytes, the limit is " + number(bodyLimit)
                + " bytes.\n", response.body());
    }

    @Test
    void body_chunkedWithoutLength_isRefusedOneByteAfterTheLimit_withoutWaitingForTheRest() throws Exception {
        RawHttp.Response response = RawHttp.send(base, "POST /private/login HTTP/1.1",
                List.of("Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"),
                RawHttp.chunked(bodyLimit + 1, false));

        assertEquals(413, response.status());
        assertEquals("Request body too large: more than the limit of " + number(bodyLimit) + " bytes.\n",
                response.body());
    }

    @Test
    void body_chunkedAtTheLimit_isRead() throws Exception {
        RawHttp.Response response = RawHttp.send(base, "POST /private/login HTTP/1.1",
                List.of("Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"),
                RawHttp.chunked(bodyLimit, true));

        assertEquals(302, response.status(), response.body());
    }

    /** What the servlet counts for the {@code Host} header {@link RawHttp} sends. */
    private static int hostBytes() {
        return "host".length() + RawHttp.hostHeader(base).length() + 4;
    }

    private static void assertNoCloudFrontCookie(RawHttp.Response response) {
        assertFalse(response.headers().getOrDefault("set-cookie", "").startsWith("CloudFront-"));
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
