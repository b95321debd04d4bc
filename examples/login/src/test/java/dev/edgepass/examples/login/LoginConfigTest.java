package dev.edgepass.examples.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginConfigTest {

    private static CognitoStandIn cognito;
    private static CloudFrontKeys keys;

    @BeforeAll
    static void start() {
        cognito = new CognitoStandIn();
        keys = CloudFrontKeys.generate();
    }

    @AfterAll
    static void stop() {
        cognito.close();
    }

    @Test
    void build_defaults_deriveEndpointsFromHostedUiAndOrigin() {
        LoginConfig config = Fixtures.config(cognito, keys).build();

        assertEquals(URI.create(cognito.baseUri() + "/oauth2/authorize"), config.authorizeEndpoint());
        assertEquals(URI.create(cognito.baseUri() + "/oauth2/token"), config.tokenEndpoint());
        assertEquals(URI.create(cognito.baseUri() + "/logout"), config.logoutEndpoint());
        assertEquals(URI.create("https://d111111abcdef8.cloudfront.net/private/login/callback"), config.redirectUri());
        assertEquals("https://d111111abcdef8.cloudfront.net/private/app/*", config.resource());
        assertEquals("/private/app/index.html", config.startPath());
        assertTrue(config.secureCookies());
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("no client id", (Consumer<LoginConfig.Builder>) b -> { }, true),
                Arguments.of("scopes without openid", (Consumer<LoginConfig.Builder>) b -> b.scopes("email"), false),
                Arguments.of("callback outside login path",
                        (Consumer<LoginConfig.Builder>) b -> b.callbackPath("/callback"), false),
                Arguments.of("logout equals login", (Consumer<LoginConfig.Builder>) b -> b.logoutPath("/private/login"), false),
                Arguments.of("verifier and issuer both", (Consumer<LoginConfig.Builder>) b -> b.verifier(
                        dev.edgepass.cognito.CognitoTokenVerifier.builder().issuer(cognito.issuer())
                                .clientId(Fixtures.CLIENT_ID).tokenUse(dev.edgepass.cognito.TokenUse.ID).build()), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void build_badCombination_failsFast(String name, Consumer<LoginConfig.Builder> change, boolean fresh) {
        LoginConfig.Builder builder = fresh ? LoginConfig.builder() : Fixtures.config(cognito, keys);
        change.accept(builder);

        assertThrows(IllegalStateException.class, builder::build);
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("hosted UI over http on a public host",
                        (Consumer<LoginConfig.Builder>) b -> b.hostedUi(URI.create("http://auth.example.com"))),
                Arguments.of("site origin with a path",
                        (Consumer<LoginConfig.Builder>) b -> b.siteOrigin(URI.create("https://example.com/app"))),
                Arguments.of("start path to another host", (Consumer<LoginConfig.Builder>) b -> b.startPath("//evil.example")),
                Arguments.of("relative resource", (Consumer<LoginConfig.Builder>) b -> b.resource("/private/*")),
                Arguments.of("zero cookie lifetime",
                        (Consumer<LoginConfig.Builder>) b -> b.cookieLifetime(java.time.Duration.ZERO)),
                Arguments.of("short state key", (Consumer<LoginConfig.Builder>) b -> b.stateKey(new byte[16])),
                Arguments.of("scope with a space", (Consumer<LoginConfig.Builder>) b -> b.scopes("openid email")),
                Arguments.of("state cookie named like CloudFront's",
                        (Consumer<LoginConfig.Builder>) b -> b.stateCookieName("CloudFront-Policy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void setter_badArgument_failsAtOnce(String name, Consumer<LoginConfig.Builder> change) {
        assertThrows(IllegalArgumentException.class, () -> change.accept(LoginConfig.builder()));
    }

    @Test
    void fromEnvironment_fullSet_buildsWorkingHandler(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, keys.privateKeyPem());
        Map<String, String> env = environment();
        env.put("EDGEPASS_PRIVATE_KEY_FILE", pem.toString());

        LoginConfig config = LoginConfig.fromEnvironment(env, Fixtures.CLOCK);
        LoginResponse response = LoginHandler.create(config).handle(LoginRequest.builder().path("/private/login")
                .header("Authorization", "Bearer " + cognito.idToken("alice")).build());

        assertEquals(302, response.status(), response.body());
        assertTrue(response.setCookies().stream().anyMatch(c -> c.startsWith("CloudFront-Signature=")));
        assertFalse(config.toString().contains("PRIVATE"));
    }

    @Test
    void fromEnvironment_twoInstances_shareTheDerivedStateKey() {
        Map<String, String> env = environment();
        env.put("EDGEPASS_PRIVATE_KEY_PEM", keys.privateKeyPem());

        LoginHandler first = LoginHandler.create(LoginConfig.fromEnvironment(env, Fixtures.CLOCK));
        LoginHandler second = LoginHandler.create(LoginConfig.fromEnvironment(env, Fixtures.CLOCK));
        LoginResponse start = first.handle(LoginRequest.builder().path("/private/login").build());
        String callback = cognito.authorize(start.header("Location").orElseThrow(), "alice");
        String cookie = start.setCookies().get(0).split(";")[0];
        URI uri = URI.create(callback);

        LoginResponse done = second.handle(LoginRequest.builder().path(uri.getPath()).rawQuery(uri.getRawQuery())
                .header("Cookie", cookie).build());
        assertEquals(302, done.status(), done.body());
    }

    @Test
    void fromEnvironment_missingKey_namesTheVariables() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoginConfig.fromEnvironment(environment(), Fixtures.CLOCK));

        assertTrue(e.getMessage().contains("EDGEPASS_PRIVATE_KEY_PEM"), e.getMessage());
    }

    @Test
    void fromEnvironment_badBoolean_namesTheVariable() {
        Map<String, String> env = environment();
        env.put("EDGEPASS_PRIVATE_KEY_PEM", keys.privateKeyPem());
        env.put("EDGEPASS_IMPLICIT_FLOW", "yes");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoginConfig.fromEnvironment(env, Fixtures.CLOCK));

        assertTrue(e.getMessage().contains("EDGEPASS_IMPLICIT_FLOW"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopeLists")
    void fromEnvironment_scopes_splitOnWhitespaceRuns(String name, String value, List<String> scopes) {
        Map<String, String> env = environment();
        env.put("EDGEPASS_PRIVATE_KEY_PEM", keys.privateKeyPem());
        env.put("EDGEPASS_SCOPES", value);

        assertEquals(scopes, LoginConfig.fromEnvironment(env, Fixtures.CLOCK).scopes());
    }

    static Stream<Arguments> scopeLists() {
        return Stream.of(
                Arguments.of("one", "openid", List.of("openid")),
                Arguments.of("spaces", "openid email profile", List.of("openid", "email", "profile")),
                Arguments.of("runs, tabs, line breaks", " openid \t\temail\r\nprofile ", List.of("openid", "email", "profile")),
                Arguments.of("blank means the default", "   ", List.of("openid")));
    }

    @Test
    void fromEnvironment_scopeWithControlCharacter_isRefused() {
        Map<String, String> env = environment();
        env.put("EDGEPASS_PRIVATE_KEY_PEM", keys.privateKeyPem());
        env.put("EDGEPASS_SCOPES", "openid\u001Femail");

        assertThrows(IllegalArgumentException.class, () -> LoginConfig.fromEnvironment(env, Fixtures.CLOCK));
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("EDGEPASS_ISSUER", cognito.issuer().toString());
        env.put("EDGEPASS_CLIENT_ID", Fixtures.CLIENT_ID);
        env.put("EDGEPASS_JWKS_JSON", cognito.jwksJson());
        env.put("EDGEPASS_HOSTED_UI", cognito.baseUri().toString());
        env.put("EDGEPASS_SITE_ORIGIN", Fixtures.SITE_ORIGIN.toString());
        env.put("EDGEPASS_KEY_PAIR_ID", CloudFrontKeys.KEY_PAIR_ID);
        env.put("EDGEPASS_IMPLICIT_FLOW", "true");
        return env;
    }
}
