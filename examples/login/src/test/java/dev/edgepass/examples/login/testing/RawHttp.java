package dev.edgepass.examples.login.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a plain socket, for tests that must control every byte a server sees:
 * exactly which headers arrive (no client adds its own), and how much of a body is sent before
 * the client stops and waits for the answer. A server that answers while the rest of a body is
 * still missing has proved it does not read it.
 *
 * <pre>{@code
 * RawHttp.Response r = RawHttp.send(base, "POST /private/login HTTP/1.1",
 *         List.of("Content-Length: 163840"), new byte[0]);   // declares 160 KiB, sends none of it
 * }</pre>
 *
 * Not thread-safe; one request per connection.
 */
public final class RawHttp {

    /** How long a test waits for an answer before it fails instead of hanging. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private RawHttp() {}

    /**
     * An answer: status, headers (names in lower case, first value of each) and body.
     *
     * @param status  the status code
     * @param headers header name (lower case) to its first value
     * @param body    the body as text
     */
    public record Response(int status, Map<String, String> headers, String body) {}

    /**
     * Sends a request line, {@code Host}, the given header lines and {@code body} as they are, then
     * reads one answer.
     *
     * @param base        scheme, host and port of the server
     * @param requestLine e.g. {@code GET /private/login HTTP/1.1}
     * @param headers     further header lines, e.g. {@code X-Pad: aaa}
     * @param body        bytes sent after the header block (framed by the caller's headers)
     * @return the answer
     * @throws IOException if the connection fails or no answer arrives within {@link #ANSWER_TIMEOUT}
     */
    public static Response send(URI base, String requestLine, List<String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) ANSWER_TIMEOUT.toMillis());
            socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(requestLine).append("\r\n");
            head.append("Host: ").append(hostHeader(base)).append("\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            head.append("\r\n");
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException writeFailed) {
                // A server that refuses an oversize request may answer and close before it has read
                // all of it; the client's write then fails (broken pipe, reset), but the answer is
                // already in the socket's receive queue, ahead of the reset. Read it if it is there.
                try {
                    return read(socket.getInputStream());
                } catch (IOException readFailed) {
                    writeFailed.addSuppressed(readFailed);
                    throw writeFailed;
                }
            }
            return read(socket.getInputStream());
        }
    }

    /**
     * Returns {@code bytes} bytes of {@code a} in the chunked transfer coding, 4 KiB per chunk.
     *
     * @param bytes     how many body bytes
     * @param terminate whether to end the body (the zero-length chunk); without it the server
     *                  would wait for more if it kept reading
     * @return the encoded chunks
     */
    public static byte[] chunked(int bytes, boolean terminate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int sent = 0; sent < bytes; sent += 4096) {
            int n = Math.min(4096, bytes - sent);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("a".repeat(n).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (terminate) {
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** The {@code Host} header value {@link #send} sends for {@code base}. */
    public static String hostHeader(URI base) {
        return base.getHost() + ":" + base.getPort();
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the answer's header block ended: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
