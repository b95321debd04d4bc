package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edgepass.cloudfront.Decision;
import dev.edgepass.cloudfront.SignedRequestValidator;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the article's CloudFront distribution and its cache behaviours.
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

    private final HttpServer server;
    private final String distributionUrl;
    private final StaticSite publicBucket;
    private final StaticSite privateBucket;
    private final SignedRequestValidator validator;
    private final LoginRoute login;

    /**
     * @param server          a bound, not yet started server; this stand-in starts and stops it
     * @param distributionUrl the viewer-facing base URL, e.g. {@code http://localhost:8080}, as it
     *                        appears in the signed cookies' policy resource
     */
    CloudFrontStandIn(HttpServer server, String distributionUrl, StaticSite publicBucket, StaticSite privateBucket,
            SignedRequestValidator validator, LoginRoute login) {
        this.server = server;
        this.distributionUrl = distributionUrl;
        this.publicBucket = publicBucket;
        this.privateBucket = privateBucket;
        this.validator = validator;
        this.login = login;
        server.createContext("/", this::route);
        server.start();
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
            if (path.startsWith("/private/login") || path.equals("/private/logout")) {
                log.info("CloudFront stand-in: {} {} -> login endpoint ({})", exchange.getRequestMethod(), path,
                        login.description());
                login.handle(exchange);
            } else if (path.startsWith("/private/app/")) {
                servePrivate(exchange, path);
            } else if (isGetOrHead(exchange)) {
                publicBucket.serve(exchange, path.substring(1));
            } else {
                Exchanges.send(exchange, 403, "text/plain; charset=utf-8",
                        "403 ERROR: this distribution does not allow " + exchange.getRequestMethod() + " here.");
            }
        } catch (RuntimeException e) {
            log.warn("CloudFront stand-in failed on {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            Exchanges.send(exchange, 502, "text/plain; charset=utf-8", "502 ERROR: the request could not be satisfied.");
        }
    }

    private void servePrivate(HttpExchange exchange, String path) throws IOException {
        if (!isGetOrHead(exchange)) {
            Exchanges.send(exchange, 403, "text/plain; charset=utf-8", "403 ERROR: method not allowed here.");
            return;
        }
        // CloudFront matches the policy's Resource against the whole URL the viewer asked for.
        String query = exchange.getRequestURI().getRawQuery();
        String url = distributionUrl + path + (query == null ? "" : "?" + query);
        Decision decision = validator.checkCookies(url, Exchanges.cookies(exchange), Exchanges.clientIp(exchange));
        if (!decision.allowed()) {
            log.info("CloudFront stand-in: GET {} -> 403 ({})", path, decision.reason());
            exchange.getResponseHeaders().set("Server", "CloudFront");
            exchange.getResponseHeaders().set("X-Cache", "Error from cloudfront");
            Exchanges.send(exchange, 403, "text/xml", accessDenied(decision.reason()));
            return;
        }
        log.info("CloudFront stand-in: GET {} -> 200 (signed cookies valid)", path);
        exchange.getResponseHeaders().set("X-Cache", "Miss from cloudfront");
        privateBucket.serve(exchange, path.substring("/private/".length()));
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
