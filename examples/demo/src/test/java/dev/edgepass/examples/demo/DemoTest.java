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
    void privatePage_withoutCookies_answersCloudFrontMissingKey(LoginVia via) throws Exception {
        try (Demo demo = Demo.start(DemoOptions.builder().loginVia(via).build())) {
            HttpResponse<String> response = get(demo.privateUrl());
            assertEquals(403, response.statusCode());
            assertTrue(response.body().contains("<Code>MissingKey</Code>"), response.body());
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
