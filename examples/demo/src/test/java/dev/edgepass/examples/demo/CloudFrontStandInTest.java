package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edgepass.cloudfront.SignedRequestValidator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CloudFront stand-in's custom error responses, configured and not, on its own server. */
class CloudFrontStandInTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutCustomErrorResponse_refusalIsCloudFrontsXml() throws Exception {
        try (CloudFrontStandIn cloudFront = start(List.of())) {
            HttpResponse<String> response = getPrivatePage(cloudFront);

            assertEquals(403, response.statusCode());
            assertEquals("text/xml", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().contains("<Code>MissingKey</Code>"), response.body());
        }
    }

    @Test
    void withCustomErrorResponse_refusalIsThePageWithItsOwnStatus() throws Exception {
        try (CloudFrontStandIn cloudFront = start(List.of(new CustomErrorResponse(403, Demo.ACCESS_DENIED_PAGE, 401)))) {
            HttpResponse<String> response = getPrivatePage(cloudFront);

            assertEquals(401, response.statusCode(), "the custom response code, not CloudFront's 403");
            assertTrue(response.body().contains("Sign-in required"), response.body());
            assertEquals("Error from cloudfront", response.headers().firstValue("X-Cache").orElse(""));
        }
    }

    @Test
    void customErrorPageMissing_fallsBackToCloudFrontsOwnError() throws Exception {
        try (CloudFrontStandIn cloudFront = start(List.of(new CustomErrorResponse(403, "/errors/missing.html", 403)))) {
            HttpResponse<String> response = getPrivatePage(cloudFront);

            assertEquals(403, response.statusCode());
            assertTrue(response.body().contains("<Code>MissingKey</Code>"), response.body());
        }
    }

    @Test
    void twoCustomErrorResponsesForOneStatus_areRefused() {
        HttpServer server = Exchanges.loopbackServer(0, "cloudfront");
        try {
            assertThrows(IllegalArgumentException.class, () -> new CloudFrontStandIn(server, "http://localhost", site(),
                    site(), validator(), new NoLogin(), List.of(new CustomErrorResponse(403, "/a.html", 403),
                            new CustomErrorResponse(403, "/b.html", 200))));
        } finally {
            Exchanges.stop(server);
        }
    }

    private HttpResponse<String> getPrivatePage(CloudFrontStandIn cloudFront) throws Exception {
        return http.send(HttpRequest.newBuilder(cloudFront.url().resolve("/private/app/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static CloudFrontStandIn start(List<CustomErrorResponse> customErrors) throws Exception {
        HttpServer server = Exchanges.loopbackServer(0, "cloudfront");
        String url = "http://localhost:" + server.getAddress().getPort();
        return new CloudFrontStandIn(server, url, site(), site(), validator(), new NoLogin(), customErrors);
    }

    private static StaticSite site() {
        return new StaticSite("public", Map.of());
    }

    private static SignedRequestValidator validator() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return SignedRequestValidator.builder().trust("K2JCJMDEHXQW5F", generator.generateKeyPair().getPublic()).build();
    }

    /** A login behaviour these tests never reach. */
    private static final class NoLogin implements LoginRoute {
        @Override
        public void handle(HttpExchange exchange) {
            throw new AssertionError("not reached");
        }

        @Override
        public String description() {
            return "none";
        }

        @Override
        public void close() {
        }
    }
}
