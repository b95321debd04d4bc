package dev.edgepass.examples.login;

import dev.edgepass.examples.login.internal.FormEncoding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to the login endpoint, independent of the front end that received it.
 *
 * <p>Header names are case-insensitive in HTTP; the record stores them in lower case, merging
 * values of names that differ only in case. The query string is kept raw (still percent-encoded)
 * and decoded on demand, so the adapters pass on exactly what they received.
 *
 * <pre>{@code
 * LoginRequest request = LoginRequest.builder()
 *         .method("GET").path("/private/login").rawQuery("redirect=%2Fprivate%2Fapp%2Freport.html")
 *         .header("Cookie", "a=b").sourceIp("203.0.113.7")
 *         .build();
 * }</pre>
 *
 * <p>{@link #toString()} names the parameters and headers but never shows their values, which may
 * hold tokens or cookies. Immutable and thread-safe.
 *
 * @param method   the HTTP method, upper case
 * @param path     the request path, starting with {@code /}, without the query string
 * @param rawQuery the raw query string without {@code ?}, or null when there is none
 * @param headers  header name (lower case) to values, in order received
 * @param body     the request body decoded as text, empty when there is none
 * @param sourceIp the client address as the front end saw it, empty when unknown
 */
public record LoginRequest(
        String method,
        String path,
        String rawQuery,
        Map<String, List<String>> headers,
        String body,
        String sourceIp) {

    /**
     * Creates a request, normalising header names to lower case.
     *
     * @throws NullPointerException     if {@code method}, {@code path} or {@code headers} is null
     * @throws IllegalArgumentException if {@code method} is empty
     */
    public LoginRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
        method = method.toUpperCase(Locale.ROOT);
        // Loops rather than forEach and computeIfAbsent lambdas: every Lambda cold start builds one.
        Map<String, List<String>> lower = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            Objects.requireNonNull(header.getKey(), "header name");
            List<String> merged = valuesOf(lower, header.getKey().toLowerCase(Locale.ROOT));
            if (header.getValue() != null) {
                for (String value : header.getValue()) {
                    if (value != null) {
                        merged.add(value);
                    }
                }
            }
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : lower.entrySet()) {
            copy.put(header.getKey(), List.copyOf(header.getValue()));
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
        sourceIp = sourceIp == null ? "" : sourceIp;
    }

    /** Returns the list of values under {@code name}, adding an empty one first if there is none. */
    private static List<String> valuesOf(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            values = new ArrayList<>();
            headers.put(name, values);
        }
        return values;
    }

    /** Returns a builder for a request; method defaults to {@code GET}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, any case
     * @return the first value, or empty when the header is absent
     */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Returns every value of a header.
     *
     * @param name the header name, any case
     * @return the values, empty when the header is absent
     */
    public List<String> headerValues(String name) {
        Objects.requireNonNull(name, "name");
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * Returns the cookies sent in every {@code Cookie} header; for a name sent twice the first wins,
     * as browsers send the most specific path first.
     *
     * @return cookie name to value
     */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headerValues("cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    cookies.putIfAbsent(name, value);
                }
            }
        }
        return cookies;
    }

    /**
     * Returns one cookie.
     *
     * @param name the cookie name, case-sensitive
     * @return its value, or empty when it was not sent
     */
    public Optional<String> cookie(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(cookies().get(name));
    }

    /**
     * Returns the decoded query parameters.
     *
     * @return parameter name to values, in order
     * @throws IllegalArgumentException if the query string holds a malformed percent escape
     */
    public Map<String, List<String>> queryParameters() {
        return FormEncoding.parse(rawQuery == null ? "" : rawQuery);
    }

    /**
     * Returns the decoded form parameters of a {@code POST} with content type
     * {@code application/x-www-form-urlencoded}; empty for anything else.
     *
     * @return parameter name to values, in order
     * @throws IllegalArgumentException if the body holds a malformed percent escape
     */
    public Map<String, List<String>> formParameters() {
        if (!"POST".equals(method)) {
            return Map.of();
        }
        String type = header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        return FormEncoding.parse(body);
    }

    /** Names the method, path, parameter and header names, and body size; never values. */
    @Override
    public String toString() {
        String query;
        try {
            query = String.valueOf(queryParameters().keySet());
        } catch (IllegalArgumentException e) {
            query = "<malformed>";
        }
        return "LoginRequest[method=" + method + ", path=" + path + ", queryNames=" + query
                + ", headerNames=" + headers.keySet() + ", bodyLength=" + body.length()
                + ", sourceIp=" + sourceIp + "]";
    }

    /** Builds a {@link LoginRequest}. Not thread-safe. */
    public static final class Builder {
        private String method = "GET";
        private String path = "/";
        private String rawQuery;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String body = "";
        private String sourceIp = "";

        private Builder() {}

        /** Sets the method; default {@code GET}. */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Sets the path without query; default {@code /}. */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Sets the raw query string without {@code ?}; null for none. */
        public Builder rawQuery(String rawQuery) {
            this.rawQuery = rawQuery;
            return this;
        }

        /** Adds one header value; repeated calls add values. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            valuesOf(headers, name.toLowerCase(Locale.ROOT)).add(value);
            return this;
        }

        /** Sets the body; default empty. */
        public Builder body(String body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Sets the client address; default empty. */
        public Builder sourceIp(String sourceIp) {
            this.sourceIp = Objects.requireNonNull(sourceIp, "sourceIp");
            return this;
        }

        /** Returns the request. */
        public LoginRequest build() {
            return new LoginRequest(method, path, rawQuery, headers, body, sourceIp);
        }
    }
}
