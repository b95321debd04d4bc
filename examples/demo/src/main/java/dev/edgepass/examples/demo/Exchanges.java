package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Small pieces of HTTP plumbing shared by the stand-ins (JDK {@code com.sun.net.httpserver}). */
final class Exchanges {

    /** Request bodies above this are refused: the demo only ever posts small forms. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Exchanges() {
    }

    /** A server on the loopback interface only, on {@code port} (0 picks a free one). */
    static HttpServer loopbackServer(int port, String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            AtomicInteger count = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8, task -> {
                Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(pool);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for the " + name, e);
        }
    }

    /** Stops {@code server} at once and its worker threads with it. */
    static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    /** Decodes {@code a=1&b=2} (a query string or a form body); the first value of a name wins. */
    static Map<String, String> parseForm(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    /** Encodes name/value pairs as {@code application/x-www-form-urlencoded}. */
    static String form(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(value));
        });
        return out.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The request's query string, still encoded, or {@code ""}. */
    static String rawQuery(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? "" : query;
    }

    /** Reads the request body, refusing more than {@link #MAX_BODY_BYTES}. */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    /** The cookies the browser sent, by name (the first of a repeated name wins, as CloudFront does). */
    static Map<String, String> cookies(HttpExchange exchange) {
        Map<String, String> cookies = new LinkedHashMap<>();
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return cookies;
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    cookies.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
        }
        return cookies;
    }

    /** The client's IP address as a string (always loopback here). */
    static String clientIp(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null && body.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (body.length == 0 || "HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 302, null, new byte[0]);
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes text for a double-quoted JSON or JavaScript string literal. */
    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Loads a text resource next to this class ({@code dev/edgepass/examples/demo/...}). */
    static String resourceText(String name) {
        byte[] bytes = resourceBytes(name);
        if (bytes == null) {
            throw new IllegalStateException("missing demo resource " + name);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Loads a resource next to this class, or {@code null} when there is none. */
    static byte[] resourceBytes(String name) {
        try (InputStream in = Exchanges.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
