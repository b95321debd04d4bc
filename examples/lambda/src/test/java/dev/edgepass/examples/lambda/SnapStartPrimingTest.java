package dev.edgepass.examples.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.core.testing.Keys;
import dev.edgepass.examples.login.LoginConfig;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hooks called directly, as Lambda's runtime calls them around a snapshot, against a
 * JWKS on WireMock and a Secrets Manager stand-in, whose requests are counted.
 */
class SnapStartPrimingTest {

    private static final String JWKS_PATH = "/" + CognitoStandIn.USER_POOL_ID + "/.well-known/jwks.json";

    private static CognitoStandIn cognito;
    private static CloudFrontKeys keys;
    private WireMockServer jwks;
    private LoginHandler login;
    private MutableClock clock;

    /** A clock the test moves, standing for the time between snapshot and restore. */
    static final class MutableClock extends Clock {
        private Instant now = Fixtures.NOW;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void keys() {
        cognito = new CognitoStandIn();
        keys = CloudFrontKeys.generate();
    }

    @AfterAll
    static void stopCognito() {
        cognito.close();
    }

    @BeforeEach
    void start() {
        jwks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        jwks.start();
        jwks.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(okJson(cognito.jwksJson())));
        LoginConfig config = Fixtures.config(cognito, keys).issuer(issuer()).build();
        login = LoginHandler.create(config);
        clock = new MutableClock();
    }

    @AfterEach
    void stop() {
        jwks.stop();
    }

    private URI issuer() {
        return URI.create("http://127.0.0.1:" + jwks.port() + "/" + CognitoStandIn.USER_POOL_ID);
    }

    private String idToken() {
        Map<String, Object> claims = cognito.idClaims("alice");
        claims.put("iss", issuer().toString());
        return cognito.sign(claims);
    }

    private int jwksFetches() {
        return jwks.countRequestsMatching(getRequestedFor(urlPathEqualTo(JWKS_PATH)).build()).getCount();
    }

    private SnapStartPriming priming() {
        return new SnapStartPriming(login, clock, Duration.ofHours(1));
    }

    @Test
    void withoutPriming_theFirstVerifyFetches() {
        login.config().verifier().verify(idToken());
        assertEquals(1, jwksFetches());
    }

    @Test
    void beforeCheckpoint_fetchesTheJwksOnce() {
        priming().beforeCheckpoint(null);
        assertEquals(1, jwksFetches());
    }

    @Test
    void restoreOfAFreshSnapshot_firstVerifyFetchesNothing() {
        SnapStartPriming priming = priming();
        priming.beforeCheckpoint(null);
        clock.advance(Duration.ofMinutes(59));
        priming.afterRestore(null);
        login.config().verifier().verify(idToken());
        assertEquals(1, jwksFetches(), "only the fetch before the snapshot");
    }

    @Test
    void restoreOfAStaleSnapshot_fetchesOnce_thenVerifyFetchesNothing() {
        SnapStartPriming priming = priming();
        priming.beforeCheckpoint(null);
        clock.advance(Duration.ofHours(1));
        priming.afterRestore(null);
        assertEquals(2, jwksFetches());
        login.config().verifier().verify(idToken());
        assertEquals(2, jwksFetches());
    }

    @Test
    void loginThroughTheHandler_afterAFreshRestore_fetchesNothingMore() {
        SnapStartPriming priming = priming();
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
        FunctionUrlLoginHandler handler = new FunctionUrlLoginHandler(login);
        int status = handler.handleRequest(Events.functionUrl("function-url-login.json",
                Map.of("AUTHORIZATION", "Bearer " + idToken())), null).getStatusCode();
        assertEquals(302, status);
        assertEquals(1, jwksFetches());
    }

