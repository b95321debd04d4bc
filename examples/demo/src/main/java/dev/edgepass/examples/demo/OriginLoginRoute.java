package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudFront stand-in's {@code /private/login*} behaviour with a custom origin: the request is
 * forwarded over HTTP to the login function's URL (the article's API Gateway, here a Lambda
 * function URL stand-in), the way CloudFront forwards to an origin with the
 * {@code AllViewerExceptHostHeader} origin request policy. Thread-safe.
 */
final class OriginLoginRoute implements LoginRoute {

    /** Headers that belong to one connection, or that the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "expect", "proxy-authorization", "proxy-connection");

    private final FunctionUrlOrigin origin;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    OriginLoginRoute(FunctionUrlOrigin origin) {
        this.origin = origin;
    }

    @Override
    public String description() {
        return "origin " + origin.url() + ", a Lambda function URL stand-in";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<byte[]> read = Exchanges.readBodyOrRefuse(exchange, "CloudFront stand-in");
        if (read.isEmpty()) {
            return;
        }
        byte[] body = read.get();
        String query = exchange.getRequestURI().getRawQuery();
        URI target = URI.create(origin.url() + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        String clientIp = Exchanges.clientIp(exchange);
        request.header("X-Forwarded-For", clientIp);
        request.header("CloudFront-Viewer-Address", clientIp + ":" + exchange.getRemoteAddress().getPort());
        request.header("Via", "1.1 local.cloudfront.net (CloudFront)");

        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the login origin", e);
        } catch (IOException e) {
            Exchanges.send(exchange, 502, "text/plain; charset=utf-8",
                    "502 ERROR: CloudFront wasn't able to connect to the origin.");
            return;
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey();
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")
                    && !name.equalsIgnoreCase("date")) {
                header.getValue().forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        }
        Exchanges.send(exchange, response.statusCode(), null, response.body());
    }

    @Override
    public void close() {
        origin.close();
    }
}
