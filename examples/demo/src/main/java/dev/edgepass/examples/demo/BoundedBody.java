package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * A request body read up to a limit and never further: what each stand-in takes of a body before
 * it hands it on. A {@code Content-Length} over the limit is believed without reading anything; a
 * body without one (chunked) is read to one byte past the limit. Either way the exchange is marked
 * so that {@link Exchanges#send} closes the connection after the answer instead of reading on.
 *
 * @param bytes     what was read: the whole body, or (over the limit) at most {@code limit} bytes of it
 * @param size      the body's size when known (declared, or all of it read), {@code -1} when it is
 *                  only known to be over the limit
 * @param overLimit whether the body is larger than the limit
 */
record BoundedBody(byte[] bytes, long size, boolean overLimit) {

    /** Reads the body if it fits {@code limit}; a declared size over it reads nothing. */
    static BoundedBody read(HttpExchange exchange, int limit) throws IOException {
        return read(exchange, limit, false);
    }

    /**
     * Reads at most {@code limit} bytes, also of a body over the limit, the way CloudFront hands a
     * viewer-request function the first part of a large body and flags it truncated.
     */
    static BoundedBody readPrefix(HttpExchange exchange, int limit) throws IOException {
        return read(exchange, limit, true);
    }

    private static BoundedBody read(HttpExchange exchange, int limit, boolean keepPrefix) throws IOException {
        long declared = declaredLength(exchange);
        InputStream in = exchange.getRequestBody();
        if (declared > limit) {
            Exchanges.markBodyUnread(exchange);
            return new BoundedBody(keepPrefix ? readUpTo(in, limit) : new byte[0], declared, true);
        }
        byte[] bytes = readUpTo(in, limit + 1);
        if (bytes.length > limit) {
            Exchanges.markBodyUnread(exchange);
            return new BoundedBody(keepPrefix ? Arrays.copyOf(bytes, limit) : new byte[0], -1, true);
        }
        return new BoundedBody(bytes, bytes.length, false);
    }

    /**
     * Reads until {@code max} bytes or the end. Not {@code InputStream.readNBytes}: its last call asks
     * for zero bytes, and the JDK server's chunked stream then waits for the next chunk header.
     */
    private static byte[] readUpTo(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        while (total < max) {
            int n = in.read(buffer, 0, Math.min(buffer.length, max - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    /** The size for a message: {@code 70,000 bytes}, or {@code more than 65,536 bytes}. */
    String describe(int limit) {
        return size >= 0 ? String.format(Locale.ROOT, "%,d bytes", size)
                : String.format(Locale.ROOT, "more than %,d bytes", limit);
    }

    private static long declaredLength(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        if (value == null || exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
