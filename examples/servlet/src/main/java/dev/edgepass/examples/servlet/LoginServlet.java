package dev.edgepass.examples.servlet;

import dev.edgepass.examples.login.LoginConfig;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.LoginRequest;
import dev.edgepass.examples.login.LoginResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Objects;

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
 * plus one byte, and never calls {@code getParameter}, which would read it unbounded. With the
 * no-argument constructor (for {@code web.xml}), the configuration comes from the environment
 * variables of {@link LoginConfig#fromEnvironment(java.util.Map)} when the container calls
 * {@link #init()}.
 *
 * <p>Thread-safe.
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

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

    /** Answers every method; the handler decides which it accepts. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        LoginHandler handler = login;
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
        b.body(readBody(req, handler.config().maxBodyBytes() + 1));
        write(handler.handle(b.build()), resp);
    }

    private static String readBody(HttpServletRequest req, int cap) throws IOException {
        if (req.getContentLengthLong() == 0) {
            return "";
        }
        try (InputStream in = req.getInputStream()) {
            return new String(in.readNBytes(cap), StandardCharsets.UTF_8);
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
