package dev.edgepass.core;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.internal.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a signing key from AWS Secrets Manager or SSM Parameter Store through the AWS Parameters
 * and Secrets Lambda Extension: a Lambda layer that serves secrets and parameters on
 * {@code http://localhost:2773} and caches them, so the function needs no AWS SDK.
 *
 * <p>Each {@link #load()} is one GET, bounded by {@link HttpFetcher} (one deadline for connect and
 * read, a size cap, no redirects):
 * <ul>
 *   <li>{@code /secretsmanager/get?secretId=…}, answering {@code GetSecretValue}'s JSON, whose
 *       {@code SecretString} is read with the {@link SecretFormat};</li>
 *   <li>{@code /systemsmanager/parameters/get?name=…&withDecryption=true}, answering
 *       {@code GetParameter}'s JSON, whose {@code Parameter.Value} is read the same way
 *       ({@code SecureString} parameters are decrypted by the extension).</li>
 * </ul>
 * The request carries the header {@code X-Aws-Parameters-Secrets-Token} with the function's
 * {@code AWS_SESSION_TOKEN}, as the extension requires. The port comes from
 * {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}, default 2773.
 *
 * <p>Answers map to {@link KeySourceException.Reason}s: 401/403 {@code ACCESS_DENIED} (a missing or
 * wrong token); 404 {@code NOT_FOUND}; 400 by the AWS error it carries ({@code ResourceNotFoundException}
 * and {@code ParameterNotFound} {@code NOT_FOUND}, {@code AccessDeniedException} {@code ACCESS_DENIED},
 * throttling and "not ready" {@code UNAVAILABLE}, anything else {@code REJECTED}); 429 and 5xx
 * {@code UNAVAILABLE}; no answer in time {@code TIMEOUT}; a {@code SecretBinary} secret
 * {@code BINARY_SECRET}. The body of an error answer is looked at only for those AWS error names;
 * it is never put into a message.
 *
 * <pre>{@code
 * LambdaExtensionKeySource source = LambdaExtensionKeySource.secretsManager("prod/cloudfront-signing-key")
 *         .timeout(Duration.ofSeconds(2))
 *         .build();
 * SigningKey key = source.load();
 * }</pre>
 *
 * <p>The extension caches what it serves (five minutes by default, its {@code SECRETS_MANAGER_TTL}
 * and {@code SSM_PARAMETER_STORE_TTL}), so a rotation reaches a function after the extension's TTL
 * plus the refresh interval of the {@link RefreshingKeySource} around this source.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the secret or parameter, never the token
 * or the value.
 */
public final class LambdaExtensionKeySource implements SigningKeySource {

    /** The extension's default port. */
    public static final int DEFAULT_PORT = 2773;
    /** The variable that sets the extension's port. */
    public static final String PORT_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    /** The header that carries the session token. */
    public static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    /** Default deadline of one fetch. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private final boolean secretsManager;
    private final String name;
    private final SecretFormat format;
    private final URI uri;
    private final String token;
    private final HttpFetcher fetcher;
    private final String description;

    private LambdaExtensionKeySource(Builder b, URI base, String token) {
        this.secretsManager = b.secretsManager;
        this.name = b.name;
        this.format = b.format;
        this.token = token;
        this.fetcher = HttpFetcher.builder().timeout(b.timeout).maxResponseBytes(MAX_RESPONSE_BYTES).build();
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        String base0 = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        this.uri = URI.create(secretsManager
                ? base0 + "/secretsmanager/get?secretId=" + encoded
                : base0 + "/systemsmanager/parameters/get?name=" + encoded + "&withDecryption=true");
        this.description = (secretsManager ? "Secrets Manager secret " : "SSM parameter ") + quote(name)
                + " (Lambda extension)";
    }

    /**
     * Starts a source for a Secrets Manager secret.
     *
     * @param secretId the secret's name or ARN
     * @return a builder
     * @throws NullPointerException     if {@code secretId} is null
     * @throws IllegalArgumentException if it is blank or longer than 2048 characters
     */
    public static Builder secretsManager(String secretId) {
        return new Builder(true, requireName(secretId, "secretId"));
    }

    /**
     * Starts a source for an SSM Parameter Store parameter, read with decryption.
     *
     * @param name the parameter's name or ARN
     * @return a builder
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if it is blank or longer than 2048 characters
     */
    public static Builder parameterStore(String name) {
        return new Builder(false, requireName(name, "name"));
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.length() > 2048 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(what + " must be 1-2048 characters without control characters, was "
                    + quote(name));
        }
        return name;
    }

    @Override
    public SigningKey load() {
        HttpFetcher.Response response;
        try {
            response = fetcher.exchange(HttpRequest.newBuilder(uri).GET()
                    .header(TOKEN_HEADER, token)
                    .header("Accept", "application/json")
                    .build());
        } catch (FetchException e) {
            Reason reason = e.reason() == FetchException.Reason.TIMEOUT ? Reason.TIMEOUT : Reason.UNAVAILABLE;
            throw new KeySourceException(reason, description + ": " + e.getMessage(), e);
        }
        int status = response.status();
        if (status != 200) {
            throw failure(status, response.body());
        }
        Map<String, Object> body;
        try {
            body = Json.parseObject(response.body());
        } catch (IllegalArgumentException e) {
            throw new KeySourceException(Reason.MALFORMED_RESPONSE, description + ": the extension's answer is not a JSON"
                    + " object (" + e.getMessage() + ")");
        }
        return format.parse(value(body), description);
    }

    private String value(Map<String, Object> body) {
        if (secretsManager) {
            Object secret = body.get("SecretString");
            if (secret instanceof String s) {
                return s;
            }
            if (secret == null && body.get("SecretBinary") != null) {
                throw new KeySourceException(Reason.BINARY_SECRET, description + " holds SecretBinary; store the key"
                        + " as a SecretString (JSON or PEM text)");
            }
            throw new KeySourceException(Reason.MALFORMED_RESPONSE, description + ": the extension's answer has"
                    + " SecretString " + Json.typeName(secret) + ", expected a string");
        }
        Object parameter = body.get("Parameter");
        Object value = parameter instanceof Map<?, ?> m ? m.get("Value") : null;
        if (value instanceof String s) {
            return s;
        }
        throw new KeySourceException(Reason.MALFORMED_RESPONSE, description + ": the extension's answer has "
                + (parameter instanceof Map ? "Parameter.Value " + Json.typeName(value) : "Parameter " + Json.typeName(parameter))
                + ", expected a string");
    }

    private KeySourceException failure(int status, String body) {
        String http = "the extension answered HTTP " + status;
        if (status == 401 || status == 403) {
            return new KeySourceException(Reason.ACCESS_DENIED, description + ": " + http
                    + " (the X-Aws-Parameters-Secrets-Token header was refused; is AWS_SESSION_TOKEN this function's?)");
        }
        if (status == 404) {
            return new KeySourceException(Reason.NOT_FOUND, description + ": " + http);
        }
        if (status == 429 || status >= 500) {
            return new KeySourceException(Reason.UNAVAILABLE, description + ": " + http);
        }
        if (status == 400) {
            // The extension relays the AWS error as 400 with its name in the body; only the name is used.
            String lower = body.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Reason> e : KNOWN_ERRORS) {
                if (lower.contains(e.getKey())) {
                    return new KeySourceException(e.getValue(), description + ": " + http + " (" + e.getKey() + ")");
                }
            }
            return new KeySourceException(Reason.REJECTED, description + ": " + http);
        }
        return new KeySourceException(Reason.REJECTED, description + ": " + http);
    }

    private static final List<Map.Entry<String, Reason>> KNOWN_ERRORS = List.of(
            Map.entry("resourcenotfoundexception", Reason.NOT_FOUND),
            Map.entry("parameternotfound", Reason.NOT_FOUND),
            Map.entry("accessdenied", Reason.ACCESS_DENIED),
            Map.entry("decryptionfailure", Reason.ACCESS_DENIED),
            Map.entry("throttl", Reason.UNAVAILABLE),
            Map.entry("not ready", Reason.UNAVAILABLE),
            Map.entry("internalserviceerror", Reason.UNAVAILABLE));

    /**
     * Returns the URL fetched, without the token.
     *
     * @return the URL
     */
    public URI uri() {
        return uri;
    }

    @Override
    public String description() {
        return description;
    }

    /** Returns the description; never the token or the value. */
    @Override
    public String toString() {
        return "LambdaExtensionKeySource[" + description + ", " + uri.getScheme() + "://" + uri.getAuthority()
                + ", timeout=" + fetcher.timeout() + "]";
    }

    /**
     * Builds a {@link LambdaExtensionKeySource}. Defaults: {@link SecretFormat#json()}, the port from
     * {@value #PORT_VARIABLE} or {@value #DEFAULT_PORT} on {@code localhost}, the token from
     * {@code AWS_SESSION_TOKEN}, a {@link #DEFAULT_TIMEOUT} deadline.
     *
     * <p>Not thread-safe; the built source is.
     */
    public static final class Builder {
        private final boolean secretsManager;
        private final String name;
        private SecretFormat format = SecretFormat.json();
        private Map<String, String> environment = System.getenv();
        private URI endpoint;
        private String token;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(boolean secretsManager, String name) {
            this.secretsManager = secretsManager;
            this.name = name;
        }

        /**
         * Sets how the value holds the key (default {@link SecretFormat#json()}).
         *
         * @param format the format
         * @return this builder
         * @throws NullPointerException if {@code format} is null
         */
        public Builder format(SecretFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the environment the port and token are read from (default {@code System.getenv()}).
         *
         * @param environment the environment
         * @return this builder
         * @throws NullPointerException if {@code environment} is null
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Sets the extension's base URL instead of {@code http://localhost:<port>} (tests and local
         * stand-ins).
         *
         * @param endpoint an absolute http URL such as {@code http://127.0.0.1:2773}
         * @return this builder
         * @throws NullPointerException     if {@code endpoint} is null
         * @throws IllegalArgumentException if it is not an absolute http(s) URL without query
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            String scheme = endpoint.getScheme();
            if (endpoint.getHost() == null || endpoint.getRawQuery() != null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new IllegalArgumentException("endpoint must be an absolute http URL without query, was " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Sets the session token sent in {@value #TOKEN_HEADER} (default {@code AWS_SESSION_TOKEN}).
         *
         * @param token the token
         * @return this builder
         * @throws NullPointerException     if {@code token} is null
         * @throws IllegalArgumentException if it is blank
         */
        public Builder sessionToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.token = token;
            return this;
        }

        /**
         * Sets the deadline of one fetch, connect and read together (default {@link #DEFAULT_TIMEOUT}).
         *
         * @param timeout positive, at most one minute
         * @return this builder
         * @throws NullPointerException     if {@code timeout} is null
         * @throws IllegalArgumentException if it is not positive or over one minute
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout must be positive and at most PT1M, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Builds the source. Does no I/O.
         *
         * @return the source
         * @throws IllegalStateException if no token is set and {@code AWS_SESSION_TOKEN} is absent,
         *                               or {@value #PORT_VARIABLE} is not a port number
         */
        public LambdaExtensionKeySource build() {
            String t = token;
            if (t == null) {
                t = environment.get("AWS_SESSION_TOKEN");
                if (t == null || t.isBlank()) {
                    throw new IllegalStateException("AWS_SESSION_TOKEN is not set: the Lambda extension needs the function's"
                            + " session token (this source works inside AWS Lambda only; set sessionToken(...) for a stand-in)");
                }
            }
            URI base = endpoint;
            if (base == null) {
                int port = DEFAULT_PORT;
                String configured = environment.get(PORT_VARIABLE);
                if (configured != null && !configured.isBlank()) {
                    try {
                        port = Integer.parseInt(configured.strip());
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 1 || port > 65535) {
                        throw new IllegalStateException(PORT_VARIABLE + " must be a port number 1-65535, was "
                                + quote(configured));
                    }
                }
                base = URI.create("http://localhost:" + port);
            }
            return new LambdaExtensionKeySource(this, base, t);
        }
    }
}
