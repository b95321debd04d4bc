package dev.edgepass.examples.login;

import dev.edgepass.cloudfront.CloudFrontException;
import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.RotatingSigner;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cognito.CognitoTokenVerifier;
import dev.edgepass.cognito.TokenUse;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.LambdaExtensionKeySource;
import dev.edgepass.core.PemKeys;
import dev.edgepass.core.RefreshingKeySource;
import dev.edgepass.core.SigningKey;
import dev.edgepass.core.SigningKeySource;
import dev.edgepass.examples.login.internal.AwsKeySources;
import dev.edgepass.examples.login.internal.HmacSha256;
import dev.edgepass.examples.login.internal.RedirectTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the login endpoint needs: who issues tokens, where the Cognito hosted UI lives, how to
 * sign the CloudFront cookies, and where to send the user.
 *
 * <pre>{@code
 * LoginConfig config = LoginConfig.builder()
 *         .userPoolId("eu-west-2_abc123")
 *         .clientId("app-client-id")
 *         .hostedUi(URI.create("https://auth.example.com"))
 *         .siteOrigin(URI.create("https://d111111abcdef8.cloudfront.net"))
 *         .cookieFactory(SignedCookieFactory.builder().signer(CloudFrontSigner.of("K2JCJMDEHXQW5F", key)).build())
 *         .build();
 * LoginHandler handler = LoginHandler.create(config);
 * }</pre>
 *
 * <p>Every setter checks its own argument; {@link Builder#build()} checks that the options fit
 * together, so bad configuration fails when the handler is built, never on the first request.
 * Immutable and thread-safe. {@link #toString()} shows no key material.
 */
public final class LoginConfig {

    /** Default login path: the CloudFront behavior that routes to this endpoint. */
    public static final String DEFAULT_LOGIN_PATH = "/private/login";
    /** Default callback path, under the login path so the state cookie reaches it. */
    public static final String DEFAULT_CALLBACK_PATH = "/private/login/callback";
    /** Default sign-out path. */
    public static final String DEFAULT_LOGOUT_PATH = "/private/logout";
    /** Default page the user lands on after login. */
    public static final String DEFAULT_START_PATH = "/private/app/index.html";
    /** Default lifetime of the CloudFront cookies' policy. */
    public static final Duration DEFAULT_COOKIE_LIFETIME = Duration.ofHours(1);
    /** Default time a user has to finish logging in at the hosted UI. */
    public static final Duration DEFAULT_STATE_LIFETIME = Duration.ofMinutes(10);
    /** Default deadline of a call to the token endpoint. */
    public static final Duration DEFAULT_TOKEN_ENDPOINT_TIMEOUT = Duration.ofSeconds(5);
    /** Default cap on the size of all request headers together, in bytes. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** Default cap on a request body, in bytes. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    /** Default name of the cookie that carries state and PKCE verifier between login and callback. */
    public static final String DEFAULT_STATE_COOKIE_NAME = "edgepass-login";
    /** Default refresh interval of a signing key read from AWS ({@code EDGEPASS_KEY_REFRESH}). */
    public static final Duration DEFAULT_KEY_REFRESH = Duration.ofMinutes(5);
    /** Default signature reuse window with a KMS key ({@code EDGEPASS_SIGNATURE_REUSE}). */
    public static final Duration DEFAULT_KMS_SIGNATURE_REUSE = Duration.ofMinutes(1);
    /** The values of {@code EDGEPASS_KEY_SOURCE}. */
    public static final List<String> KEY_SOURCES =
            List.of("pem", "secrets-extension", "parameter-extension", "secrets-manager", "ssm", "kms");

    private final CognitoTokenVerifier verifier;
    private final String clientId;
    private final String clientSecret;
    private final URI hostedUi;
    private final URI siteOrigin;
    private final URI redirectUri;
    private final URI logoutUri;
    private final SignedCookieFactory cookieFactory;
    private final String resource;
    private final Duration cookieLifetime;
    private final String startPath;
    private final boolean implicitFlow;
    private final Clock clock;
    private final String loginPath;
    private final String callbackPath;
    private final String logoutPath;
    private final List<String> scopes;
    private final byte[] stateKey;
    private final Duration stateLifetime;
    private final boolean secureCookies;
    private final String stateCookieName;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private final Duration tokenEndpointTimeout;
    private final RefreshingKeySource signingKeys;

    private LoginConfig(Builder b, CognitoTokenVerifier verifier, URI redirectUri, URI logoutUri, String resource,
            byte[] stateKey, boolean secureCookies) {
        this.verifier = verifier;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.hostedUi = b.hostedUi;
        this.siteOrigin = b.siteOrigin;
        this.redirectUri = redirectUri;
        this.logoutUri = logoutUri;
        this.cookieFactory = b.cookieFactory;
        this.resource = resource;
        this.cookieLifetime = b.cookieLifetime;
        this.startPath = b.startPath;
        this.implicitFlow = b.implicitFlow;
        this.clock = b.clock;
        this.loginPath = b.loginPath;
        this.callbackPath = b.callbackPath;
        this.logoutPath = b.logoutPath;
        this.scopes = List.copyOf(b.scopes);
        this.stateKey = stateKey;
        this.stateLifetime = b.stateLifetime;
        this.secureCookies = secureCookies;
        this.stateCookieName = b.stateCookieName;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxBodyBytes = b.maxBodyBytes;
        this.tokenEndpointTimeout = b.tokenEndpointTimeout;
        this.signingKeys = b.signingKeys;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a configuration from environment variables, as a Lambda function receives them.
     *
     * <table>
     * <caption>Environment variables</caption>
     * <tr><th>name</th><th>meaning</th><th>default</th></tr>
     * <tr><td>{@code EDGEPASS_USER_POOL_ID}</td><td>Cognito user pool id, {@code eu-west-2_abc123}</td><td>required unless {@code EDGEPASS_ISSUER}</td></tr>
     * <tr><td>{@code EDGEPASS_ISSUER}</td><td>token issuer URL (local stand-ins)</td><td>derived from the pool</td></tr>
     * <tr><td>{@code EDGEPASS_CLIENT_ID}</td><td>app client id</td><td>required</td></tr>
     * <tr><td>{@code EDGEPASS_CLIENT_SECRET}</td><td>app client secret</td><td>none (public client)</td></tr>
     * <tr><td>{@code EDGEPASS_JWKS_JSON} / {@code EDGEPASS_JWKS_FILE}</td><td>the pool's JWKS shipped with the deployment</td><td>fetched on first use</td></tr>
     * <tr><td>{@code EDGEPASS_HOSTED_UI}</td><td>hosted UI base URL</td><td>required</td></tr>
     * <tr><td>{@code EDGEPASS_SITE_ORIGIN}</td><td>public origin, {@code https://d111111abcdef8.cloudfront.net}</td><td>required</td></tr>
     * <tr><td>{@code EDGEPASS_REDIRECT_URI}</td><td>callback URL registered with the app client</td><td>origin + callback path</td></tr>
     * <tr><td>{@code EDGEPASS_LOGOUT_URI}</td><td>sign-out URL registered with the app client</td><td>origin + {@code /}</td></tr>
     * <tr><td>{@code EDGEPASS_KEY_SOURCE}</td><td>where the signing key lives: {@code pem}, {@code secrets-extension},
     *     {@code parameter-extension}, {@code secrets-manager}, {@code ssm} or {@code kms}</td><td>{@code pem}</td></tr>
     * <tr><td>{@code EDGEPASS_KEY_PAIR_ID}</td><td>CloudFront public key id</td><td>required for {@code pem} and {@code kms}</td></tr>
     * <tr><td>{@code EDGEPASS_PRIVATE_KEY_PEM} / {@code EDGEPASS_PRIVATE_KEY_FILE}</td><td>the matching private key ({@code pem}, the local demo)</td><td>one required</td></tr>
     * <tr><td>{@code EDGEPASS_KEY_SECRET_ID}</td><td>Secrets Manager secret holding {@code {"keyPairId","privateKey"}}</td><td>required for {@code secrets-*}</td></tr>
     * <tr><td>{@code EDGEPASS_KEY_PARAMETER_NAME}</td><td>SSM parameter holding the same JSON</td><td>required for {@code parameter-extension}, {@code ssm}</td></tr>
     * <tr><td>{@code EDGEPASS_KMS_KEY_ID}</td><td>KMS asymmetric signing key (id, ARN or alias)</td><td>required for {@code kms}</td></tr>
     * <tr><td>{@code EDGEPASS_KMS_KEY_SPEC}</td><td>expected spec, such as {@code RSA_2048}</td><td>the key's own, if CloudFront can use it</td></tr>
     * <tr><td>{@code EDGEPASS_KEY_REFRESH}</td><td>ISO-8601 refresh interval of a key read from AWS</td><td>{@code PT5M}</td></tr>
     * <tr><td>{@code EDGEPASS_SIGNATURE_REUSE}</td><td>ISO-8601 signature reuse window, or {@code off}</td><td>{@code PT1M} with {@code kms}, else off</td></tr>
     * <tr><td>{@code EDGEPASS_AWS_ENDPOINT}</td><td>endpoint override of the SDK clients (local stand-ins)</td><td>none</td></tr>
     * <tr><td>{@code EDGEPASS_HASH_ALGORITHM}</td><td>{@code SHA1} or {@code SHA256}</td><td>{@code SHA1}; {@code SHA256} with {@code kms}</td></tr>
     * <tr><td>{@code EDGEPASS_RESOURCE}</td><td>policy resource</td><td>origin + {@code /private/app/*}</td></tr>
     * <tr><td>{@code EDGEPASS_COOKIE_LIFETIME}</td><td>ISO-8601 duration</td><td>{@code PT1H}</td></tr>
     * <tr><td>{@code EDGEPASS_COOKIE_DOMAIN}</td><td>{@code Domain} of the CloudFront cookies</td><td>host-only</td></tr>
     * <tr><td>{@code EDGEPASS_START_PATH}</td><td>landing page after login</td><td>{@code /private/app/index.html}</td></tr>
     * <tr><td>{@code EDGEPASS_IMPLICIT_FLOW}</td><td>accept a token passed in ({@code true}/{@code false})</td><td>{@code false}</td></tr>
     * <tr><td>{@code EDGEPASS_SCOPES}</td><td>space-separated scopes</td><td>{@code openid}</td></tr>
     * <tr><td>{@code EDGEPASS_STATE_KEY}</td><td>base64 HMAC key (32+ bytes) for the login-state cookie</td><td>derived from the
     *     private key loaded at start-up, or with an RSA {@code kms} key from one KMS signature of a fixed label; required
     *     with an EC {@code kms} key</td></tr>
     * <tr><td>{@code EDGEPASS_SECURE_COOKIES}</td><td>{@code Secure} on every cookie</td><td>true for an https origin</td></tr>
     * <tr><td>{@code EDGEPASS_LOGIN_PATH}, {@code EDGEPASS_CALLBACK_PATH}, {@code EDGEPASS_LOGOUT_PATH}</td><td>routes</td><td>see constants</td></tr>
     * </table>
     *
     * @param env the environment, usually {@code System.getenv()}
     * @return the configuration
     * @throws NullPointerException     if {@code env} is null
     * @throws IllegalArgumentException if a variable is missing or malformed (the message names it)
     * @throws KeySourceException       if the signing key cannot be loaded from AWS at start-up
     * @throws CloudFrontException      if KMS refuses the start-up signature that the login-state key
     *                                  is derived from (RSA {@code kms} key without {@code EDGEPASS_STATE_KEY})
     * @throws IllegalStateException    if an SDK key source is configured without {@code edgepass-aws}
     *                                  and the AWS SDK on the class path
     */
    public static LoginConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, Clock.systemUTC());
    }

    /**
     * Builds a configuration from environment variables, like {@link #fromEnvironment(Map)}, with
     * the given clock (tests, replays).
     *
     * @param env   the environment
     * @param clock the clock for token, cookie and state expiry
     * @return the configuration
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a variable is missing or malformed (the message names it)
     * @throws KeySourceException       if the signing key cannot be loaded from AWS at start-up
     * @throws CloudFrontException      if KMS refuses the start-up signature that the login-state key
     *                                  is derived from (RSA {@code kms} key without {@code EDGEPASS_STATE_KEY})
     * @throws IllegalStateException    if an SDK key source is configured without {@code edgepass-aws}
     *                                  and the AWS SDK on the class path
     */
    public static LoginConfig fromEnvironment(Map<String, String> env, Clock clock) {
        Objects.requireNonNull(env, "env");
        // Plain null checks, not Optional and lambdas: this runs in every Lambda cold start, where
        // each lambda is a class spun at run time.
        Builder b = builder().clock(clock);
        String clientId = required(env, "EDGEPASS_CLIENT_ID");
        b.clientId(clientId);
        String clientSecret = value(env, "EDGEPASS_CLIENT_SECRET");
        if (clientSecret != null) {
            b.clientSecret(clientSecret);
        }
        b.hostedUi(uri("EDGEPASS_HOSTED_UI", required(env, "EDGEPASS_HOSTED_UI")));
        URI origin = uri("EDGEPASS_SITE_ORIGIN", required(env, "EDGEPASS_SITE_ORIGIN"));
        b.siteOrigin(origin);
        String redirectUri = value(env, "EDGEPASS_REDIRECT_URI");
        if (redirectUri != null) {
            b.redirectUri(uri("EDGEPASS_REDIRECT_URI", redirectUri));
        }
        String logoutUri = value(env, "EDGEPASS_LOGOUT_URI");
        if (logoutUri != null) {
            b.logoutUri(uri("EDGEPASS_LOGOUT_URI", logoutUri));
        }
        String userPoolId = value(env, "EDGEPASS_USER_POOL_ID");
        if (userPoolId != null) {
            b.userPoolId(userPoolId);
        }
        String issuer = value(env, "EDGEPASS_ISSUER");
        if (issuer != null) {
            b.issuer(uri("EDGEPASS_ISSUER", issuer));
        }
        String jwks = value(env, "EDGEPASS_JWKS_JSON");
        String jwksFile = value(env, "EDGEPASS_JWKS_FILE");
        if (jwks == null && jwksFile != null) {
            jwks = read("EDGEPASS_JWKS_FILE", jwksFile);
        }
        if (jwks != null) {
            b.jwks(jwks);
        }

        String secureCookies = value(env, "EDGEPASS_SECURE_COOKIES");
        boolean secure = secureCookies == null ? "https".equalsIgnoreCase(origin.getScheme())
                : bool("EDGEPASS_SECURE_COOKIES", secureCookies);
        b.secureCookies(secure);
        SignedCookieFactory.Builder cookies = SignedCookieFactory.builder().clock(clock).secure(secure);
        byte[] stateKeyMaterial = signingKey(env, clock, cookies, b);
        String cookieDomain = value(env, "EDGEPASS_COOKIE_DOMAIN");
        if (cookieDomain != null) {
            cookies.domain(cookieDomain);
        }
        b.cookieFactory(cookies.build());

        String resource = value(env, "EDGEPASS_RESOURCE");
        if (resource != null) {
            b.resource(resource);
        }
        String cookieLifetime = value(env, "EDGEPASS_COOKIE_LIFETIME");
        if (cookieLifetime != null) {
            b.cookieLifetime(duration("EDGEPASS_COOKIE_LIFETIME", cookieLifetime));
        }
        String startPath = value(env, "EDGEPASS_START_PATH");
        if (startPath != null) {
            b.startPath(startPath);
        }
        String implicitFlow = value(env, "EDGEPASS_IMPLICIT_FLOW");
        if (implicitFlow != null) {
            b.implicitFlow(bool("EDGEPASS_IMPLICIT_FLOW", implicitFlow));
        }
        String scopes = value(env, "EDGEPASS_SCOPES");
        if (scopes != null) {
            b.scopes(words(scopes));
        }
        String loginPath = value(env, "EDGEPASS_LOGIN_PATH");
        if (loginPath != null) {
            b.loginPath(loginPath);
        }
        String callbackPath = value(env, "EDGEPASS_CALLBACK_PATH");
        if (callbackPath != null) {
            b.callbackPath(callbackPath);
        }
        String logoutPath = value(env, "EDGEPASS_LOGOUT_PATH");
        if (logoutPath != null) {
            b.logoutPath(logoutPath);
        }
        String stateKey = value(env, "EDGEPASS_STATE_KEY");
        if (stateKey != null) {
            try {
                b.stateKey(Base64.getDecoder().decode(stateKey));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EDGEPASS_STATE_KEY must be base64", e);
            }
        } else if (stateKeyMaterial != null) {
            // Every instance holding the CloudFront key derives the same state key, so a login
            // started on one Lambda instance can finish on another without extra configuration.
            // A rotating key is pinned at start-up: see the README on rotation and login state.
            b.stateKey(derive(stateKeyMaterial));
        }
        return b.build();
    }

    /**
     * Configures the cookie factory's signer from {@code EDGEPASS_KEY_SOURCE} (and, for a rotating
     * key, the configuration's {@code signingKeys}) and returns the key material the state key may be
     * derived from: the private key, or with KMS one signature of a fixed label; null with KMS when
     * {@code EDGEPASS_STATE_KEY} is given.
     */
    private static byte[] signingKey(Map<String, String> env, Clock clock, SignedCookieFactory.Builder cookies, Builder config) {
        String kindName = value(env, "EDGEPASS_KEY_SOURCE");
        String kind = kindName == null ? "pem" : kindName.toLowerCase(Locale.ROOT);
        if (!KEY_SOURCES.contains(kind)) {
            throw new IllegalArgumentException("EDGEPASS_KEY_SOURCE must be one of " + String.join(", ", KEY_SOURCES)
                    + ", was " + kind);
        }
        String hashName = value(env, "EDGEPASS_HASH_ALGORITHM");
        HashAlgorithm hashSet = hashName == null ? null : enumValue("EDGEPASS_HASH_ALGORITHM", hashName);
        HashAlgorithm hash = hashSet == null ? HashAlgorithm.SHA1 : hashSet;
        String reuseValue = value(env, "EDGEPASS_SIGNATURE_REUSE");
        Duration reuseWindow = reuseValue == null ? (kind.equals("kms") ? DEFAULT_KMS_SIGNATURE_REUSE : Duration.ZERO)
                : "off".equalsIgnoreCase(reuseValue) ? Duration.ZERO : duration("EDGEPASS_SIGNATURE_REUSE", reuseValue);
        if (!reuseWindow.isZero()) {
            try {
                cookies.reuseSignatures(reuseWindow);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EDGEPASS_SIGNATURE_REUSE must be off or between PT1S and P1D, was "
                        + reuseWindow, e);
            }
        }
        if (kind.equals("pem")) {
            String keyPairId = required(env, "EDGEPASS_KEY_PAIR_ID");
            String pem = value(env, "EDGEPASS_PRIVATE_KEY_PEM");
            String pemFile = value(env, "EDGEPASS_PRIVATE_KEY_FILE");
            if (pem == null && pemFile != null) {
                pem = read("EDGEPASS_PRIVATE_KEY_FILE", pemFile);
            }
            if (pem == null) {
                throw new IllegalArgumentException("EDGEPASS_PRIVATE_KEY_PEM or EDGEPASS_PRIVATE_KEY_FILE must be set");
            }
            PrivateKey key = PemKeys.privateKey(pem);
            cookies.signer(CloudFrontSigner.of(keyPairId, key, hash));
            return key.getEncoded();
        }
        if (kind.equals("kms")) {
            if (hashSet != null && hashSet != HashAlgorithm.SHA256) {
                throw new IllegalArgumentException("EDGEPASS_HASH_ALGORITHM must be SHA256 (or unset) with EDGEPASS_KEY_SOURCE=kms:"
                        + " KMS has no SHA-1 signing algorithm, was " + hashSet);
            }
            CloudFrontSigner kms = AwsKeySources.kmsSigner(env, required(env, "EDGEPASS_KMS_KEY_ID"),
                    required(env, "EDGEPASS_KEY_PAIR_ID"), value(env, "EDGEPASS_KMS_KEY_SPEC"));
            cookies.signer(kms);
            if (value(env, "EDGEPASS_STATE_KEY") != null) {
                return null;
            }
            if (!kms.keyAlgorithm().equals("RSA")) {
                throw new IllegalArgumentException("EDGEPASS_STATE_KEY must be set with an EC key in KMS: ECDSA signatures are"
                        + " randomised, so the login-state key cannot be derived from one (base64, 32 bytes or more)");
            }
            // RSASSA-PKCS1-v1_5 is deterministic: every instance that may sign with the key gets the
            // same signature of this label, and nobody else can compute it. The label is no policy
            // statement, so this signature never appears in a cookie. One Sign at start-up.
            return kms.sign(STATE_KEY_LABEL);
        }
        String refreshValue = value(env, "EDGEPASS_KEY_REFRESH");
        Duration refresh = refreshValue == null ? DEFAULT_KEY_REFRESH : duration("EDGEPASS_KEY_REFRESH", refreshValue);
        SigningKeySource source = switch (kind) {
            case "secrets-extension" -> LambdaExtensionKeySource.secretsManager(required(env, "EDGEPASS_KEY_SECRET_ID"))
                    .environment(env).build();
            case "parameter-extension" -> LambdaExtensionKeySource.parameterStore(required(env, "EDGEPASS_KEY_PARAMETER_NAME"))
                    .environment(env).build();
            case "secrets-manager" -> AwsKeySources.secretsManager(env, required(env, "EDGEPASS_KEY_SECRET_ID"));
            default -> AwsKeySources.parameterStore(env, required(env, "EDGEPASS_KEY_PARAMETER_NAME"));
        };
        RefreshingKeySource keys;
        try {
            keys = RefreshingKeySource.builder(source).refreshAfter(refresh).clock(clock).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EDGEPASS_KEY_REFRESH must be between PT1S and P1D, was " + refresh, e);
        }
        SigningKey first = loadAtStartUp(keys);
        cookies.signers(RotatingSigner.of(keys, hash));
        config.signingKeys(keys);
        return first.privateKey().getEncoded();
    }

    /**
     * Loads the first key during start-up, so that a wrong secret name, a missing permission or a
     * malformed secret fails the function's init with a clear message. The Lambda extension may not
     * serve yet in the first moments of init, so answers that a retry may cure are retried for a
     * couple of seconds.
     */
    private static SigningKey loadAtStartUp(RefreshingKeySource keys) {
        long deadline = System.nanoTime() + STARTUP_KEY_WAIT.toNanos();
        while (true) {
            try {
                return keys.refresh();
            } catch (KeySourceException e) {
                if (!e.reason().isTransient() || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(STARTUP_KEY_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the signing key", e);
            }
        }
    }

    private static final Duration STARTUP_KEY_WAIT = Duration.ofSeconds(2);
    private static final Duration STARTUP_KEY_RETRY = Duration.ofMillis(100);
    private static final byte[] STATE_KEY_LABEL = "edgepass login state v1".getBytes(StandardCharsets.US_ASCII);

    /** Returns the verifier of ID tokens. */
    public CognitoTokenVerifier verifier() {
        return verifier;
    }

    /** Returns the app client id. */
    public String clientId() {
        return clientId;
    }

    /** Returns the app client secret, if the client is confidential. */
    public Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /** Returns the hosted UI base URI. */
    public URI hostedUi() {
        return hostedUi;
    }

    /** Returns {@code {hostedUi}/oauth2/authorize}. */
    public URI authorizeEndpoint() {
        return endpoint("/oauth2/authorize");
    }

    /** Returns {@code {hostedUi}/oauth2/token}. */
    public URI tokenEndpoint() {
        return endpoint("/oauth2/token");
    }

    /** Returns {@code {hostedUi}/logout}. */
    public URI logoutEndpoint() {
        return endpoint("/logout");
    }

    /** Returns the public site origin. */
    public URI siteOrigin() {
        return siteOrigin;
    }

    /** Returns the callback URI sent as {@code redirect_uri}. */
    public URI redirectUri() {
        return redirectUri;
    }

    /** Returns the URI Cognito sends the user to after sign-out. */
    public URI logoutUri() {
        return logoutUri;
    }

    /** Returns the factory of CloudFront signed cookies. */
    public SignedCookieFactory cookieFactory() {
        return cookieFactory;
    }

    /** Returns the policy resource, such as {@code https://host/private/app/*}. */
    public String resource() {
        return resource;
    }

    /** Returns how long the CloudFront cookies' policy stays valid. */
    public Duration cookieLifetime() {
        return cookieLifetime;
    }

    /** Returns the path the user lands on after login. */
    public String startPath() {
        return startPath;
    }

    /** Returns whether a token passed in (Bearer, form or query {@code id_token}) is accepted. */
    public boolean implicitFlow() {
        return implicitFlow;
    }

    /** Returns the clock. */
    public Clock clock() {
        return clock;
    }

    /** Returns the login path. */
    public String loginPath() {
        return loginPath;
    }

    /** Returns the callback path. */
    public String callbackPath() {
        return callbackPath;
    }

    /** Returns the sign-out path. */
    public String logoutPath() {
        return logoutPath;
    }

    /** Returns the OAuth2 scopes requested. */
    public List<String> scopes() {
        return scopes;
    }

    /** Returns a copy of the HMAC key of the login-state cookie. */
    public byte[] stateKey() {
        return stateKey.clone();
    }

    /** Returns how long a user has to finish at the hosted UI. */
    public Duration stateLifetime() {
        return stateLifetime;
    }

    /** Returns whether the login-state cookie carries {@code Secure}. */
    public boolean secureCookies() {
        return secureCookies;
    }

    /** Returns the name of the login-state cookie. */
    public String stateCookieName() {
        return stateCookieName;
    }

    /** Returns the cap on all request headers together, in bytes. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Returns the cap on a request body, in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Returns the deadline of one token-endpoint call. */
    public Duration tokenEndpointTimeout() {
        return tokenEndpointTimeout;
    }

    /**
     * Returns the refreshing source behind the cookie signer, when the CloudFront key is read from
     * a secret or parameter ({@code EDGEPASS_KEY_SOURCE} {@code secrets-extension},
     * {@code parameter-extension}, {@code secrets-manager} or {@code ssm}, or
     * {@link Builder#signingKeys}); empty for a fixed PEM key or a KMS signer. The SnapStart hooks
     * of the Lambda example use it to refresh the key after restoring an old snapshot.
     *
     * @return the key source, if the key rotates
     */
    public Optional<RefreshingKeySource> signingKeys() {
        return Optional.ofNullable(signingKeys);
    }

    /** Shows the routes and endpoints; no key, secret or cookie. */
    @Override
    public String toString() {
        return "LoginConfig[clientId=" + clientId + ", hostedUi=" + hostedUi + ", siteOrigin=" + siteOrigin
                + ", redirectUri=" + redirectUri + ", resource=" + resource + ", cookieLifetime=" + cookieLifetime
                + ", implicitFlow=" + implicitFlow + ", paths=" + loginPath + "," + callbackPath + "," + logoutPath
                + "]";
    }

    private URI endpoint(String suffix) {
        String base = hostedUi.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + suffix);
    }

    private static String required(Map<String, String> env, String name) {
        String value = value(env, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value;
    }

    /** Returns the variable's value trimmed, or null when it is unset or blank. */
    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Splits on runs of the characters regex {@code \s} matches: space, tab, LF, VT, FF, CR. */
    private static String[] words(String value) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= value.length(); i++) {
            boolean space = i == value.length() || " \t\n\u000B\f\r".indexOf(value.charAt(i)) >= 0;
            if (space && start >= 0) {
                words.add(value.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words.toArray(new String[0]);
    }

    private static URI uri(String name, String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a URL", e);
        }
    }

    private static String read(String name, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " names a file that cannot be read: " + file, e);
        }
    }

    private static HashAlgorithm enumValue(String name, String value) {
        try {
            return HashAlgorithm.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(HashAlgorithm.values())
                    + ", was " + value, e);
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was " + value);
        };
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT1H, was " + value, e);
        }
    }

    private static byte[] derive(byte[] keyMaterial) {
        return HmacSha256.mac(keyMaterial, "edgepass login state v1".getBytes(StandardCharsets.US_ASCII));
    }

    private static void requirePath(String name, String path) {
        Objects.requireNonNull(path, name);
        if (!path.startsWith("/") || path.startsWith("//") || path.indexOf('?') >= 0 || path.indexOf('#') >= 0
                || path.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '\\')) {
            throw new IllegalArgumentException(name + " must be an absolute path without query, was " + path);
        }
    }

    private static void requireDuration(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireWebUri(String name, URI uri, boolean originOnly) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL with a host, was " + uri);
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(name + " must use https (http only on a loopback host), was " + uri);
        }
        if (originOnly && ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null)) {
            throw new IllegalArgumentException(name + " must be an origin (scheme, host, port) without path or query, was "
                    + uri);
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    private static String stripSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Builds a {@link LoginConfig}. Not thread-safe; the built configuration is. */
    public static final class Builder {
        private CognitoTokenVerifier verifier;
        private String userPoolId;
        private URI issuer;
        private String jwks;
        private String clientId;
        private String clientSecret;
        private URI hostedUi;
        private URI siteOrigin;
        private URI redirectUri;
        private URI logoutUri;
        private SignedCookieFactory cookieFactory;
        private String resource;
        private Duration cookieLifetime = DEFAULT_COOKIE_LIFETIME;
        private String startPath = DEFAULT_START_PATH;
        private boolean implicitFlow;
        private Clock clock = Clock.systemUTC();
        private String loginPath = DEFAULT_LOGIN_PATH;
        private String callbackPath = DEFAULT_CALLBACK_PATH;
        private String logoutPath = DEFAULT_LOGOUT_PATH;
        private List<String> scopes = List.of("openid");
        private byte[] stateKey;
        private Duration stateLifetime = DEFAULT_STATE_LIFETIME;
        private Boolean secureCookies;
        private String stateCookieName = DEFAULT_STATE_COOKIE_NAME;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration tokenEndpointTimeout = DEFAULT_TOKEN_ENDPOINT_TIMEOUT;
        private RefreshingKeySource signingKeys;

        private Builder() {}

        /**
         * Uses a verifier built elsewhere; it must accept ID tokens of {@link #clientId}. Excludes
         * {@link #userPoolId}, {@link #issuer} and {@link #jwks}.
         */
        public Builder verifier(CognitoTokenVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /** Sets the user pool, such as {@code eu-west-2_abc123}; the verifier is built from it. */
        public Builder userPoolId(String userPoolId) {
            this.userPoolId = Objects.requireNonNull(userPoolId, "userPoolId");
            return this;
        }

        /** Sets the token issuer, replacing the one derived from the pool (local stand-ins, tests). */
        public Builder issuer(URI issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** Seeds the verifier with the pool's JWKS JSON, so a cold start fetches nothing. */
        public Builder jwks(String json) {
            this.jwks = Objects.requireNonNull(json, "jwks");
            return this;
        }

        /** Sets the app client id (required). */
        public Builder clientId(String clientId) {
            Objects.requireNonNull(clientId, "clientId");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
            this.clientId = clientId;
            return this;
        }

        /** Sets the app client secret, sent to the token endpoint with HTTP Basic; default none. */
        public Builder clientSecret(String clientSecret) {
            Objects.requireNonNull(clientSecret, "clientSecret");
            if (clientSecret.isBlank()) {
                throw new IllegalArgumentException("clientSecret must not be blank");
            }
            this.clientSecret = clientSecret;
            return this;
        }

        /** Sets the Cognito hosted UI base, such as {@code https://auth.example.com} (required). */
        public Builder hostedUi(URI hostedUi) {
            requireWebUri("hostedUi", hostedUi, false);
            if (hostedUi.getRawQuery() != null) {
                throw new IllegalArgumentException("hostedUi must not have a query, was " + hostedUi);
            }
            this.hostedUi = hostedUi;
            return this;
        }

        /** Sets the public site origin, such as {@code https://d111111abcdef8.cloudfront.net} (required). */
        public Builder siteOrigin(URI siteOrigin) {
            requireWebUri("siteOrigin", siteOrigin, true);
            this.siteOrigin = siteOrigin;
            return this;
        }

        /** Sets the callback URI sent as {@code redirect_uri}; default origin + callback path. */
        public Builder redirectUri(URI redirectUri) {
            requireWebUri("redirectUri", redirectUri, false);
            this.redirectUri = redirectUri;
            return this;
        }

        /** Sets where Cognito sends the user after sign-out; default origin + {@code /}. */
        public Builder logoutUri(URI logoutUri) {
            requireWebUri("logoutUri", logoutUri, false);
            this.logoutUri = logoutUri;
            return this;
        }

        /** Sets the factory of CloudFront signed cookies (required). */
        public Builder cookieFactory(SignedCookieFactory cookieFactory) {
            this.cookieFactory = Objects.requireNonNull(cookieFactory, "cookieFactory");
            return this;
        }

        /** Sets the policy resource; default origin + {@code /private/app/*}. */
        public Builder resource(String resource) {
            Objects.requireNonNull(resource, "resource");
            if (!resource.startsWith("https://") && !resource.startsWith("http://")) {
                throw new IllegalArgumentException("resource must be an http(s) URL pattern such as "
                        + "https://host/private/app/*, was " + resource);
            }
            this.resource = resource;
            return this;
        }

        /** Sets how long the cookies' policy stays valid; default {@link #DEFAULT_COOKIE_LIFETIME}. */
        public Builder cookieLifetime(Duration cookieLifetime) {
            requireDuration("cookieLifetime", cookieLifetime);
            this.cookieLifetime = cookieLifetime;
            return this;
        }

        /** Sets the landing page after login; default {@link #DEFAULT_START_PATH}. */
        public Builder startPath(String startPath) {
            Objects.requireNonNull(startPath, "startPath");
            RedirectTargets.problem(startPath).ifPresent(p -> {
                throw new IllegalArgumentException("startPath: " + p + ", was " + startPath);
            });
            this.startPath = startPath;
            return this;
        }

        /**
         * Accepts a token passed in by the page (the article's implicit flow): {@code Authorization:
         * Bearer}, form or query {@code id_token}. Default false: only the code + PKCE flow.
         */
        public Builder implicitFlow(boolean implicitFlow) {
            this.implicitFlow = implicitFlow;
            return this;
        }

        /** Sets the clock for cookie and state expiry (and the verifier built here); default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the login path; default {@link #DEFAULT_LOGIN_PATH}. */
        public Builder loginPath(String path) {
            requirePath("loginPath", path);
            this.loginPath = path;
            return this;
        }

        /** Sets the callback path; default {@link #DEFAULT_CALLBACK_PATH}. Must lie under the login path. */
        public Builder callbackPath(String path) {
            requirePath("callbackPath", path);
            this.callbackPath = path;
            return this;
        }

        /** Sets the sign-out path; default {@link #DEFAULT_LOGOUT_PATH}. */
        public Builder logoutPath(String path) {
            requirePath("logoutPath", path);
            this.logoutPath = path;
            return this;
        }

        /** Sets the scopes requested; must include {@code openid}. Default {@code openid}. */
        public Builder scopes(String... scopes) {
            Objects.requireNonNull(scopes, "scopes");
            List<String> list = new ArrayList<>();
            for (String s : scopes) {
                Objects.requireNonNull(s, "scope");
                if (s.isBlank() || s.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '"' || c == '\\')) {
                    throw new IllegalArgumentException("scope must be printable ASCII without spaces, was " + s);
                }
                list.add(s);
            }
            this.scopes = List.copyOf(list);
            return this;
        }

        /**
         * Sets the HMAC key of the login-state cookie, at least 32 bytes. Every instance behind one
         * site must share it. Default: random per configuration (fine for one process).
         */
        public Builder stateKey(byte[] key) {
            Objects.requireNonNull(key, "stateKey");
            if (key.length < 32) {
                throw new IllegalArgumentException("stateKey must be at least 32 bytes, was " + key.length);
            }
            this.stateKey = key.clone();
            return this;
        }

        /** Sets how long a user has to finish at the hosted UI; default {@link #DEFAULT_STATE_LIFETIME}. */
        public Builder stateLifetime(Duration stateLifetime) {
            requireDuration("stateLifetime", stateLifetime);
            this.stateLifetime = stateLifetime;
            return this;
        }

        /** Sets {@code Secure} on the login-state cookie; default true for an https site origin. */
        public Builder secureCookies(boolean secureCookies) {
            this.secureCookies = secureCookies;
            return this;
        }

        /** Sets the login-state cookie name; default {@link #DEFAULT_STATE_COOKIE_NAME}. */
        public Builder stateCookieName(String name) {
            Objects.requireNonNull(name, "stateCookieName");
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')
                    || name.startsWith("CloudFront-")) {
                throw new IllegalArgumentException("stateCookieName must be letters, digits, - or _, was " + name);
            }
            this.stateCookieName = name;
            return this;
        }

        /** Sets the cap on all request headers together; default {@link #DEFAULT_MAX_HEADER_BYTES}. */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, was " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** Sets the cap on a request body; default {@link #DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Sets the deadline of a token-endpoint call; default {@link #DEFAULT_TOKEN_ENDPOINT_TIMEOUT}. */
        public Builder tokenEndpointTimeout(Duration timeout) {
            requireDuration("tokenEndpointTimeout", timeout);
            if (timeout.compareTo(Duration.ofSeconds(30)) > 0) {
                throw new IllegalArgumentException("tokenEndpointTimeout must be at most PT30S, was " + timeout);
            }
            this.tokenEndpointTimeout = timeout;
            return this;
        }

        /**
         * Names the refreshing key source that the cookie factory's signer follows (through
         * {@code RotatingSigner}), so that {@link LoginConfig#signingKeys()} can refresh it outside a
         * request, as the SnapStart hooks do after a restore. Optional; default none.
         */
        public Builder signingKeys(RefreshingKeySource keys) {
            this.signingKeys = Objects.requireNonNull(keys, "signingKeys");
            return this;
        }

        /**
         * Builds the configuration, and the verifier when none was given. Does no I/O.
         *
         * @return the configuration
         * @throws IllegalStateException    if a required option is missing or options do not fit together
         * @throws IllegalArgumentException if the verifier options are malformed
         */
        public LoginConfig build() {
            if (clientId == null) {
                throw new IllegalStateException("clientId must be set");
            }
            if (hostedUi == null) {
                throw new IllegalStateException("hostedUi must be set: the Cognito hosted UI base URL");
            }
            if (siteOrigin == null) {
                throw new IllegalStateException("siteOrigin must be set: the public origin, such as https://d111111abcdef8.cloudfront.net");
            }
            if (cookieFactory == null) {
                throw new IllegalStateException("cookieFactory must be set");
            }
            if (!scopes.contains("openid")) {
                throw new IllegalStateException("scopes must include openid: the token endpoint only returns an ID token then, was "
                        + scopes);
            }
            if (!callbackPath.startsWith(loginPath + "/")) {
                throw new IllegalStateException("callbackPath must lie under loginPath so the login-state cookie reaches it, was "
                        + callbackPath + " under " + loginPath);
            }
            if (logoutPath.equals(loginPath) || logoutPath.equals(callbackPath)) {
                throw new IllegalStateException("logoutPath must differ from loginPath and callbackPath, was " + logoutPath);
            }
            CognitoTokenVerifier v = verifier;
            if (v != null) {
                if (userPoolId != null || issuer != null || jwks != null) {
                    throw new IllegalStateException("verifier replaces userPoolId, issuer and jwks; set one or the other");
                }
            } else {
                if (userPoolId == null && issuer == null) {
                    throw new IllegalStateException("userPoolId (or issuer) must be set, or a verifier given");
                }
                CognitoTokenVerifier.Builder vb = CognitoTokenVerifier.builder()
                        .clientId(clientId).tokenUse(TokenUse.ID).clock(clock);
                if (userPoolId != null) {
                    vb.userPoolId(userPoolId);
                }
                if (issuer != null) {
                    vb.issuer(issuer);
                }
                if (jwks != null) {
                    vb.jwks(jwks);
                }
                v = vb.build();
            }
            String origin = stripSlash(siteOrigin);
            URI redirect = redirectUri != null ? redirectUri : URI.create(origin + callbackPath);
            URI logout = logoutUri != null ? logoutUri : URI.create(origin + "/");
            String res = resource != null ? resource : origin + "/private/app/*";
            byte[] key = stateKey;
            if (key == null) {
                key = new byte[32];
                new SecureRandom().nextBytes(key);
            }
            boolean secure = secureCookies != null ? secureCookies : "https".equalsIgnoreCase(siteOrigin.getScheme());
            return new LoginConfig(this, v, redirect, logout, res, key, secure);
        }
    }
}
