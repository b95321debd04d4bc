package dev.edgepass.examples.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of the login endpoint: a status, headers in order (several {@code Set-Cookie}
 * headers are normal) and a short text body.
 *
 * <pre>{@code
 * LoginResponse response = handler.handle(request);
 * response.status();            // 302
 * response.header("Location");  // Optional[/private/app/index.html]
 * response.setCookies();        // the Set-Cookie values
 * }</pre>
 *
 * <p>{@link #toString()} never shows cookie values. Immutable and thread-safe.
 *
 * @param status  the HTTP status
 * @param headers the headers, in order, names as they should be sent
 * @param body    the body text, empty when there is none
 */
public record LoginResponse(int status, List<Header> headers, String body) {

    /**
     * Creates a response.
     *
     * @throws NullPointerException     if {@code headers} or {@code body} is null
     * @throws IllegalArgumentException if {@code status} is not between 100 and 599
     */
    public LoginResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599, was " + status);
        }
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or empty when absent
     */
    public Optional<String> header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Returns every value of a header, in order.
     *
     * @param name the header name, any case
     * @return the values, empty when absent
     */
    public List<String> headerValues(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** Returns the {@code Set-Cookie} values, in order. */
    public List<String> setCookies() {
        return headerValues("Set-Cookie");
    }

    /** Names the status and headers; shows header values except for {@code Set-Cookie}. */
    @Override
    public String toString() {
        return "LoginResponse[status=" + status + ", headers=" + headers + ", bodyLength=" + body.length() + "]";
    }

    /**
     * One response header.
     *
     * @param name  the header name
     * @param value the header value
     */
    public record Header(String name, String value) {
        /**
         * Creates a header.
         *
         * @throws NullPointerException     if either argument is null
         * @throws IllegalArgumentException if either holds CR or LF (header injection)
         */
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                    || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name.replaceAll("[\\r\\n]", "?")
                        + " must not contain CR or LF");
            }
        }

        /** Shows the name and value, or only the cookie name for {@code Set-Cookie}. */
        @Override
        public String toString() {
            if (name.toLowerCase(Locale.ROOT).equals("set-cookie")) {
                int eq = value.indexOf('=');
                return name + ": " + (eq < 0 ? "?" : value.substring(0, eq)) + "=<redacted>";
            }
            return name + ": " + value;
        }
    }
}
