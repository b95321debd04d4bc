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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Small pieces of HTTP plumbing shared by the stand-ins (JDK {@code com.sun.net.httpserver}). */
final class Exchanges {

    /** Request bodies above this are refused: the demo only ever posts small forms. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /**
     * After an answer, at most this much of a request body nobody read is read and dropped, so that
     * a client still sending it gets to read the answer (a socket closed with unread data is reset,
     * answer and all); past it the connection is simply closed.
     */
    static final int DISCARD_LIMIT = 1024 * 1024;

    private static final String BODY_UNREAD = "edgepass.demo.bodyUnread";

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
            throw new UncheckedIOException("cannot listen on " + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                    + port + " for the " + switch (name) {
                        case "cloudfront" -> "CloudFront stand-in";
                        case "cognito" -> "Cognito stand-in";
                        case "function-url" -> "function URL stand-in";
                        default -> name;
                    }, e);
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

    /**
     * Reads a request body of at most {@link #MAX_BODY_BYTES}; a larger one is answered 413 with the
     * reason, and the caller gets nothing.
     *
     * @param who the stand-in, for the answer, e.g. {@code "Cognito stand-in"}
     */
    static Optional<byte[]> readBodyOrRefuse(HttpExchange exchange, String who) throws IOException {
        BoundedBody body = BoundedBody.read(exchange, MAX_BODY_BYTES);
        if (body.overLimit()) {
            send(exchange, 413, "text/plain; charset=utf-8", "413 Payload Too Large: the demo's " + who
                    + " takes request bodies up to " + String.format(Locale.ROOT, "%,d", MAX_BODY_BYTES)
                    + " bytes; this one is " + body.describe(MAX_BODY_BYTES) + ".");
            return Optional.empty();
        }
        return Optional.of(body.bytes());
    }

    /** Marks the exchange's request body as left unread: the answer closes the connection. */
    static void markBodyUnread(HttpExchange exchange) {
        exchange.setAttribute(BODY_UNREAD, Boolean.TRUE);
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
        boolean bodyUnread = Boolean.TRUE.equals(exchange.getAttribute(BODY_UNREAD));
        if (bodyUnread) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        if (body.length == 0 || "HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.getResponseBody().flush();
        discardRequestBody(exchange);
        exchange.close();
    }

    /** Reads and drops what is left of the request body, up to {@link #DISCARD_LIMIT}; never keeps a byte. */
    private static void discardRequestBody(HttpExchange exchange) {
        byte[] buffer = new byte[8192];
        long left = DISCARD_LIMIT;
        try {
            InputStream in = exchange.getRequestBody();
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client went away: there is nobody left to answer.
        }
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
