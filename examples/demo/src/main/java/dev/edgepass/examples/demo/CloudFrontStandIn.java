package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edgepass.cloudfront.Decision;
import dev.edgepass.cloudfront.SignedRequestValidator;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the article's CloudFront distribution and its cache behaviours.
 *
 * <p>Like CloudFront, it refuses a request whose URL and headers are over 20,480 bytes (431 here),
 * and it answers an error it generates itself with the distribution's custom error response for
 * that status when there is one (the demo's: a 403 page that says why and links to sign in).
 *
 * <p>Behaviours, in CloudFront's order of precedence:
 * <ol>
 *   <li>{@code /private/login*} (the login and its code-flow callback) and {@code /private/logout}:
 *       to the login endpoint, a {@link LoginRoute} (an origin like a Lambda function URL, or a
 *       viewer-request function like Lambda@Edge);</li>
 *   <li>{@code /private/app/*}: "restrict viewer access" with a trusted key group. The signed
 *       cookies are checked with edgepass's {@link SignedRequestValidator}, which decides as
 *       CloudFront does; a request without valid cookies gets CloudFront's 403 and never reaches the
 *       private bucket;</li>
 *   <li>{@code *} (default): the public bucket.</li>
 * </ol>
 * Thread-safe.
 */
final class CloudFrontStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CloudFrontStandIn.class);
    /** CloudFront's quota on a request's length, headers and query string included, body not. */
    static final int MAX_REQUEST_BYTES = 20_480;

    private final HttpServer server;
    private final String distributionUrl;
    private final StaticSite publicBucket;
    private final StaticSite privateBucket;
    private final SignedRequestValidator validator;
    private final LoginRoute login;
    private final Map<Integer, CustomErrorResponse> customErrors;

    /**
     * @param server          a bound, not yet started server; this stand-in starts and stops it
     * @param distributionUrl the viewer-facing base URL, e.g. {@code http://localhost:8080}, as it
     *                        appears in the signed cookies' policy resource
     * @param customErrors    the distribution's custom error responses, at most one per status
     */
    CloudFrontStandIn(HttpServer server, String distributionUrl, StaticSite publicBucket, StaticSite privateBucket,
            SignedRequestValidator validator, LoginRoute login, List<CustomErrorResponse> customErrors) {
        this.server = server;
        this.distributionUrl = distributionUrl;
        this.publicBucket = publicBucket;
        this.privateBucket = privateBucket;
        this.validator = validator;
        this.login = login;
        Map<Integer, CustomErrorResponse> byCode = new HashMap<>();
        for (CustomErrorResponse custom : customErrors) {
            if (byCode.put(custom.errorCode(), custom) != null) {
                throw new IllegalArgumentException("two custom error responses for " + custom.errorCode());
            }
        }
        this.customErrors = Map.copyOf(byCode);
        server.createContext("/", this::route);
        server.start();
    }

    /** The address the stand-in listens on, e.g. {@code http://127.0.0.1:41236}. */
    URI url() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        Exchanges.stop(server);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            exchange.getResponseHeaders().set("Via", "1.1 " + "local.cloudfront.net (CloudFront)");
            exchange.getResponseHeaders().set("X-Amz-Cf-Pop", "LOCAL1-P1");
            exchange.getResponseHeaders().set("X-Amz-Cf-Id", UUID.randomUUID().toString());
            long requestBytes = requestBytes(exchange);
            if (requestBytes > MAX_REQUEST_BYTES) {
                log.info("CloudFront stand-in: {} {} -> 431 (request of {} bytes)", exchange.getRequestMethod(), path,
                        requestBytes);
                Exchanges.markBodyUnread(exchange);
                sendError(exchange, 431, String.format(Locale.ROOT, "431 ERROR: the request's URL and headers are %,d"
                        + " bytes; CloudFront accepts at most %,d.", requestBytes, MAX_REQUEST_BYTES));
                return;
            }
            if (path.startsWith("/private/login") || path.equals("/private/logout")) {
                log.info("CloudFront stand-in: {} {} -> login endpoint ({})", exchange.getRequestMethod(), path,
                        login.description());
                login.handle(exchange);
            } else if (path.startsWith("/private/app/")) {
                servePrivate(exchange, path);
            } else if (isGetOrHead(exchange)) {
                publicBucket.serve(exchange, path.substring(1));
            } else {
                sendError(exchange, 403, "403 ERROR: this distribution does not allow " + exchange.getRequestMethod()
                        + " here.");
            }
        } catch (RuntimeException e) {
            log.warn("CloudFront stand-in failed on {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            Exchanges.send(exchange, 502, "text/plain; charset=utf-8", "502 ERROR: the request could not be satisfied.");
        }
    }

    private void servePrivate(HttpExchange exchange, String path) throws IOException {
        if (!isGetOrHead(exchange)) {
            sendError(exchange, 403, "403 ERROR: method not allowed here.");
            return;
        }
        // CloudFront matches the policy's Resource against the whole URL the viewer asked for.
        String query = exchange.getRequestURI().getRawQuery();
        String url = distributionUrl + path + (query == null ? "" : "?" + query);
        Decision decision = validator.checkCookies(url, Exchanges.cookies(exchange), Exchanges.clientIp(exchange));
        if (!decision.allowed()) {
            log.info("CloudFront stand-in: GET {} -> 403 ({})", path, decision.reason());
            sendError(exchange, 403, "text/xml", accessDenied(decision.reason()));
            return;
        }
        log.info("CloudFront stand-in: GET {} -> 200 (signed cookies valid)", path);
        exchange.getResponseHeaders().set("X-Cache", "Miss from cloudfront");
        privateBucket.serve(exchange, path.substring("/private/".length()));
    }

    private void sendError(HttpExchange exchange, int status, String message) throws IOException {
        sendError(exchange, status, "text/plain; charset=utf-8", message);
    }

    /**
     * Sends an error CloudFront generates: the custom error response for {@code status} when the
     * distribution has one and its page exists, else CloudFront's own error body.
     */
    private void sendError(HttpExchange exchange, int status, String type, String body) throws IOException {
        exchange.getResponseHeaders().set("Server", "CloudFront");
        exchange.getResponseHeaders().set("X-Cache", "Error from cloudfront");
        CustomErrorResponse custom = customErrors.get(status);
        if (custom != null && publicBucket.serve(exchange, custom.responsePagePath().substring(1), custom.responseCode())) {
            return;
        }
        Exchanges.send(exchange, status, type, body);
    }

    /** The request's length as CloudFront's quota counts it: request line and headers, not the body. */
    private static long requestBytes(HttpExchange exchange) {
        long bytes = exchange.getRequestMethod().length() + 1 + exchange.getRequestURI().getRawPath().length()
                + (exchange.getRequestURI().getRawQuery() == null ? 0 : 1 + exchange.getRequestURI().getRawQuery().length())
                + 1 + exchange.getProtocol().length() + 2;
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2 + value.length() + 2;
            }
        }
        return bytes + 2;
    }

    /** The XML body CloudFront answers with when signed cookies are missing or invalid. */
    static String accessDenied(Decision.Reason reason) {
        String code;
        String message;
        switch (reason) {
            case MISSING_COOKIES -> {
                code = "MissingKey";
                message = "Missing Key-Pair-Id query parameter or cookie value";
            }
            case UNKNOWN_KEY -> {
                code = "AccessDenied";
                message = "Unknown Key";
            }
            case MALFORMED_POLICY -> {
                code = "MalformedPolicy";
                message = "Malformed Policy";
            }
            default -> {
                code = "AccessDenied";
                message = "Access denied";
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
    }

    private static boolean isGetOrHead(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
    }
}
