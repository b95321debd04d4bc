package dev.edgepass.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the AWS Parameters and Secrets Lambda Extension on loopback (the JDK's HTTP
 * server): {@code GET /secretsmanager/get?secretId=…} answers {@code GetSecretValue}'s JSON and
 * {@code GET /systemsmanager/parameters/get?name=…&withDecryption=true} {@code GetParameter}'s,
 * after checking the {@code X-Aws-Parameters-Secrets-Token} header (403 without the right token).
 * An unknown secret or parameter gets the extension's relayed AWS error (400 with the error name);
 * a name can be made to answer any status, a binary secret, or to hang until the stand-in stops;
 * the first answers can be "not ready" 400s, as the extension gives before it has started.
 */
public final class LambdaExtensionStandIn implements AutoCloseable {

    static {
        // Small answers go out at once instead of waiting on Nagle's algorithm and the client's
        // delayed ACK (40 ms per request on Linux loopback). Read once, when the JDK's HTTP server
        // is first used in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The session token the stand-in expects. */
    public static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> secrets = new ConcurrentHashMap<>();
    private final Map<String, Answer> parameters = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger notReady = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private record Answer(int status, String body, boolean hang) {}

    /** Starts the stand-in on a free loopback port. */
    public LambdaExtensionStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The port, for {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code value} as the SecretString of {@code secretId}. */
    public LambdaExtensionStandIn secret(String secretId, String value) {
        secrets.put(secretId, new Answer(200, "{\"ARN\":" + Keys.quote("arn:aws:secretsmanager:eu-west-2:111122223333:secret:"
                + secretId + "-AbCdEf") + ",\"Name\":" + Keys.quote(secretId) + ",\"SecretString\":" + Keys.quote(value)
                + ",\"VersionId\":\"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111\",\"VersionStages\":[\"AWSCURRENT\"],"
                + "\"CreatedDate\":\"2026-11-25T12:00:00.000Z\"}", false));
        return this;
    }

    /** Serves {@code bytes} as the SecretBinary of {@code secretId}. */
    public LambdaExtensionStandIn binarySecret(String secretId, byte[] bytes) {
        secrets.put(secretId, new Answer(200, "{\"Name\":" + Keys.quote(secretId) + ",\"SecretBinary\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\",\"VersionStages\":[\"AWSCURRENT\"]}", false));
        return this;
    }

    /** Serves {@code value} as the (decrypted) value of parameter {@code name}. */
    public LambdaExtensionStandIn parameter(String name, String value) {
        parameters.put(name, new Answer(200, "{\"Parameter\":{\"ARN\":" + Keys.quote("arn:aws:ssm:eu-west-2:111122223333:parameter"
                + name) + ",\"DataType\":\"text\",\"LastModifiedDate\":\"2026-11-25T12:00:00Z\",\"Name\":" + Keys.quote(name)
                + ",\"Selector\":null,\"SourceResult\":null,\"Type\":\"SecureString\",\"Value\":" + Keys.quote(value)
                + ",\"Version\":3},\"ResultMetadata\":{}}", false));
        return this;
    }

    /** Makes the secret (or parameter) {@code name} answer {@code status} with {@code body}. */
    public LambdaExtensionStandIn answer(String name, int status, String body) {
        Answer a = new Answer(status, body, false);
        secrets.put(name, a);
        parameters.put(name, a);
        return this;
    }

    /** Makes the secret (or parameter) {@code name} accept the request and never answer. */
    public LambdaExtensionStandIn hang(String name) {
        Answer a = new Answer(0, "", true);
        secrets.put(name, a);
        parameters.put(name, a);
        return this;
    }

    /** Makes the next {@code count} requests answer 400 "not ready to serve traffic, please wait". */
    public LambdaExtensionStandIn notReadyFor(int count) {
        notReady.set(count);
        return this;
    }

    /** How many requests arrived, with or without a valid token. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "method not allowed");
                return;
            }
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token"))) {
                send(exchange, 403, "{\"message\":\"missing or invalid X-Aws-Parameters-Secrets-Token\"}");
                return;
            }
            if (notReady.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 400, "not ready to serve traffic, please wait");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String path = exchange.getRequestURI().getPath();
            Answer answer;
            if (path.equals("/secretsmanager/get") && query.containsKey("secretId")) {
                answer = secrets.getOrDefault(query.get("secretId"), new Answer(400,
                        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}",
                        false));
            } else if (path.equals("/systemsmanager/parameters/get") && query.containsKey("name")
                    && "true".equals(query.get("withDecryption"))) {
                answer = parameters.getOrDefault(query.get("name"), new Answer(400,
                        "{\"__type\":\"ParameterNotFound\",\"message\":\"\"}", false));
            } else {
                send(exchange, 400, "{\"message\":\"missing secretId or name\"}");
                return;
            }
            if (answer.hang) {
                try {
                    stopped.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            send(exchange, answer.status, answer.body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A hang guard for tests: far above any fetch deadline. */
    public static Duration hangGuard() {
        return Duration.ofSeconds(20);
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
