package dev.edgepass.examples.demo;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CloudFront stand-in's {@code /private/login*} behaviour with a viewer-request function, as
 * Lambda@Edge runs one: the viewer's request becomes a CloudFront event
 * ({@code Records[0].cf.config} and {@code Records[0].cf.request}, headers in CloudFront's
 * lower-case-name to {@code [{key, value}]} shape, body included base64-encoded as with "include
 * body"), the handler is called in-process, and the response it generates ({@code status},
 * {@code statusDescription}, {@code headers}, {@code body}, {@code bodyEncoding}) is sent to the
 * viewer. Thread-safe.
 */
final class EdgeLoginRoute implements LoginRoute {

    private static final Logger log = LoggerFactory.getLogger(EdgeLoginRoute.class);
    /** Lambda@Edge hands a viewer-request function at most 40 KB of body and flags the rest. */
    private static final int MAX_VIEWER_BODY = 40 * 1024;

    private final RequestHandler<Map<String, Object>, Map<String, Object>> handler;

    EdgeLoginRoute(RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        this.handler = handler;
    }

    @Override
    public String description() {
        return "viewer-request function, as Lambda@Edge";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // As CloudFront does: the first 40 KB go to the function, flagged truncated when there is more.
        Map<String, Object> event = viewerRequestEvent(exchange, BoundedBody.readPrefix(exchange, MAX_VIEWER_BODY));
        Map<String, Object> result;
        try {
            result = handler.handleRequest(event, new DemoLambdaContext("us-east-1.edgepass-login-edge"));
        } catch (RuntimeException e) {
            log.warn("Lambda@Edge stand-in: the function threw", e);
            Exchanges.send(exchange, 503, "text/plain; charset=utf-8",
                    "503 ERROR: The Lambda function associated with the CloudFront distribution is invalid or"
                            + " doesn't have the required permissions.");
            return;
        }
        if (result == null || !result.containsKey("status")) {
            // Returning the request means "carry on to the origin"; this behaviour has none.
            Exchanges.send(exchange, 502, "text/plain; charset=utf-8",
                    "502 ERROR: the function returned the request, and the login behaviour has no origin.");
            return;
        }
        writeGeneratedResponse(exchange, result);
    }

    /** Builds the viewer-request event CloudFront gives a Lambda@Edge function for this request. */
    static Map<String, Object> viewerRequestEvent(HttpExchange exchange, BoundedBody body) {
        Map<String, Object> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            List<Map<String, String>> entries = new ArrayList<>();
            for (String value : values) {
                entries.add(header(name, value));
            }
            headers.put(name.toLowerCase(Locale.ROOT), entries);
        });
        Map<String, Object> bodyObject = new LinkedHashMap<>();
        bodyObject.put("inputTruncated", body.overLimit());
        bodyObject.put("action", "read-only");
        bodyObject.put("encoding", "base64");
        bodyObject.put("data", Base64.getEncoder().encodeToString(body.bytes()));

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("body", bodyObject);
        request.put("clientIp", Exchanges.clientIp(exchange));
        request.put("headers", headers);
        request.put("method", exchange.getRequestMethod());
        request.put("querystring", Exchanges.rawQuery(exchange));
        request.put("uri", exchange.getRequestURI().getRawPath());

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("distributionDomainName", "local.cloudfront.net");
        config.put("distributionId", "EDFDVBD6EXAMPLE");
        config.put("eventType", "viewer-request");
        config.put("requestId", UUID.randomUUID().toString());

        Map<String, Object> cf = new LinkedHashMap<>();
        cf.put("config", config);
        cf.put("request", request);
        return Map.of("Records", List.of(Map.of("cf", cf)));
    }

    private static Map<String, String> header(String key, String value) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("key", key);
        entry.put("value", value);
        return entry;
    }

    private static void writeGeneratedResponse(HttpExchange exchange, Map<String, Object> response) throws IOException {
        int status;
        try {
            status = Integer.parseInt(String.valueOf(response.get("status")).trim());
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 200 || status > 599) {
            Exchanges.send(exchange, 502, "text/plain; charset=utf-8",
                    "502 ERROR: the Lambda function returned an invalid status (LambdaValidationError).");
            return;
        }
        if (response.get("headers") instanceof Map<?, ?> headers) {
            for (Object values : headers.values()) {
                if (values instanceof List<?> list) {
                    for (Object entry : list) {
                        if (entry instanceof Map<?, ?> pair && pair.get("key") != null && pair.get("value") != null) {
                            exchange.getResponseHeaders().add(String.valueOf(pair.get("key")),
                                    String.valueOf(pair.get("value")));
                        }
                    }
                }
            }
        }
        Object body = response.get("body");
        byte[] bytes = body == null ? new byte[0]
                : "base64".equals(response.get("bodyEncoding")) ? Base64.getDecoder().decode(String.valueOf(body))
                : String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        String type = exchange.getResponseHeaders().getFirst("Content-Type");
        Exchanges.send(exchange, status, type == null && bytes.length > 0 ? "text/plain; charset=utf-8" : type, bytes);
    }

    @Override
    public void close() {
        // Nothing to release: the function runs in this process.
    }
}
