package dev.edgepass.examples.login.internal;

import dev.edgepass.core.FetchException;
import dev.edgepass.core.HttpFetcher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Exchanges an authorization code at the Cognito {@code /oauth2/token} endpoint (RFC 6749 section
 * 4.1.3 with the PKCE {@code code_verifier}), bounded by one deadline and a body cap.
 *
 * <p>Thread-safe; the exchange runs on core's {@link HttpFetcher}, whose HTTP client is created on
 * the first exchange.
 */
public final class TokenEndpoint {

    /** Largest token response read; Cognito's carry three tokens of a few KiB each. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final URI uri;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final HttpFetcher fetcher;

    /**
     * Creates a client for one token endpoint.
     *
     * @param uri          the token endpoint
     * @param clientId     the app client id
     * @param clientSecret the app client secret, or null for a public client
     * @param timeout      the deadline of one exchange
     */
    public TokenEndpoint(URI uri, String clientId, String clientSecret, Duration timeout) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = clientSecret;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.fetcher = HttpFetcher.builder().timeout(timeout).maxResponseBytes(MAX_RESPONSE_BYTES).build();
    }

    /**
     * Exchanges a code for tokens.
     *
     * @param code        the authorization code
     * @param redirectUri the redirect URI sent to {@code /oauth2/authorize}
     * @param verifier    the PKCE code verifier
     * @return the ID token
     * @throws TokenEndpointException when the endpoint refuses, fails, times out or answers nonsense
     */
    public String exchange(String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form)));
        if (clientSecret != null) {
            String basic = FormEncoding.encode(clientId) + ":" + FormEncoding.encode(clientSecret);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        HttpFetcher.Response response;
        try {
            response = fetcher.exchange(request.build());
        } catch (FetchException e) {
            throw new TokenEndpointException(false, "cannot use the token endpoint (" + e.reason() + ")", e);
        }
        Map<String, Object> json = parse(response.body());
        int status = response.status();
        if (status == 400 || status == 401) {
            // RFC 6749 section 5.2: the grant itself was refused (bad code, verifier or client).
            String error = json.get("error") instanceof String s ? s : "unknown";
            throw new TokenEndpointException(true, "the token endpoint refused the code (HTTP " + status
                    + ", error " + Safe.label(error) + ")", null);
        }
        if (status < 200 || status > 299) {
            throw new TokenEndpointException(false, "HTTP " + status + " from the token endpoint, expected 200", null);
        }
        Object idToken = json.get("id_token");
        if (!(idToken instanceof String s) || s.isEmpty()) {
            throw new TokenEndpointException(false, "the token response holds no id_token (is the openid scope granted?)", null);
        }
        return s;
    }

    private static Map<String, Object> parse(String body) {
        if (body.isEmpty()) {
            return Map.of();
        }
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException | RuntimeException e) {
            return Map.of();
        }
    }

    /** Why an exchange failed; {@link #refused()} tells a refused grant from an outage. */
    public static final class TokenEndpointException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean refused;

        TokenEndpointException(boolean refused, String message, Throwable cause) {
            super(message, cause);
            this.refused = refused;
        }

        /** Returns true when the endpoint refused the grant (4xx), false for an outage. */
        public boolean refused() {
            return refused;
        }
    }

    /** Quotes values from the network in messages: cut to 100 characters, control characters escaped. */
    static final class Safe {
        private Safe() {}

        static String label(String value) {
            String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
            StringBuilder out = new StringBuilder("'");
            cut.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? "?" : String.valueOf((char) c)));
            return out.append('\'').toString();
        }
    }
}
