package dev.edgepass.examples.servlet;

import dev.edgepass.examples.login.LoginConfig;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.LoginRequest;
import dev.edgepass.examples.login.LoginResponse;
import dev.edgepass.examples.login.RequestLimits;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;

/**
 * The login endpoint as a Jakarta Servlet: map it to the login, callback and sign-out paths
 * ({@code /private/login/*} and {@code /private/logout} by default).
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(new LoginServlet(LoginHandler.create(config))), "/private/login/*");
 * context.addServlet(new ServletHolder(new LoginServlet(LoginHandler.create(config))), "/private/logout");
 * }</pre>
 *
 * <p>Routing uses the raw request URI (context path included), so the configured paths must be
 * the paths the browser sees. The servlet reads the body itself, at most the configured body cap
 * plus one byte (none of it when the headers or the declared {@code Content-Length} are already
 * over the limits: 431 or 413 with the size found and the limit, and {@code Connection: close};
 * after that answer is sent, what the client has already sent is read and dropped, up to 1 MiB,
 * so that closing the connection does not reset it before the client reads the answer), and never
 * calls {@code getParameter}, which would read it unbounded. With the
 * no-argument constructor (for {@code web.xml}), the configuration comes from the environment
 * variables of {@link LoginConfig#fromEnvironment(java.util.Map)} when the container calls
 * {@link #init()}.
 *
 * <p>Thread-safe.
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The most of a refused body read and dropped after the answer, so that the answer is not reset. */
    static final long DRAIN_BYTES = 1 << 20;
    /** How long the drain waits for more of a refused body before closing. */
    static final long DRAIN_QUIET_MILLIS = 50;

    private transient volatile LoginHandler login;

    /** Creates a servlet that reads its configuration from the environment in {@link #init()}. */
    public LoginServlet() {
    }

    /**
     * Creates a servlet over a login handler built elsewhere.
     *
     * @param login the login handler
     */
    public LoginServlet(LoginHandler login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    /** Builds the handler from the environment when none was given. */
    @Override
    public void init() throws ServletException {
        if (login == null) {
            try {
                login = LoginHandler.create(LoginConfig.fromEnvironment(System.getenv()));
            } catch (RuntimeException e) {
                throw new ServletException("login configuration is invalid: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Answers every method; the handler decides which it accepts. Headers over the limit are
     * refused before the body is touched, a declared {@code Content-Length} over the limit before
     * a byte of it is read, and any other body is read up to the limit plus one byte.
     */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        LoginHandler handler = login;
        RequestLimits limits = handler.limits();
        LoginRequest.Builder b = LoginRequest.builder()
                .method(req.getMethod())
                .path(req.getRequestURI())
                .rawQuery(req.getQueryString())
                .sourceIp(req.getRemoteAddr() == null ? "" : req.getRemoteAddr());
        for (String name : Collections.list(req.getHeaderNames())) {
            for (String value : Collections.list(req.getHeaders(name))) {
                b.header(name, value);
            }
        }
        Optional<LoginResponse> headersRefused = limits.check(b.build());
        if (headersRefused.isPresent()) {
            refuse(headersRefused.get(), resp, req);
            return;
        }
        long declared = req.getContentLengthLong();
        if (!limits.bodyFits(declared)) {
            refuse(limits.bodyTooLarge(declared), resp, req);
            return;
        }
        byte[] body = readBody(req, limits.maxBodyBytes() + 1);
        if (body.length > limits.maxBodyBytes()) {
            refuse(limits.bodyTooLarge(-1), resp, req);
            return;
        }
        write(handler.handle(b.body(new String(body, StandardCharsets.UTF_8)).build()), resp);
    }

    private static byte[] readBody(HttpServletRequest req, int cap) throws IOException {
        if (req.getContentLengthLong() == 0) {
            return new byte[0];
        }
        try (InputStream in = req.getInputStream()) {
            return in.readNBytes(cap);
        }
    }

    /**
     * Answers a request whose body is left unread: the connection cannot carry another request.
     * The answer is flushed first; then whatever the client has already sent is read and dropped,
     * up to {@link #DRAIN_BYTES}, until nothing has arrived for {@link #DRAIN_QUIET_MILLIS}. A
     * socket closed with unread bytes in it is reset, and a reset can destroy the answer before the
     * client reads it; draining what is in flight lets a client that sends its whole body first
     * (as most do) see the 413. Nothing is kept, and a client that stops sending is not waited for.
     */
    private static void refuse(LoginResponse response, HttpServletResponse resp, HttpServletRequest req)
            throws IOException {
        resp.setHeader("Connection", "close");
        write(response, resp);
        resp.flushBuffer();
        try {
            InputStream in = req.getInputStream();
            byte[] sink = new byte[8192];
            long drained = 0;
            long quietSince = System.nanoTime();
            while (drained < DRAIN_BYTES) {
                int ready = in.available();
                if (ready > 0) {
                    int n = in.read(sink, 0, Math.min(ready, sink.length));
                    if (n < 0) {
                        return;
                    }
                    drained += n;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > DRAIN_QUIET_MILLIS * 1_000_000L) {
                    return;
                } else {
                    Thread.sleep(2);
                }
            }
        } catch (IOException e) {
            // The client went away; the answer was already sent.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void write(LoginResponse response, HttpServletResponse resp) throws IOException {
        resp.setStatus(response.status());
        for (LoginResponse.Header header : response.headers()) {
            resp.addHeader(header.name(), header.value());
        }
        if (!response.body().isEmpty()) {
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }
}
