package dev.edgepass.examples.servlet;

import dev.edgepass.cloudfront.Decision;
import dev.edgepass.cloudfront.SignedRequestValidator;
import dev.edgepass.core.PemKeys;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the paths it is mapped to with CloudFront signed cookies, deciding as CloudFront does
 * ({@link SignedRequestValidator}): a request passes only with valid {@code CloudFront-*} cookies
 * whose policy covers its URL, time and client IP; anything else gets 403, as CloudFront answers.
 *
 * <pre>{@code
 * SignedRequestValidator validator = SignedRequestValidator.builder().trust("K2JCJMDEHXQW5F", publicKey).build();
 * context.addFilter(new FilterHolder(new SignedCookieFilter(validator, URI.create("https://example.com"))),
 *         "/private/app/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <p>The URL checked against the policy is {@code publicOrigin + requestURI [+ ? + query]}: the
 * policy names the public URL the browser sees (the CloudFront domain), which behind a proxy is
 * not what the container sees. Without a public origin, the request's own scheme, host and port
 * are used. With the no-argument constructor (for {@code web.xml}), the init parameters
 * {@code keyPairId}, {@code publicKeyFile} (a {@code BEGIN PUBLIC KEY} PEM) and optional
 * {@code publicOrigin} configure it.
 *
 * <p>Thread-safe. Logs the refusal reason at DEBUG, never a cookie value.
 */
public class SignedCookieFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(SignedCookieFilter.class);

    private volatile SignedRequestValidator validator;
    private volatile String publicOrigin;

    /** Creates a filter configured from its init parameters in {@link #init(FilterConfig)}. */
    public SignedCookieFilter() {
    }

    /**
     * Creates a filter.
     *
     * @param validator    decides on the cookies
     * @param publicOrigin the origin the browser sees, such as {@code https://d111111abcdef8.cloudfront.net},
     *                     or null to use the request's own
     */
    public SignedCookieFilter(SignedRequestValidator validator, URI publicOrigin) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.publicOrigin = origin(publicOrigin);
    }

    /** Reads the init parameters when no validator was given. */
    @Override
    public void init(FilterConfig config) throws ServletException {
        if (validator != null) {
            return;
        }
        String keyPairId = config.getInitParameter("keyPairId");
        String keyFile = config.getInitParameter("publicKeyFile");
        if (keyPairId == null || keyFile == null) {
            throw new ServletException("SignedCookieFilter needs init parameters keyPairId and publicKeyFile");
        }
        try {
            String pem = Files.readString(Path.of(keyFile), StandardCharsets.UTF_8);
            validator = SignedRequestValidator.builder().trust(keyPairId, PemKeys.publicKey(pem)).build();
            String origin = config.getInitParameter("publicOrigin");
            publicOrigin = origin == null ? null : origin(URI.create(origin));
        } catch (IOException | RuntimeException e) {
            throw new ServletException("SignedCookieFilter cannot load its key: " + e.getMessage(), e);
        }
    }

    /** Passes the request on when its cookies allow it, otherwise answers 403. */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        Map<String, String> cookies = new LinkedHashMap<>();
        Cookie[] sent = req.getCookies();
        if (sent != null) {
            for (Cookie cookie : sent) {
                cookies.putIfAbsent(cookie.getName(), cookie.getValue());
            }
        }
        String origin = publicOrigin != null ? publicOrigin
                : req.getScheme() + "://" + req.getServerName() + portSuffix(req);
        String url = origin + req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        Decision decision = validator.checkCookies(url, cookies, req.getRemoteAddr());
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        log.debug("refused {}: {}", req.getRequestURI(), decision.reason());
        byte[] body = "Access denied.\n".getBytes(StandardCharsets.UTF_8);
        resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static String portSuffix(HttpServletRequest req) {
        int port = req.getServerPort();
        boolean standard = ("http".equals(req.getScheme()) && port == 80) || ("https".equals(req.getScheme()) && port == 443);
        return standard || port <= 0 ? "" : ":" + port;
    }

    private static String origin(URI uri) {
        if (uri == null) {
            return null;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || (uri.getRawPath() != null && uri.getRawPath().length() > 1)) {
            throw new IllegalArgumentException("publicOrigin must be scheme://host[:port], was " + uri);
        }
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
