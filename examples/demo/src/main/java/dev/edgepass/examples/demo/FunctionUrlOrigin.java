package dev.edgepass.examples.demo;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for a Lambda function URL: an HTTP server that turns each request into the
 * {@link APIGatewayV2HTTPEvent} (payload format 2.0) AWS hands the function, calls the handler, and
 * turns its {@link APIGatewayV2HTTPResponse} back into HTTP.
 *
 * <p>As on AWS: cookies arrive in {@code cookies}, not in the headers; repeated headers are joined
 * with commas; a body that is not text arrives base64-encoded (forms included); the response's
 * {@code cookies} become {@code Set-Cookie} headers. Thread-safe.
 */
final class FunctionUrlOrigin implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FunctionUrlOrigin.class);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String URL_ID = "demo0edgepass0login0function0url";

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final HttpServer server;

    FunctionUrlOrigin(int port, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.handler = handler;
        this.server = Exchanges.loopbackServer(port, "function-url");
        server.createContext("/", this::invoke);
        server.start();
    }

    /** The base URL of the "function URL", e.g. {@code http://127.0.0.1:41236}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        Exchanges.stop(server);
    }

    private void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<byte[]> body = Exchanges.readBodyOrRefuse(exchange, "function URL stand-in");
            if (body.isEmpty()) {
                return;
            }
            APIGatewayV2HTTPEvent event = toEvent(exchange, body.get());
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, new DemoLambdaContext("edgepass-login"));
            write(exchange, response);
        } catch (RuntimeException e) {
            // The function URL answers 502 when the function throws.
            log.warn("function URL: the login handler threw", e);
            Exchanges.send(exchange, 502, "application/json", "{\"Message\":\"Internal Server Error\"}");
        }
    }

    /** Builds the payload-2.0 event a function URL gives its function for this request. */
    static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String header : values) {
                    for (String cookie : header.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String rawQuery = Exchanges.rawQuery(exchange);
        Map<String, String> query = new LinkedHashMap<>();
        Exchanges.parseForm(rawQuery).forEach(query::put);

        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        boolean text = contentType.startsWith("text/") || contentType.startsWith("application/json")
                || contentType.startsWith("application/xml") || contentType.startsWith("application/javascript");
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(exchange.getRequestMethod())
                .withPath(exchange.getRequestURI().getRawPath())
                .withProtocol("HTTP/1.1")
                .withSourceIp(Exchanges.clientIp(exchange))
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("anonymous")
                .withApiId(URL_ID)
                .withDomainName(URL_ID + ".lambda-url.eu-west-2.on.aws")
                .withDomainPrefix(URL_ID)
                .withHttp(http)
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey("$default")
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withBody(body.length == 0 ? null
                        : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .withRequestContext(context)
                .build();
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade");

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().add(name, value);
                }
            });
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = response.getIsBase64Encoded() ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        String type = exchange.getResponseHeaders().getFirst("Content-Type");
        Exchanges.send(exchange, status, type == null ? "application/json" : type, bytes);
    }
}
