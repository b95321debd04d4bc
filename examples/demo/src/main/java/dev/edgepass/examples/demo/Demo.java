package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpServer;
import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedRequestValidator;
import dev.edgepass.examples.lambda.CloudFrontLoginHandler;
import dev.edgepass.examples.lambda.FunctionUrlLoginHandler;
import dev.edgepass.examples.login.LoginConfig;
import dev.edgepass.examples.login.LoginHandler;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The article's whole flow on localhost, around edgepass's login handler: a Cognito stand-in, the
 * public and private "buckets", the login endpoint, and a CloudFront stand-in in front of them.
 *
 * <pre>{@code
 * try (Demo demo = Demo.start(DemoOptions.defaults())) {
 *     System.out.println("open " + demo.publicUrl() + " and sign in as " + demo.user().username());
 *     // ...
 * }
 * }</pre>
 *
 * <p>Every key (the Cognito signing keys, the CloudFront key pair) and the user's password are
 * generated here, at start-up; nothing secret is stored. Every server listens on the loopback
 * interface only. The CloudFront stand-in is addressed as {@code localhost} and the Cognito
 * stand-in as {@code 127.0.0.1}, two different sites to the browser, as on AWS.
 *
 * <p>Thread-safe; {@link #close()} stops every server and may be called more than once.
 */
public final class Demo implements AutoCloseable {

    /** The demo user pool's id; its region is the part before the underscore. */
    public static final String USER_POOL_ID = "eu-west-2_EdgePass1";
    /** The demo app client's id (a public client: no secret, as in the article). */
    public static final String CLIENT_ID = "1example23edgepassdemo45";

    /**
     * The distribution's custom error page for 403, in the public bucket: says why the private page
     * was refused and links to sign in. Served with status 403.
     */
    public static final String ACCESS_DENIED_PAGE = "/errors/403.html";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final DemoOptions options;
    private final DemoUser user;
    private final URI publicUrl;
    private final CognitoStandIn cognito;
    private final LoginRoute login;
    private final URI loginOrigin;
    private final CloudFrontStandIn cloudFront;
    private final List<AutoCloseable> started;

    private Demo(DemoOptions options, DemoUser user, URI publicUrl, CognitoStandIn cognito, LoginRoute login,
            URI loginOrigin, CloudFrontStandIn cloudFront, List<AutoCloseable> started) {
        this.options = options;
        this.user = user;
        this.publicUrl = publicUrl;
        this.cognito = cognito;
        this.login = login;
        this.loginOrigin = loginOrigin;
        this.cloudFront = cloudFront;
        this.started = started;
    }

    /**
     * Generates the keys and the demo user, and starts every stand-in.
     *
     * @param options where {@code /private/login} runs, the login flow, the port
     * @return the running demo
     * @throws NullPointerException     if {@code options} is null
     * @throws java.io.UncheckedIOException if a port cannot be bound
     */
    public static Demo start(DemoOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        SecureRandom random = new SecureRandom();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            // Bind the CloudFront stand-in first: its URL goes into Cognito's allowed callback URLs.
            HttpServer edge = Exchanges.loopbackServer(options.port(), "cloudfront");
            started.add(() -> Exchanges.stop(edge));
            String site = "http://localhost:" + edge.getAddress().getPort();

            DemoUser user = new DemoUser("demo", password(random), "demo@example.com", List.of("readers"));
            CognitoStandIn cognito = new CognitoStandIn(0, USER_POOL_ID, CLIENT_ID, user,
                    Set.of(site + LoginConfig.DEFAULT_CALLBACK_PATH, site + "/index.html"),
                    Set.of(site + "/index.html?signed-out"), Clock.systemUTC());
            started.add(cognito);

            // The CloudFront key pair: the public half goes to the "trusted key group" (the
            // validator), the private half to the login handler, as in the article's Secrets Manager.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair cloudFrontKeys = generator.generateKeyPair();
            String keyPairId = keyPairId(random);

            SignedCookieFactory cookies = SignedCookieFactory.builder()
                    .signer(CloudFrontSigner.of(keyPairId, cloudFrontKeys.getPrivate()))
                    // Plain http on localhost: a Secure cookie would never come back. Use https and
                    // Secure (the default) anywhere real.
                    .secure(false)
                    .build();
            LoginConfig config = LoginConfig.builder()
                    .userPoolId(USER_POOL_ID)
                    .issuer(cognito.issuer())
                    .clientId(CLIENT_ID)
                    .hostedUi(cognito.hostedUi())
                    .siteOrigin(URI.create(site))
                    .logoutUri(URI.create(site + "/index.html?signed-out"))
                    .cookieFactory(cookies)
                    .implicitFlow(options.flow() == DemoOptions.LoginFlow.IMPLICIT)
                    .build();
            LoginHandler handler = LoginHandler.create(config);

            LoginRoute login;
            URI loginOrigin = null;
            if (options.loginVia() == DemoOptions.LoginVia.EDGE) {
                login = new EdgeLoginRoute(new CloudFrontLoginHandler(handler));
            } else {
                FunctionUrlOrigin origin = new FunctionUrlOrigin(0, new FunctionUrlLoginHandler(handler));
                loginOrigin = origin.url();
                login = new OriginLoginRoute(origin);
            }
            started.add(login);

            SignedRequestValidator validator = SignedRequestValidator.builder()
                    .trust(keyPairId, cloudFrontKeys.getPublic())
                    .build();
            StaticSite publicBucket = new StaticSite("public", Map.of("config.js", configJs(options, site, cognito)));
            StaticSite privateBucket = new StaticSite("private", Map.of());
            // Starts the server bound above, which is already on the list to stop.
            CloudFrontStandIn cloudFront = new CloudFrontStandIn(edge, site, publicBucket, privateBucket, validator, login,
                    List.of(new CustomErrorResponse(403, ACCESS_DENIED_PAGE, 403)));
            return new Demo(options, user, URI.create(site + "/"), cognito, login, loginOrigin, cloudFront, started);
        } catch (GeneralSecurityException e) {
            closeAll(started);
            throw new IllegalStateException("cannot generate the CloudFront key pair", e);
        } catch (RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    private static String configJs(DemoOptions options, String site, CognitoStandIn cognito) {
        return Exchanges.resourceText("public/config.js")
                .replace("{{userPoolId}}", Exchanges.json(USER_POOL_ID))
                .replace("{{clientId}}", Exchanges.json(CLIENT_ID))
                .replace("{{region}}", Exchanges.json(USER_POOL_ID.substring(0, USER_POOL_ID.indexOf('_'))))
                .replace("{{baseUrl}}", Exchanges.json(site))
                .replace("{{hostedUiUrl}}", Exchanges.json(cognito.hostedUi().toString()))
                .replace("{{loginFlow}}", options.flow() == DemoOptions.LoginFlow.IMPLICIT ? "implicit" : "code");
    }

    /** A password that meets Cognito's default policy: upper, lower, digit and symbol. */
    private static String password(SecureRandom random) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.append('-').append(random.nextInt(10)).append('A').append('z').toString();
    }

    /** CloudFront public key ids look like {@code K2JCJMDEHXQW5F}. */
    private static String keyPairId(SecureRandom random) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder id = new StringBuilder("K");
        for (int i = 0; i < 13; i++) {
            id.append(chars.charAt(random.nextInt(chars.length())));
        }
        return id.toString();
    }

    /** Returns the URL to open: the public site's home page through the CloudFront stand-in. */
    public URI publicUrl() {
        return publicUrl;
    }

    /** Returns the private start page, {@code /private/app/index.html}, through the CloudFront stand-in. */
    public URI privateUrl() {
        return publicUrl.resolve("/private/app/index.html");
    }

    /** Returns the Cognito stand-in's hosted-UI base URL. */
    public URI hostedUiUrl() {
        return cognito.hostedUi();
    }

    /** Returns the Cognito stand-in's issuer, where its JWKS and OpenID discovery live. */
    public URI issuer() {
        return cognito.issuer();
    }

    /** Returns the login function URL stand-in, or {@code null} when the login runs as Lambda@Edge. */
    public URI loginOrigin() {
        return loginOrigin;
    }

    /** Returns a few words on where {@code /private/login} runs. */
    public String loginDescription() {
        return login.description();
    }

    /** Returns the demo user; its password is generated at start-up. */
    public DemoUser user() {
        return user;
    }

    /** Returns the options the demo was started with. */
    public DemoOptions options() {
        return options;
    }

    /** Stops every server. */
    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> started) {
        synchronized (started) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    // Keep closing the rest; a stand-in that fails to stop holds nothing worth keeping.
                }
            }
            started.clear();
        }
    }

    @Override
    public String toString() {
        return "Demo[" + options + ", publicUrl=" + publicUrl + ", hostedUi=" + cognito.hostedUi() + "]";
    }
}
