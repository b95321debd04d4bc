package dev.edgepass.examples.lambda;

import dev.edgepass.examples.login.LoginResponse;
import dev.edgepass.examples.login.RequestLimits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Event bodies, decoded only when they fit the login endpoint's body limit: the size of a base64
 * body is known from its length, so one over the limit is refused without decoding a byte of it.
 * A text body is passed on as it is (it is already in memory; the login handler counts its UTF-8
 * bytes). Thread-safe: no state.
 */
final class EventBodies {

    private EventBodies() {}

    /**
     * Returns the body as text.
     *
     * @param data   the event's body field
     * @param base64 whether the event says the body is base64-encoded
     * @param limits the login endpoint's limits
     * @throws TooLarge                 if the body would decode to more than the limit
     * @throws IllegalArgumentException if the base64 is malformed
     */
    static String decode(String data, boolean base64, RequestLimits limits) {
        if (!base64) {
            return data;
        }
        long size = base64Size(data);
        if (!limits.bodyFits(size)) {
            throw new TooLarge(limits.bodyTooLarge(size));
        }
        return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
    }

    /** The number of bytes a standard base64 string decodes to, padded or not. */
    static long base64Size(String data) {
        int length = data.length();
        while (length > 0 && data.charAt(length - 1) == '=') {
            length--;
        }
        return (long) length / 4 * 3 + switch (length % 4) {
            case 2 -> 1;
            case 3 -> 2;
            default -> 0;
        };
    }

    /** A body refused for its size; carries the 413 answer. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient LoginResponse response;

        TooLarge(LoginResponse response) {
            super(response.body().trim(), null, false, false);
            this.response = response;
        }

        LoginResponse response() {
            return response;
        }
    }
}
