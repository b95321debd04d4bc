package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for an Amazon Cognito user pool and its hosted UI (managed login).
 *
 * <p>One HTTP server plays both of Cognito's hosts: the hosted-UI domain
 * ({@code /oauth2/authorize}, {@code /login}, {@code /oauth2/token}, {@code /oauth2/userInfo},
 * {@code /logout}) and the issuer ({@code /{userPoolId}/.well-known/jwks.json} and
 * {@code /{userPoolId}/.well-known/openid-configuration}). The issuer is
 * {@code http://127.0.0.1:{port}/{userPoolId}}, which edgepass's verifier accepts through
 * {@code .issuer(URI)} because it is a loopback address.
 *
 * <p>Tokens are RS256, signed with keys generated at start-up (one for ID tokens, another for
 * access tokens, as Cognito does), with the claims Cognito puts in its ID and access tokens.
 * Thread-safe.
 */
final class CognitoStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CognitoStandIn.class);

    /** Cognito's authorization codes are single use and expire after five minutes. */
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Set<String> ALLOWED_SCOPES = Set.of("openid", "email", "profile");

    private final String userPoolId;
    private final String clientId;
    private final DemoUser user;
    private final String userSub = UUID.randomUUID().toString();
    private final Set<String> callbackUrls;
    private final Set<String> signOutUrls;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RsaJsonWebKey idTokenKey;
    private final RsaJsonWebKey accessTokenKey;
    private final String jwksJson;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final URI baseUri;
    private final String loginPage = Exchanges.resourceText("cognito/login.html");

    private record PendingCode(String redirectUri, String codeChallenge, Set<String> scopes, String nonce,
            Instant authTime, Instant expiresAt) {
    }

    private record AuthorizeRequest(String responseType, String redirectUri, String state, Set<String> scopes,
            String codeChallenge, String nonce) {
    }

    /** Thrown for a request the hosted UI answers with an error page instead of a redirect. */
    private static final class ErrorPage extends Exception {
        private static final long serialVersionUID = 1L;

        ErrorPage(String message) {
            super(message, null, false, false);
        }
    }

    CognitoStandIn(int port, String userPoolId, String clientId, DemoUser user, Set<String> callbackUrls,
            Set<String> signOutUrls, Clock clock) {
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        this.user = user;
        this.callbackUrls = Set.copyOf(callbackUrls);
        this.signOutUrls = Set.copyOf(signOutUrls);
        this.clock = clock;
        try {
            this.idTokenKey = generateKey();
            this.accessTokenKey = generateKey();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate the Cognito stand-in's RSA keys", e);
        }
        this.jwksJson = new JsonWebKeySet(idTokenKey, accessTokenKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        this.server = Exchanges.loopbackServer(port, "cognito");
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/", this::route);
        server.start();
        log.debug("Cognito stand-in listening on {}", baseUri);
    }

    /** The hosted-UI base URL, e.g. {@code http://127.0.0.1:41234}. */
    URI hostedUi() {
        return baseUri;
    }

    /** The issuer ({@code iss} claim): {@code http://127.0.0.1:{port}/{userPoolId}}. */
    URI issuer() {
        return URI.create(baseUri + "/" + userPoolId);
    }

    private RsaJsonWebKey generateKey() throws JoseException {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        byte[] kid = new byte[32];
        random.nextBytes(kid);
        // Cognito's key ids are standard base64 of 32 bytes, e.g. "abcd...=".
        key.setKeyId(Base64.getEncoder().encodeToString(kid));
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        return key;
    }

    @Override
    public void close() {
        Exchanges.stop(server);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String wellKnown = "/" + userPoolId + "/.well-known/";
            if (path.equals(wellKnown + "jwks.json") && isGet(method)) {
                Exchanges.send(exchange, 200, "application/json", jwksJson);
            } else if (path.equals(wellKnown + "openid-configuration") && isGet(method)) {
                Exchanges.send(exchange, 200, "application/json", discovery());
            } else if (path.equals("/oauth2/authorize") && isGet(method)) {
                authorize(exchange);
            } else if (path.equals("/login") && isGet(method)) {
                showLogin(exchange, Exchanges.parseForm(Exchanges.rawQuery(exchange)), null);
            } else if (path.equals("/login") && method.equals("POST")) {
                signIn(exchange);
            } else if (path.equals("/oauth2/token") && method.equals("POST")) {
                token(exchange);
            } else if (path.equals("/oauth2/userInfo") && isGet(method)) {
                userInfo(exchange);
            } else if (path.equals("/logout") && isGet(method)) {
                logout(exchange);
            } else {
                Exchanges.send(exchange, 404, "text/plain; charset=utf-8", "Not found");
            }
        } catch (RuntimeException e) {
            log.warn("Cognito stand-in failed on {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);
            Exchanges.send(exchange, 500, "text/plain; charset=utf-8", "Internal error");
        }
    }

    private static boolean isGet(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private String discovery() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("authorization_endpoint", baseUri + "/oauth2/authorize");
        doc.put("end_session_endpoint", baseUri + "/logout");
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("issuer", issuer().toString());
        doc.put("jwks_uri", issuer() + "/.well-known/jwks.json");
        doc.put("response_types_supported", List.of("code", "token"));
        doc.put("scopes_supported", List.of("openid", "email", "profile"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("token_endpoint", baseUri + "/oauth2/token");
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        doc.put("userinfo_endpoint", baseUri + "/oauth2/userInfo");
        return JsonUtil.toJson(doc);
    }

    // ---- hosted UI ---------------------------------------------------------------------------

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> params = Exchanges.parseForm(Exchanges.rawQuery(exchange));
        try {
            parseAuthorize(params);
        } catch (ErrorPage e) {
            errorPage(exchange, e.getMessage());
            return;
        }
        // Cognito sends the browser on to its sign-in page with the same parameters.
        Exchanges.redirect(exchange, baseUri + "/login?" + Exchanges.rawQuery(exchange));
    }

    private AuthorizeRequest parseAuthorize(Map<String, String> params) throws ErrorPage {
        if (!clientId.equals(params.get("client_id"))) {
            throw new ErrorPage("invalid_request: unknown client_id");
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || !callbackUrls.contains(redirectUri)) {
            throw new ErrorPage("redirect_mismatch: redirect_uri is not an allowed callback URL of this app client");
        }
        String responseType = params.get("response_type");
        if (!"code".equals(responseType) && !"token".equals(responseType)) {
            throw new ErrorPage("unsupported_response_type: expected 'code' or 'token'");
        }
        String challenge = params.get("code_challenge");
        if (challenge != null && !"S256".equals(params.get("code_challenge_method"))) {
            throw new ErrorPage("invalid_request: code_challenge_method must be S256");
        }
        if (challenge != null && !challenge.matches("[A-Za-z0-9_-]{43}")) {
            throw new ErrorPage("invalid_request: code_challenge is not a base64url SHA-256 digest");
        }
        Set<String> scopes = new LinkedHashSet<>();
        String requested = params.get("scope");
        if (requested == null || requested.isBlank()) {
            scopes.addAll(List.of("openid", "email", "profile"));
        } else {
            for (String scope : requested.trim().split("[ +]+")) {
                if (!ALLOWED_SCOPES.contains(scope)) {
                    throw new ErrorPage("invalid_scope: this app client allows openid, email and profile");
                }
                scopes.add(scope);
            }
        }
        return new AuthorizeRequest(responseType, redirectUri, params.get("state"), scopes, challenge,
                params.get("nonce"));
    }

    private void showLogin(HttpExchange exchange, Map<String, String> params, String error) throws IOException {
        try {
            parseAuthorize(params);
        } catch (ErrorPage e) {
            errorPage(exchange, e.getMessage());
            return;
        }
        String page = loginPage
                .replace("{{action}}", Exchanges.html("/login?" + Exchanges.form(params)))
                .replace("{{error}}", error == null ? "" : "<p class=\"error\" id=\"loginErrorMessage\">"
                        + Exchanges.html(error) + "</p>");
        Exchanges.send(exchange, 200, "text/html; charset=utf-8", page);
    }

    private void signIn(HttpExchange exchange) throws IOException {
        Map<String, String> params = Exchanges.parseForm(Exchanges.rawQuery(exchange));
        Optional<byte[]> body = Exchanges.readBodyOrRefuse(exchange, "Cognito stand-in");
        if (body.isEmpty()) {
            return;
        }
        Map<String, String> form = Exchanges.parseForm(new String(body.get(), StandardCharsets.UTF_8));
        AuthorizeRequest request;
        try {
            request = parseAuthorize(params);
        } catch (ErrorPage e) {
            errorPage(exchange, e.getMessage());
            return;
        }
        if (!credentialsMatch(form.get("username"), form.get("password"))) {
            log.info("Cognito stand-in: sign-in refused (wrong user name or password)");
            showLogin(exchange, params, "Incorrect username or password.");
            return;
        }
        Instant now = clock.instant();
        Map<String, String> answer = new LinkedHashMap<>();
        if (request.responseType().equals("code")) {
            String code = UUID.randomUUID().toString();
            codes.put(code, new PendingCode(request.redirectUri(), request.codeChallenge(), request.scopes(),
                    request.nonce(), now, now.plus(CODE_LIFETIME)));
            answer.put("code", code);
            answer.put("state", request.state());
            log.info("Cognito stand-in: {} signed in, authorization code issued", user.username());
            Exchanges.redirect(exchange, request.redirectUri() + "?" + Exchanges.form(answer));
        } else {
            // Implicit grant (the article's flow): tokens travel in the URL fragment.
            Tokens tokens = mint(request.scopes(), request.nonce(), now);
            answer.put("id_token", tokens.idToken());
            answer.put("access_token", tokens.accessToken());
            answer.put("expires_in", Long.toString(TOKEN_LIFETIME.toSeconds()));
            answer.put("token_type", "Bearer");
            answer.put("state", request.state());
            log.info("Cognito stand-in: {} signed in, tokens issued (implicit grant)", user.username());
            Exchanges.redirect(exchange, request.redirectUri() + "#" + Exchanges.form(answer));
        }
    }

    private boolean credentialsMatch(String username, String password) {
        if (username == null || password == null) {
            return false;
        }
        boolean nameOk = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8),
                user.username().getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                user.password().getBytes(StandardCharsets.UTF_8));
        return nameOk & passwordOk;
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> params = Exchanges.parseForm(Exchanges.rawQuery(exchange));
        if (!clientId.equals(params.get("client_id"))) {
            errorPage(exchange, "invalid_request: unknown client_id");
            return;
        }
        String logoutUri = params.get("logout_uri");
        if (logoutUri == null || !signOutUrls.contains(logoutUri)) {
            errorPage(exchange, "invalid_request: logout_uri is not an allowed sign-out URL of this app client");
            return;
        }
        log.info("Cognito stand-in: signed out");
        Exchanges.redirect(exchange, logoutUri);
    }

    private void errorPage(HttpExchange exchange, String message) throws IOException {
        log.info("Cognito stand-in: {}", message);
        Exchanges.send(exchange, 400, "text/html; charset=utf-8",
                "<!doctype html><html><head><title>Error</title></head><body><h1>An error was encountered with the"
                        + " requested page.</h1><p id=\"errorMessage\">" + Exchanges.html(message)
                        + "</p></body></html>");
    }

    // ---- token endpoint ----------------------------------------------------------------------

    private void token(HttpExchange exchange) throws IOException {
        Optional<byte[]> requestBody = Exchanges.readBodyOrRefuse(exchange, "Cognito stand-in");
        if (requestBody.isEmpty()) {
            return;
        }
        Map<String, String> form = Exchanges.parseForm(new String(requestBody.get(), StandardCharsets.UTF_8));
        if (!"authorization_code".equals(form.get("grant_type"))) {
            tokenError(exchange, "unsupported_grant_type");
            return;
        }
        if (!clientId.equals(form.get("client_id"))) {
            tokenError(exchange, "invalid_client");
            return;
        }
        String code = form.get("code");
        PendingCode pending = code == null ? null : codes.remove(code);
        Instant now = clock.instant();
        if (pending == null || now.isAfter(pending.expiresAt())) {
            tokenError(exchange, "invalid_grant");
            return;
        }
        if (!pending.redirectUri().equals(form.get("redirect_uri"))) {
            tokenError(exchange, "invalid_grant");
            return;
        }
        if (pending.codeChallenge() != null && !pending.codeChallenge().equals(s256(form.get("code_verifier")))) {
            log.info("Cognito stand-in: token request refused (PKCE code_verifier does not match)");
            tokenError(exchange, "invalid_grant");
            return;
        }
        Tokens tokens = mint(pending.scopes(), pending.nonce(), pending.authTime());
        Map<String, Object> body = new LinkedHashMap<>();
        if (tokens.idToken() != null) {
            body.put("id_token", tokens.idToken());
        }
        body.put("access_token", tokens.accessToken());
        body.put("refresh_token", opaqueToken());
        body.put("expires_in", TOKEN_LIFETIME.toSeconds());
        body.put("token_type", "Bearer");
        log.info("Cognito stand-in: authorization code exchanged for tokens");
        Exchanges.send(exchange, 200, "application/json;charset=UTF-8", JsonUtil.toJson(body));
    }

    private static void tokenError(HttpExchange exchange, String error) throws IOException {
        Exchanges.send(exchange, 400, "application/json;charset=UTF-8", "{\"error\":\"" + error + "\"}");
    }

    /** BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 section 4.2; {@code null} for a missing verifier. */
    static String s256(String verifier) {
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private String opaqueToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void userInfo(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(accessTokenKey.getPublicKey())
                .setExpectedIssuer(issuer().toString())
                .setRequireExpirationTime()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(clock.millis()))
                .build();
        JwtClaims claims = null;
        if (authorization != null && authorization.startsWith("Bearer ")) {
            try {
                claims = consumer.processToClaims(authorization.substring("Bearer ".length()));
            } catch (InvalidJwtException e) {
                claims = null;
            }
        }
        if (claims == null || !"access".equals(claims.getClaimValue("token_use"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            Exchanges.send(exchange, 401, "application/json;charset=UTF-8", "{\"error\":\"invalid_token\"}");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", userSub);
        body.put("email_verified", "true");
        body.put("email", user.email());
        body.put("username", user.username());
        Exchanges.send(exchange, 200, "application/json;charset=UTF-8", JsonUtil.toJson(body));
    }

    // ---- tokens ------------------------------------------------------------------------------

    /** An access token and, when the {@code openid} scope was granted, an ID token. */
    record Tokens(String idToken, String accessToken) {
    }

    /**
     * Mints tokens for the demo user with the claims Cognito issues (see "Understanding the ID token"
     * and "Understanding the access token" in the Cognito developer guide), in Cognito's order.
     */
    Tokens mint(Set<String> scopes, String nonce, Instant authTime) {
        Instant now = clock.instant();
        long iat = now.getEpochSecond();
        long exp = now.plus(TOKEN_LIFETIME).getEpochSecond();
        // origin_jti and event_id tie the tokens of one authentication event together.
        String originJti = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();

        JwtClaims access = new JwtClaims();
        access.setClaim("sub", userSub);
        access.setStringListClaim("cognito:groups", new ArrayList<>(user.groups()));
        access.setClaim("iss", issuer().toString());
        access.setClaim("version", 2);
        access.setClaim("client_id", clientId);
        access.setClaim("origin_jti", originJti);
        access.setClaim("event_id", eventId);
        access.setClaim("token_use", "access");
        access.setClaim("scope", String.join(" ", scopes));
        access.setClaim("auth_time", authTime.getEpochSecond());
        access.setClaim("exp", exp);
        access.setClaim("iat", iat);
        access.setClaim("jti", UUID.randomUUID().toString());
        access.setClaim("username", user.username());
        String accessToken = sign(access, accessTokenKey);

        if (!scopes.contains("openid")) {
            return new Tokens(null, accessToken);
        }
        JwtClaims id = new JwtClaims();
        id.setClaim("at_hash", atHash(accessToken));
        id.setClaim("sub", userSub);
        id.setStringListClaim("cognito:groups", new ArrayList<>(user.groups()));
        id.setClaim("email_verified", true);
        id.setClaim("iss", issuer().toString());
        id.setClaim("cognito:username", user.username());
        if (nonce != null) {
            id.setClaim("nonce", nonce);
        }
        id.setClaim("origin_jti", originJti);
        id.setClaim("aud", clientId);
        id.setClaim("event_id", eventId);
        id.setClaim("token_use", "id");
        id.setClaim("auth_time", authTime.getEpochSecond());
        id.setClaim("exp", exp);
        id.setClaim("iat", iat);
        id.setClaim("jti", UUID.randomUUID().toString());
        id.setClaim("email", user.email());
        return new Tokens(sign(id, idTokenKey), accessToken);
    }

    /** OpenID Connect Core 3.1.3.6: the left half of SHA-256 of the access token, base64url. */
    private static String atHash(String accessToken) {
        byte[] digest = sha256(accessToken);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        // Cognito's header carries exactly kid and alg.
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
