package dev.edgepass.examples.login;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The size limits of the login endpoint and the answers it gives a request over them: 431 when the
 * headers (cookies included) are too large, 413 when the body is.
 *
 * <p>{@link LoginHandler} applies them to every request. An adapter applies them earlier, from what
 * it knows before it reads or decodes a body (a {@code Content-Length}, the length of a base64
 * event body), so that it never reads more of a body than the limit allows and every front end
 * refuses in the same words. Each answer says what was found and what the limit is; it never
 * quotes a header value or a byte of the body.
 *
 * <pre>{@code
 * RequestLimits limits = handler.limits();
 * long declared = servletRequest.getContentLengthLong();
 * if (!limits.bodyFits(declared)) {
 *     return limits.bodyTooLarge(declared);   // 413, nothing read
 * }
 * }</pre>
 *
 * <p>Header bytes are counted as on the wire: name, {@code ": "}, value and CRLF for every value.
 * Immutable and thread-safe.
 */
public final class RequestLimits {

    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    private RequestLimits(int maxHeaderBytes, int maxBodyBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Returns the limits of a configuration ({@link LoginConfig#maxHeaderBytes()} and
     * {@link LoginConfig#maxBodyBytes()}).
     *
     * @param config the configuration
     * @return its limits
     * @throws NullPointerException if {@code config} is null
     */
    public static RequestLimits of(LoginConfig config) {
        Objects.requireNonNull(config, "config");
        return new RequestLimits(config.maxHeaderBytes(), config.maxBodyBytes());
    }

    /** Returns the cap on all request headers together, in bytes. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Returns the cap on a request body, in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Returns whether a body of this size is within the limit.
     *
     * @param bytes the body's size in bytes; a negative value (unknown) fits, the reader then counts
     * @return {@code true} when {@code bytes <= maxBodyBytes()}
     */
    public boolean bodyFits(long bytes) {
        return bytes <= maxBodyBytes;
    }

    /**
     * Returns the size of a request's headers as this class counts them.
     *
     * @param request the request
     * @return name + value + 4 bytes, summed over every header value
     * @throws NullPointerException if {@code request} is null
     */
    public static long headerBytes(LoginRequest request) {
        Objects.requireNonNull(request, "request");
        long total = 0;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            for (String value : header.getValue()) {
                total += header.getKey().length() + value.length() + 4;
            }
        }
        return total;
    }

    /**
     * Checks a request against both limits, headers first.
     *
     * @param request the request, body included as far as the adapter read it
     * @return the 431 or 413 answer, or empty when the request is within the limits
     * @throws NullPointerException if {@code request} is null
     */
    public Optional<LoginResponse> check(LoginRequest request) {
        long headers = headerBytes(request);
        if (headers > maxHeaderBytes) {
            return Optional.of(headersTooLarge(request, headers));
        }
        long bodyBytes = utf8Length(request.body());
        if (bodyBytes > maxBodyBytes) {
            return Optional.of(bodyTooLarge(bodyBytes));
        }
        return Optional.empty();
    }

    /**
     * Returns the 413 answer for a body over the limit.
     *
     * @param bytes the body's size in bytes when known (a {@code Content-Length}, a decoded length),
     *              or a negative value when it is only known to be over the limit
     * @return the answer: status 413, a short text body that gives the size and the limit
     */
    public LoginResponse bodyTooLarge(long bytes) {
        if (bytes < 0) {
            return LoginHandler.error(413, "Request body too large: more than the limit of " + number(maxBodyBytes)
                    + " bytes.");
        }
        return LoginHandler.error(413, "Request body too large: " + number(bytes) + " bytes, the limit is "
                + number(maxBodyBytes) + " bytes.");
    }

    /**
     * Returns the 413 answer for a body that reached this endpoint cut short, because the front end
     * in between passes on only the first part of a large body (CloudFront's {@code inputTruncated}).
     *
     * @return the answer: status 413, a short text body that says so and gives the limit
     */
    public LoginResponse truncatedBody() {
        return LoginHandler.error(413, "Request body too large: it arrived cut short by the front end; the limit is "
                + number(maxBodyBytes) + " bytes.");
    }

    private LoginResponse headersTooLarge(LoginRequest request, long total) {
        String largest = "";
        long largestBytes = 0;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            long bytes = 0;
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + value.length() + 4;
            }
            if (bytes > largestBytes) {
                largest = header.getKey();
                largestBytes = bytes;
            }
        }
        String limit = ", the limit is " + number(maxHeaderBytes) + " bytes";
        if (largest.equals("cookie")) {
            return LoginHandler.error(431, "Cookies too large: the request headers are " + number(total) + " bytes, "
                    + number(largestBytes) + " of them cookies" + limit + ". Clear this site's cookies and sign in again.");
        }
        return LoginHandler.error(431, "Request header fields too large: " + number(total) + " bytes" + limit
                + " (largest: " + safeName(largest) + ", " + number(largestBytes) + " bytes).");
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A header name as it may appear in an answer: token characters only, at most 64 of them. */
    private static String safeName(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 64));
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            out.append(token ? c : '?');
        }
        return name.length() > 64 ? out.append("...").toString() : out.toString();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    @Override
    public String toString() {
        return "RequestLimits[maxHeaderBytes=" + maxHeaderBytes + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
