package dev.edgepass.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.edgepass.core.FetchException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HttpFetcher against a real HTTP server (WireMock on loopback) misbehaving in each way it can. */
class HttpFetcherTest {

    /** A hang guard only: far above the fetcher's own deadline, never a performance bound. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    static WireMockServer server;

    final HttpFetcher fetcher = HttpFetcher.builder()
            .timeout(Duration.ofSeconds(5))
            .maxResponseBytes(1024)
            .build();

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void fetch_ok_returnsBodyAndContentType() {
        server.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"keys\":[]}")));

        HttpFetcher.Response response = fetcher.fetch(uri("/jwks"));

        assertEquals(200, response.status());
        assertEquals("application/json", response.contentType());
        assertEquals("{\"keys\":[]}", response.body());
    }

    @Test
    void fetch_serverError_failsWithHttpStatus() {
        server.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(500).withBody("oops")));

        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(uri("/jwks")));

        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertFalse(e.getMessage().contains("oops"), "body must not leak into the message");
    }

    @Test
    void fetch_redirect_isNotFollowed() {
        server.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", uri("/elsewhere").toString())));

        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(uri("/jwks")));

        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertEquals(0, server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/elsewhere"))).size());
    }

    @Test
    void fetch_headersLate_failsWithTimeout() {
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(8_000)
                .withBody("{}")));

        FetchException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(FetchException.class, () -> fetcher.fetch(uri("/slow"))));

        assertEquals(Reason.TIMEOUT, e.reason());
    }

    @Test
    void fetch_bodyDribbledPastDeadline_failsWithTimeout() {
        server.stubFor(get(urlEqualTo("/dribble")).willReturn(aResponse().withStatus(200)
                .withBody("{\"keys\":[]}").withChunkedDribbleDelay(10, 8_000)));

        FetchException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(FetchException.class, () -> fetcher.fetch(uri("/dribble"))));

        assertEquals(Reason.TIMEOUT, e.reason());
    }

    @Test
    void fetch_declaredLengthOverCap_failsWithTooLarge() {
        server.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody("x".repeat(2048))));

        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(uri("/big")));

        assertEquals(Reason.TOO_LARGE, e.reason(), () -> "cause: " + e.getCause());
    }

    @Test
    void fetch_tenMegabytesChunked_failsWithTooLargeWithoutWaitingForAll() {
        server.stubFor(get(urlEqualTo("/huge")).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(10 * 1024 * 1024)).withChunkedDribbleDelay(200, 1_000)));

        FetchException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(FetchException.class, () -> fetcher.fetch(uri("/huge"))));

        assertEquals(Reason.TOO_LARGE, e.reason(), () -> "cause: " + e.getCause());
    }

    @Test
    void fetch_connectionReset_failsWithConnectionFailed() {
        server.stubFor(get(urlEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(uri("/reset")));

        assertEquals(Reason.CONNECTION_FAILED, e.reason());
    }

    @Test
    void fetch_nothingListening_failsWithConnectionFailed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        FetchException e = assertThrows(FetchException.class,
                () -> fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/jwks")));

        assertEquals(Reason.CONNECTION_FAILED, e.reason());
    }

    @Test
    void fetch_nonHttpUri_isRejectedAsCallerMistake() {
        assertThrows(IllegalArgumentException.class, () -> fetcher.fetch(URI.create("file:///etc/passwd")));
        assertThrows(IllegalArgumentException.class, () -> fetcher.fetch(URI.create("/relative")));
        assertThrows(NullPointerException.class, () -> fetcher.fetch(null));
    }

    @Test
    void exchange_postWithErrorStatus_returnsStatusAndBody() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalTo("grant_type=x"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\"}")));

        HttpFetcher.Response response = fetcher.exchange(java.net.http.HttpRequest.newBuilder(uri("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=x")).build());

        assertEquals(400, response.status());
        assertEquals("{\"error\":\"invalid_grant\"}", response.body());
    }

    @Test
    void exchange_requestTimeoutLongerThanFetcher_isCutAtFetcherDeadline() {
        server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(8_000)));

        FetchException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(FetchException.class,
                () -> fetcher.exchange(java.net.http.HttpRequest.newBuilder(uri("/slow"))
                        .timeout(Duration.ofMinutes(5)).build())));

        assertEquals(Reason.TIMEOUT, e.reason());
    }

    @Test
    void builder_rejectsOutOfRangeSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpFetcher.builder().timeout(Duration.ofSeconds(-5)));
        assertEquals("timeout must be positive and at most PT1M, was PT-5S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpFetcher.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> HttpFetcher.builder().timeout(Duration.ofMinutes(2)));
        assertThrows(IllegalArgumentException.class, () -> HttpFetcher.builder().maxResponseBytes(0));
        assertThrows(NullPointerException.class, () -> HttpFetcher.builder().timeout(null));
    }

    @Test
    void builder_defaults() {
        HttpFetcher defaults = HttpFetcher.builder().build();

        assertEquals(HttpFetcher.DEFAULT_TIMEOUT, defaults.timeout());
        assertEquals(HttpFetcher.DEFAULT_MAX_RESPONSE_BYTES, defaults.maxResponseBytes());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
