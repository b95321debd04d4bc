package dev.edgepass.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The servlet and filter on a real embedded Jetty 12 (ee10), driven over real HTTP on loopback. */
class LoginServletJettyTest {

    private static final String PRIVATE_CONTENT = "private content for signed-in users";
    private static CognitoStandIn cognito;
    private static CloudFrontKeys keys;
    private static Server server;
    private static URI base;
    private static final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        cognito = new CognitoStandIn();
        keys = CloudFrontKeys.generate();
        LoginHandler login = LoginHandler.create(Fixtures.config(cognito, keys).build());

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new LoginServlet(login)), "/private/login/*");
        context.addServlet(new ServletHolder(new LoginServlet(login)), "/private/logout");
        context.addFilter(new FilterHolder(new SignedCookieFilter(keys.validator(), Fixtures.SITE_ORIGIN)),
                "/private/app/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new PrivatePage()), "/private/app/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        cognito.close();
    }

    @Test
    void bearerLogin_thenPrivatePageOpensWithTheCookies() throws Exception {
        HttpResponse<String> login = send(get("/private/login").header("Authorization", "Bearer " + cognito.idToken("alice")));

        assertEquals(302, login.statusCode(), login.body());
        assertEquals("/private/app/index.html", login.headers().firstValue("Location").orElseThrow());
        assertTrue(login.headers().allValues("Set-Cookie").size() >= 3, "one Set-Cookie header per cookie");
        HttpResponse<String> page = send(get("/private/app/index.html").header("Cookie", cookieHeader(login)));
        assertEquals(200, page.statusCode());
        assertEquals(PRIVATE_CONTENT, page.body());
    }

    @Test
    void formPostLogin_setsCookies() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(base.resolve("/private/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("id_token=" + cognito.idToken("alice"))));

        assertEquals(302, login.statusCode(), login.body());
        assertEquals(200, send(get("/private/app/index.html").header("Cookie", cookieHeader(login))).statusCode());
    }

    @Test
    void codeFlow_overHttp_opensPrivatePage() throws Exception {
        HttpResponse<String> start = send(get("/private/login?redirect=" + enc("/private/app/index.html")));
        assertEquals(302, start.statusCode());
        String callback = cognito.authorize(start.headers().firstValue("Location").orElseThrow(), "alice");
        URI callbackUri = URI.create(callback);

        HttpResponse<String> done = send(get(callbackUri.getRawPath() + "?" + callbackUri.getRawQuery())
                .header("Cookie", cookieHeader(start)));

        assertEquals(302, done.statusCode(), done.body());
        assertEquals(200, send(get("/private/app/index.html").header("Cookie", cookieHeader(done))).statusCode());
    }

    @Test
    void privatePage_withoutCookies_403() throws Exception {
        HttpResponse<String> page = send(get("/private/app/index.html"));

        assertEquals(403, page.statusCode());
        assertFalse(page.body().contains(PRIVATE_CONTENT));
    }

    @Test
    void privatePage_tamperedSignature_403() throws Exception {
        HttpResponse<String> login = send(get("/private/login").header("Authorization", "Bearer " + cognito.idToken("alice")));
        String tampered = cookieHeader(login).replaceFirst("CloudFront-Signature=(.)", "CloudFront-Signature=$1x");

        assertEquals(403, send(get("/private/app/index.html").header("Cookie", tampered)).statusCode());
    }

    @Test
    void expiredToken_401WithoutCloudFrontCookies() throws Exception {
        HttpResponse<String> login = send(get("/private/login")
                .header("Authorization", "Bearer " + cognito.expiredIdToken("alice")));

        assertRefused(login, 401);
    }

    @Test
    void accessToken_401WithoutCloudFrontCookies() throws Exception {
        assertRefused(send(get("/private/login").header("Authorization", "Bearer " + cognito.accessToken("alice"))), 401);
    }

    @Test
    void openRedirect_400WithoutCloudFrontCookies() throws Exception {
        for (String target : List.of("//evil.example", "https://evil.example", "/\\evil")) {
            HttpResponse<String> login = send(get("/private/login?redirect=" + enc(target))
                    .header("Authorization", "Bearer " + cognito.idToken("alice")));
            assertRefused(login, 400);
        }
    }

    @Test
    void oversizedHeaders_431WithoutCloudFrontCookies() throws Exception {
        HttpResponse<String> login = send(get("/private/login")
                .header("Authorization", "Bearer " + cognito.idToken("alice"))
                .header("X-Padding", "a".repeat(40_000)));

        assertEquals(431, login.statusCode());
        assertNoCloudFrontCookie(login);
    }

    @Test
    void stateMismatch_400WithoutCloudFrontCookies() throws Exception {
        HttpResponse<String> start = send(get("/private/login"));
        URI callback = URI.create(cognito.authorize(start.headers().firstValue("Location").orElseThrow(), "alice"));
        String query = callback.getRawQuery().replaceFirst("state=[^&]+", "state=forged");

        assertRefused(send(get(callback.getRawPath() + "?" + query).header("Cookie", cookieHeader(start))), 400);
    }

    @Test
    void logout_withoutToken_clearsCookiesAndRedirectsToCognito() throws Exception {
        HttpResponse<String> logout = send(get("/private/logout"));

        assertEquals(302, logout.statusCode());
        assertTrue(logout.headers().firstValue("Location").orElseThrow().startsWith(cognito.baseUri() + "/logout?"));
        assertTrue(logout.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("CloudFront-Signature=") && c.contains("Max-Age=0")));
    }

    @Test
    void logout_withValidToken_clearsCookies() throws Exception {
        HttpResponse<String> logout = send(get("/private/logout")
                .header("Authorization", "Bearer " + cognito.idToken("alice")));

        assertEquals(302, logout.statusCode());
        assertTrue(logout.headers().allValues("Set-Cookie").stream().allMatch(c -> c.contains("Max-Age=0")));
    }

    private static HttpRequest.Builder get(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookieHeader(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertRefused(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertNoCloudFrontCookie(response);
        assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    private static void assertNoCloudFrontCookie(HttpResponse<?> response) {
        assertFalse(response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("CloudFront-")));
    }

    /** The private content behind the filter. */
    private static final class PrivatePage extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write(PRIVATE_CONTENT);
        }
    }
}