    @Test
    void jwksDownBeforeTheSnapshot_neitherHookThrows_andTheRestoreFetches() {
        jwks.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(serverError()));
        SnapStartPriming priming = priming();
        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        jwks.stubFor(get(urlPathEqualTo(JWKS_PATH)).willReturn(okJson(cognito.jwksJson())));
        priming.afterRestore(null);
        int afterRestore = jwksFetches();
        login.config().verifier().verify(idToken());
        assertEquals(afterRestore, jwksFetches(), "the restore fetched, so the verify does not");
    }

    // ---- the signing key from Secrets Manager (the deployed default), read through the SDK

    private static final String SECRET_ID = "prod/cloudfront-key";

    /** The login function as deployed: key from Secrets Manager via the SDK, refreshed every PT5M. */
    private LoginHandler loginWithSecretsManagerKey(AwsStandIn aws) {
        Map<String, String> env = new HashMap<>();
        env.put("EDGEPASS_ISSUER", issuer().toString());
        env.put("EDGEPASS_CLIENT_ID", Fixtures.CLIENT_ID);
        env.put("EDGEPASS_HOSTED_UI", cognito.baseUri().toString());
        env.put("EDGEPASS_SITE_ORIGIN", Fixtures.SITE_ORIGIN.toString());
        env.put("EDGEPASS_IMPLICIT_FLOW", "true");
        env.put("EDGEPASS_KEY_SOURCE", "secrets-manager");
        env.put("EDGEPASS_KEY_SECRET_ID", SECRET_ID);
        env.put("EDGEPASS_KEY_REFRESH", "PT5M");
        env.put("AWS_REGION", AwsStandIn.REGION);
        env.put("EDGEPASS_AWS_ENDPOINT", aws.endpoint().toString());
        return LoginHandler.create(LoginConfig.fromEnvironment(env, clock));
    }

    private String keyPairIdOfALogin(LoginHandler handler) {
        APIGatewayV2HTTPResponse response = new FunctionUrlLoginHandler(handler).handleRequest(Events.functionUrl(
                "function-url-login.json", Map.of("AUTHORIZATION", "Bearer " + idToken())), null);
        assertEquals(302, response.getStatusCode());
        return response.getCookies().stream().filter(c -> c.startsWith("CloudFront-Key-Pair-Id="))
                .map(c -> c.substring("CloudFront-Key-Pair-Id=".length(), c.indexOf(';'))).findFirst().orElseThrow();
    }

    @Test
    void restoreOlderThanTheKeyRefresh_readsTheKeyAgain_andTheFirstLoginSignsWithTheRotatedKey() {
        try (AwsStandIn aws = new AwsStandIn().secret(SECRET_ID, Keys.jsonSecret("KOLDKEY", Keys.rsa(2048)))) {
            LoginHandler handler = loginWithSecretsManagerKey(aws);
            SnapStartPriming priming = new SnapStartPriming(handler, clock, Duration.ofHours(1));
            priming.beforeCheckpoint(null);
            assertEquals(1, aws.count("GetSecretValue"), "read once at init");
            aws.secret(SECRET_ID, Keys.jsonSecret("KNEWKEY", Keys.rsa(2048)));

            clock.advance(Duration.ofMinutes(5));
            priming.afterRestore(null);

            assertEquals(2, aws.count("GetSecretValue"), "read again by the restore");
            assertEquals("KNEWKEY", keyPairIdOfALogin(handler));
            assertEquals(2, aws.count("GetSecretValue"), "the login reads nothing");
        }
    }

    @Test
    void restoreWithinTheKeyRefresh_readsNoKey() {
        try (AwsStandIn aws = new AwsStandIn().secret(SECRET_ID, Keys.jsonSecret("KOLDKEY", Keys.rsa(2048)))) {
            LoginHandler handler = loginWithSecretsManagerKey(aws);
            SnapStartPriming priming = new SnapStartPriming(handler, clock, Duration.ofHours(1));
            priming.beforeCheckpoint(null);
            aws.secret(SECRET_ID, Keys.jsonSecret("KNEWKEY", Keys.rsa(2048)));

            clock.advance(Duration.ofMinutes(4));
            priming.afterRestore(null);

            assertEquals(1, aws.count("GetSecretValue"), "only the read at init");
            assertEquals("KOLDKEY", keyPairIdOfALogin(handler));
            assertEquals(1, aws.count("GetSecretValue"));
        }
    }

    @Test
    void restoreOlderThanTheKeyRefresh_secretsManagerDown_keepsTheSnapshotsKeyAndDoesNotThrow() {
        try (AwsStandIn aws = new AwsStandIn().secret(SECRET_ID, Keys.jsonSecret("KOLDKEY", Keys.rsa(2048)))) {
            LoginHandler handler = loginWithSecretsManagerKey(aws);
            SnapStartPriming priming = new SnapStartPriming(handler, clock, Duration.ofHours(1));
            priming.beforeCheckpoint(null);
            aws.fail(SECRET_ID, 500, "InternalServiceError");

            clock.advance(Duration.ofMinutes(6));
            assertDoesNotThrow(() -> priming.afterRestore(null));

            assertTrue(aws.count("GetSecretValue") >= 2, "the restore tried");
            assertEquals("KOLDKEY", keyPairIdOfALogin(handler));
        }
    }

    @Test
    void keyFromAPem_restoreReadsNoKeySource() {
        // The fixture's configuration signs with a fixed key: nothing to refresh, nothing to fail.
        SnapStartPriming priming = priming();
        priming.beforeCheckpoint(null);
        clock.advance(Duration.ofDays(3));
        assertDoesNotThrow(() -> priming.afterRestore(null));
        assertTrue(login.config().signingKeys().isEmpty());
    }

    @Test
    void register_keepsTheHooks() {
        SnapStartPriming priming = SnapStartPriming.register(login);
        assertEquals(SnapStartPriming.DEFAULT_JWKS_MAX_AGE, priming.jwksMaxAge());
    }

    @Test
    void constructor_nonPositiveMaxAge_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SnapStartPriming(login, clock, Duration.ZERO));
        assertEquals("jwksMaxAge must be positive, was PT0S", e.getMessage());
    }
}
