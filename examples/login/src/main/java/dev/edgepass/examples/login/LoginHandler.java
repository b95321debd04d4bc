package dev.edgepass.examples.login;

import dev.edgepass.cloudfront.CloudFrontException;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookies;
import dev.edgepass.cognito.CognitoToken;
import dev.edgepass.cognito.TokenRejectedException;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.examples.login.LoginResponse.Header;
import dev.edgepass.examples.login.internal.FormEncoding;
import dev.edgepass.examples.login.internal.LoginState;
import dev.edgepass.examples.login.internal.Pkce;
import dev.edgepass.examples.login.internal.RedirectTargets;
import dev.edgepass.examples.login.internal.TokenEndpoint;
import dev.edgepass.examples.login.internal.TokenEndpoint.TokenEndpointException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login endpoint of the Cognito + CloudFront signed-cookie flow, free of any HTTP framework.
 *
 * <p>Routes (paths from {@link LoginConfig}):
 * <ul>
 *   <li>{@code GET|POST /private/login} with a token ({@code Authorization: Bearer}, form or query
 *       {@code id_token}; only when {@link LoginConfig#implicitFlow()} is on): verifies the Cognito
 *       ID token, sets the CloudFront signed cookies and answers 302 to the start page or to a
 *       validated {@code redirect} parameter (a path on this site).</li>
 *   <li>{@code GET|POST /private/login} without a token: starts the authorization-code flow with
 *       PKCE, 302 to the hosted UI's {@code /oauth2/authorize}; {@code state}, the verifier and the
 *       redirect travel in a short-lived, MACed, {@code HttpOnly}, {@code SameSite=Lax} cookie
 *       scoped to the login path, so no server state is needed.</li>
 *   <li>{@code GET /private/login/callback?code&state}: checks {@code state} against the cookie,
 *       exchanges the code at {@code /oauth2/token}, verifies the ID token, sets the cookies, 302.</li>
 *   <li>{@code GET|POST /private/logout}: clears the CloudFront cookies, whatever the request
 *       carries, and 302 to the hosted UI's {@code /logout}.</li>
 * </ul>
 *
 * <p>Every failure answers a 4xx (5xx for an upstream outage) with a short text body and no
 * CloudFront cookie: 400 bad request, state mismatch or open-redirect attempt; 401 missing, bad or
 * expired token; 404 unknown path; 405 wrong method; 413 body too large; 431 headers too large;
 * 502 token endpoint failure; 503 JWKS unavailable. Tokens, codes, verifiers and cookie values never
 * appear in a body or log line.
 *
 * <pre>{@code
 * LoginHandler handler = LoginHandler.create(config);
 * LoginResponse response = handler.handle(LoginRequest.builder().method("GET").path("/private/login").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; create one per configuration and share it.
 */
public final class LoginHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
    private static final String EXPIRED_COOKIE_DATE = "Thu, 01 Jan 1970 00:00:00 GMT";

    private final LoginConfig config;
    private final RequestLimits limits;
    private final byte[] stateKey;
    private final TokenEndpoint tokenEndpoint;

    private LoginHandler(LoginConfig config) {
        this.config = config;
        this.limits = RequestLimits.of(config);
        this.stateKey = config.stateKey();
        this.tokenEndpoint = new TokenEndpoint(config.tokenEndpoint(), config.clientId(),
                config.clientSecret().orElse(null), config.tokenEndpointTimeout());
    }

    /**
     * Creates a handler.
     *
     * @param config the configuration, already checked by its builder
     * @return the handler
     * @throws NullPointerException if {@code config} is null
     */
    public static LoginHandler create(LoginConfig config) {
        return new LoginHandler(Objects.requireNonNull(config, "config"));
    }

    /** Returns the configuration. */
    public LoginConfig config() {
        return config;
    }

    /** Returns the size limits this handler applies, for adapters that check a request before reading its body. */
    public RequestLimits limits() {
        return limits;
    }

    /**
     * Answers one request. Never throws for a bad request: every failure is a response.
     *
     * @param request the request
     * @return the response
     * @throws NullPointerException if {@code request} is null
     */
    public LoginResponse handle(LoginRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            Optional<LoginResponse> oversize = limits.check(request);
            if (oversize.isPresent()) {
                log.debug("refused: {}", oversize.get().status() == 431 ? "request headers too large" : "request body too large");
                return oversize.get();
            }
            String path = request.path();
            if (path.equals(config.loginPath()) || path.equals(config.loginPath() + "/")) {
                return login(request);
            }
            if (path.equals(config.callbackPath())) {
                return callback(request);
            }
            if (path.equals(config.logoutPath())) {
                return logout(request);
            }
            return error(404, "Not found.");
        } catch (BadRequest e) {
            log.debug("refused: {}", e.getMessage());
            return error(400, e.getMessage());
        } catch (IllegalArgumentException e) {
            // malformed percent escapes in the query string or form body
            log.debug("refused: malformed parameters");
            return error(400, "Malformed query string or form body.");
        } catch (RuntimeException e) {
            log.warn("login endpoint failed unexpectedly ({})", e.getClass().getName(), e);
            return error(500, "Internal error.");
        }
    }

    private LoginResponse login(LoginRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("POST")) {
            return methodNotAllowed("GET, POST");
        }
        Map<String, List<String>> query = request.queryParameters();
        Map<String, List<String>> form = request.formParameters();
        String redirect = redirectTarget(query, form);
        Optional<String> authorization = request.header("authorization");
        boolean tokenPresented = authorization.isPresent() || query.containsKey("id_token") || form.containsKey("id_token");
        if (!tokenPresented) {
            return startAuthorization(redirect);
        }
        if (!config.implicitFlow()) {
            throw new BadRequest("This endpoint does not accept tokens passed in; open it without a token to sign in.");
        }
        String token;
        if (authorization.isPresent()) {
            String value = authorization.get().trim();
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return error(401, "Authorization must use the Bearer scheme.");
            }
            token = value.substring(7).trim();
        } else {
            token = single(form.containsKey("id_token") ? form : query, "id_token");
        }
        if (token.isEmpty()) {
            return error(401, "Missing token.");
        }
        return signIn(token, redirect, List.of());
    }

    private LoginResponse startAuthorization(String redirect) {
        String verifier = Pkce.newVerifier();
        String state = Pkce.newState();
        Instant expires = config.clock().instant().plus(config.stateLifetime());
        String cookie = new LoginState(state, verifier, redirect, expires).encode(stateKey);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", config.clientId());
        params.put("redirect_uri", config.redirectUri().toString());
        params.put("scope", String.join(" ", config.scopes()));
        params.put("state", state);
        params.put("code_challenge", Pkce.challenge(verifier));
        params.put("code_challenge_method", "S256");
        String location = config.authorizeEndpoint() + "?" + FormEncoding.encode(params);
        log.debug("starting authorization-code flow");
        return redirect(location, List.of(new Header("Set-Cookie", stateCookie(cookie, config.stateLifetime().toSeconds()))));
    }

    private LoginResponse callback(LoginRequest request) {
        if (!request.method().equals("GET")) {
            return methodNotAllowed("GET");
        }
        List<Header> clear = List.of(new Header("Set-Cookie", stateCookie("", 0)));
        Map<String, List<String>> query = request.queryParameters();
        if (query.containsKey("error")) {
            log.debug("hosted UI returned an error to the callback");
            return error(400, "Sign-in was not completed at the hosted UI.", clear);
        }
        String code = single(query, "code");
        String state = single(query, "state");
        if (code.isEmpty() || state.isEmpty()) {
            return error(400, "The callback needs code and state parameters.", clear);
        }
        Optional<String> cookie = request.cookie(config.stateCookieName());
        if (cookie.isEmpty()) {
            return error(400, "No sign-in in progress in this browser (login state cookie missing); start again.", clear);
        }
        Optional<LoginState> saved = LoginState.decode(cookie.get(), stateKey);
        if (saved.isEmpty()) {
            return error(400, "The login state cookie is invalid; start again.", clear);
        }
        if (!config.clock().instant().isBefore(saved.get().expiresAt())) {
            return error(400, "The sign-in took too long (login state expired); start again.", clear);
        }
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                saved.get().state().getBytes(StandardCharsets.UTF_8))) {
            return error(400, "The state parameter does not match this browser's sign-in.", clear);
        }
        String idToken;
        try {
            idToken = tokenEndpoint.exchange(code, config.redirectUri().toString(), saved.get().verifier());
        } catch (TokenEndpointException e) {
            log.debug("token exchange failed: {}", e.getMessage());
            if (e.refused()) {
                return error(400, "The authorization code was refused by the token endpoint; start again.", clear);
            }
            return error(502, "The token endpoint failed; try again later.", clear);
        }
        return signIn(idToken, saved.get().redirect(), clear);
    }

    private LoginResponse logout(LoginRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("POST")) {
            return methodNotAllowed("GET, POST");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", config.clientId());
        params.put("logout_uri", config.logoutUri().toString());
        List<Header> cookies = new ArrayList<>();
        for (String header : config.cookieFactory().clearCookieHeaders()) {
            cookies.add(new Header("Set-Cookie", header));
        }
        log.debug("signing out");
        return redirect(config.logoutEndpoint() + "?" + FormEncoding.encode(params), cookies);
    }

    private LoginResponse signIn(String idToken, String redirect, List<Header> extra) {
        CognitoToken token;
        try {
            token = config.verifier().verify(idToken);
        } catch (TokenRejectedException e) {
            log.debug("token rejected: {}", e.reason());
            if (e.reason() == TokenRejectedException.Reason.JWKS_UNAVAILABLE) {
                return error(503, "Token keys are unavailable; try again later.", extra);
            }
            return error(401, "Token rejected (" + e.reason() + ").", extra);
        }
        Policy policy = Policy.builder()
                .resource(config.resource())
                .expiresAt(config.clock().instant().plus(config.cookieLifetime()))
                .build();
        SignedCookies cookies;
        try {
            cookies = config.cookieFactory().create(policy);
        } catch (KeySourceException e) {
            // Only before any key has loaded: a failed refresh keeps signing with the last good key.
            log.warn("no CloudFront signing key yet: {} ({})", e.reason(), e.getMessage());
            return error(503, "Signing key unavailable; try again later.", extra);
        } catch (CloudFrontException e) {
            if (e.reason() != CloudFrontException.Reason.SIGNER_UNAVAILABLE) {
                throw e;
            }
            log.warn("remote signer unavailable: {}", e.getMessage());
            return error(503, "Signing is unavailable; try again later.", extra);
        }
        List<Header> headers = new ArrayList<>(extra);
        for (String header : cookies.setCookieHeaders()) {
            headers.add(new Header("Set-Cookie", header));
        }
        log.debug("signed in sub={}", token.subject());
        return redirect(redirect, headers);
    }

    private String redirectTarget(Map<String, List<String>> query, Map<String, List<String>> form) {
        String target = single(form.containsKey("redirect") ? form : query, "redirect");
        if (target.isEmpty()) {
            return config.startPath();
        }
        Optional<String> problem = RedirectTargets.problem(target);
        if (problem.isPresent()) {
            throw new BadRequest("Refused redirect: " + problem.get() + ".");
        }
        return target;
    }

    /** Returns the one value of a parameter, empty when absent; a repeated parameter is refused. */
    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new BadRequest("Parameter " + name + " must not repeat.");
        }
        return values.isEmpty() ? "" : values.get(0);
    }

    private String stateCookie(String value, long maxAgeSeconds) {
        StringBuilder b = new StringBuilder(config.stateCookieName()).append('=').append(value)
                .append("; Path=").append(config.loginPath())
                .append("; Max-Age=").append(maxAgeSeconds);
        if (maxAgeSeconds == 0) {
            b.append("; Expires=").append(EXPIRED_COOKIE_DATE);
        }
        b.append("; HttpOnly; SameSite=Lax");
        if (config.secureCookies()) {
            b.append("; Secure");
        }
        return b.toString();
    }

    private static LoginResponse redirect(String location, List<Header> extra) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Location", location));
        headers.add(new Header("Cache-Control", "no-store"));
        // The login URL may carry a token (implicit flow); keep it out of the next page's Referer.
        headers.add(new Header("Referrer-Policy", "no-referrer"));
        headers.addAll(extra);
        return new LoginResponse(302, headers, "");
    }

    private static LoginResponse methodNotAllowed(String allow) {
        List<Header> headers = new ArrayList<>(errorHeaders());
        headers.add(new Header("Allow", allow));
        return new LoginResponse(405, headers, "Method not allowed.\n");
    }

    /** An error answer: status, a one-line text body (safe to send back) and the headers every error carries. */
    static LoginResponse error(int status, String message) {
        return error(status, message, List.of());
    }

    private static LoginResponse error(int status, String message, List<Header> extra) {
        List<Header> headers = new ArrayList<>(errorHeaders());
        headers.addAll(extra);
        return new LoginResponse(status, headers, message + "\n");
    }

    private static List<Header> errorHeaders() {
        return List.of(new Header("Content-Type", "text/plain; charset=utf-8"),
                new Header("Cache-Control", "no-store"),
                new Header("Referrer-Policy", "no-referrer"),
                new Header("X-Content-Type-Options", "nosniff"));
    }

    /** A request the endpoint refuses with 400; the message is safe to send back. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "LoginHandler[" + config + "]";
    }
}
