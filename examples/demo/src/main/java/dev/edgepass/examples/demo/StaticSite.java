package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * A read-only "bucket" of classpath resources: the stand-in for the article's S3 buckets.
 *
 * <p>Objects live under {@code dev/edgepass/examples/demo/{folder}}; a few (such as
 * {@code config.js}) may be generated at start-up instead. Thread-safe.
 */
final class StaticSite {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");

    private final String folder;
    private final Map<String, String> generated;

    /**
     * @param folder    the resource folder, e.g. {@code public}
     * @param generated objects built at start-up, by key (e.g. {@code config.js}), served before resources
     */
    StaticSite(String folder, Map<String, String> generated) {
        this.folder = folder;
        this.generated = Map.copyOf(generated);
    }

    /**
     * Serves the object {@code key} (a path without the leading slash; "" or a trailing slash means
     * {@code index.html}), or answers 404 the way an S3 website does.
     */
    void serve(HttpExchange exchange, String key) throws IOException {
        if (!serve(exchange, key, 200)) {
            Exchanges.send(exchange, 404, "text/plain; charset=utf-8", "404 Not Found");
        }
    }

    /**
     * Serves the object {@code key} with {@code status}, as CloudFront sends a custom error page.
     *
     * @return whether the object exists; when it does not, nothing was sent
     */
    boolean serve(HttpExchange exchange, String key, int status) throws IOException {
        if (key.isEmpty() || key.endsWith("/")) {
            key = key + "index.html";
        }
        if (key.contains("..") || key.contains("//") || key.startsWith("/") || key.contains("\\")) {
            return false;
        }
        String type = TYPES.getOrDefault(key.substring(key.lastIndexOf('.') + 1), "application/octet-stream");
        String text = generated.get(key);
        byte[] body = text != null ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : Exchanges.resourceBytes(folder + "/" + key);
        if (body == null) {
            return false;
        }
        Exchanges.send(exchange, status, type, body);
        return true;
    }
}
