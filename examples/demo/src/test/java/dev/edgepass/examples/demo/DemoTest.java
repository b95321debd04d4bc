package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.demo.DemoOptions.LoginFlow;
import dev.edgepass.examples.demo.DemoOptions.LoginVia;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo's wiring over plain HTTP (the browser test covers the whole flow). */
class DemoTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ParameterizedTest
    @EnumSource(LoginVia.class)
    void privatePage_withoutCookies_answersTheCustomErrorPageWith403(LoginVia via) throws Exception {
        try (Demo demo = Demo.start(DemoOptions.builder().loginVia(via).build())) {
            HttpResponse<String> response = get(demo.privateUrl());
            assertEquals(403, response.statusCode());
            assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("<h1 id=\"access-denied\">Sign-in required</h1>"), response.body());
            assertTrue(response.body().replaceAll("\\s+", " ").contains("did not present valid signed cookies for it"),
                    response.body());
            assertTrue(response.body().contains("<a class=\"button\" id=\"sign-in-link\" href=\"/\">Sign in</a>"),
                    response.body());
            assertEquals("Error from cloudfront", response.headers().firstValue("X-Cache").orElse(""));
            assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(LoginVia.class)
    void login_withoutToken_redirectsToHostedUiWithPkce(LoginVia via) throws Exception {
        try (Demo demo = Demo.start(DemoOptions.builder().loginVia(via).build())) {
            HttpResponse<String> response = get(demo.publicUrl().resolve("/private/login"));
            assertEquals(302, response.statusCode());
            String location = response.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(demo.hostedUiUrl() + "/oauth2/authorize?"), location);
            assertTrue(location.contains("code_challenge_method=S256"), location);
        }
    }

    @Test
    void publicSite_servesPagesAndFilledInConfig_andNothingOutsideTheBucket() throws Exception {
        try (Demo demo = Demo.start(DemoOptions.builder().flow(LoginFlow.IMPLICIT).build())) {
            assertEquals(200, get(demo.publicUrl()).statusCode());
            String config = get(demo.publicUrl().resolve("/config.js")).body();
            assertTrue(config.contains("var ClientId = \"" + Demo.CLIENT_ID + "\";"), config);
            assertTrue(config.contains("var LoginFlow = \"implicit\";"), config);
            assertEquals(404, get(demo.publicUrl().resolve("/../private/app/index.html")).statusCode());
            assertEquals(404, get(URI.create(demo.publicUrl() + "%2e%2e/private/app/index.html")).statusCode());
        }
    }

    @Test
    void parse_readsOptions_andRejectsUnknownOnes() {
        DemoOptions options = Main.parse(new String[] {"--login-via=edge", "--flow=implicit", "--port=8089"});
        assertEquals(LoginVia.EDGE, options.loginVia());
        assertEquals(LoginFlow.IMPLICIT, options.flow());
        assertEquals(8089, options.port());
        assertNull(Main.parse(new String[] {"--help"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--login-via=cloud"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--verbose"}));
    }

    private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    }
}
