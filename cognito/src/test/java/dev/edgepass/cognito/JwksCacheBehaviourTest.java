package dev.edgepass.cognito;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.edgepass.cognito.CognitoTokenVerifierTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cognito.TokenRejectedException.Reason;
import dev.edgepass.cognito.testing.Fixtures;
import dev.edgepass.cognito.testing.Fixtures.MutableClock;
import dev.edgepass.cognito.testing.JwksServer;
import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.cognito.testing.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JWKS fetching: outages, floods of unknown kids, rotation, seeding and warm-up. */
class JwksCacheBehaviourTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private JwksServer server;
    private String iss;

    @BeforeEach
    void start() {
        server = JwksServer.start().serve(TestKeys.jwksFor("k1"));
        iss = server.issuer().toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("HTTP 500", aResponse().withStatus(500).withBody("oops")),
                Arguments.of("hangs past the timeout", aResponse().withStatus(200).withFixedDelay(5_000).withBody(TestKeys.jwksFor("k1", "k2"))),
                Arguments.of("garbage", aResponse().withStatus(200).withBody("<html>not json</html>")),
                Arguments.of("JSON without keys", aResponse().withStatus(200).withBody("{\"foo\":[]}")),
                Arguments.of("10 MB", aResponse().withStatus(200).withBody("{\"keys\":[\"" + "x".repeat(10 * 1024 * 1024) + "\"]}")),
                Arguments.of("connection reset", aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void verify_jwksEndpointFails_knownKeysKeepVerifyingAndUnknownKidsGetJwksUnavailable(String fault,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).jwksTimeout(Duration.ofMillis(500)).build();
        String known = Tokens.sign(Tokens.idToken(iss), "k1");
        assertEquals(Tokens.SUB, verifier.verify(known).subject());

        server.respond(response);

        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertReason(Reason.JWKS_UNAVAILABLE, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss), "k2")));
            assertEquals(Tokens.SUB, verifier.verify(known).subject());
            // In the cool-down: rejected at once, no new request.
            int before = server.requests();
            assertReason(Reason.JWKS_UNAVAILABLE, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss), "k3")));
            assertEquals(before, server.requests());
        });
    }

    @Test
    void verify_jwksHangsOnFirstFetch_rejectsWithJwksUnavailableWithinTheTimeout() {
        server.respond(aResponse().withStatus(200).withFixedDelay(10_000).withBody(TestKeys.jwksFor("k1")));
        CognitoTokenVerifier verifier = Fixtures.verifier(server).jwksTimeout(Duration.ofMillis(300)).build();

        assertTimeoutPreemptively(HANG_GUARD,
                () -> assertReason(Reason.JWKS_UNAVAILABLE, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss), "k1"))));
    }

    @Test
    void warmUp_jwksDown_throwsJwksUnavailable() {
        server.respond(aResponse().withStatus(503));
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();

        assertReason(Reason.JWKS_UNAVAILABLE, verifier::warmUp);
    }

    @Test
    void verify_endpointRecoversAfterCooldown_newKidVerifies() {
        MutableClock clock = new MutableClock(Tokens.NOW);
        CognitoTokenVerifier verifier = Fixtures.verifier(server).clock(clock).build();
        server.respond(aResponse().withStatus(500));
        assertReason(Reason.JWKS_UNAVAILABLE, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss), "k1")));

        server.serve(TestKeys.jwksFor("k1"));
        clock.set(Tokens.NOW.plus(CognitoTokenVerifier.DEFAULT_JWKS_COOLDOWN));

        assertEquals(Tokens.SUB, verifier.verify(Tokens.sign(Tokens.idToken(iss), "k1")).subject());
    }

    @Test
    void verify_tenThousandRandomUnknownKids_causesAtMostAHandfulOfFetches() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();
        String payload = Tokens.json(Tokens.idToken(iss));
        Random random = new Random(42);
        String signature = Tokens.sign(Tokens.idToken(iss), "k1");
        signature = signature.substring(signature.lastIndexOf('.') + 1);

        int rejected = 0;
        for (int i = 0; i < 10_000; i++) {
            String header = "{\"kid\":\"forged-" + Long.toHexString(random.nextLong()) + "\",\"alg\":\"RS256\"}";
            String token = Tokens.b64(header) + "." + Tokens.b64(payload) + "." + signature;
            try {
                verifier.verify(token);
            } catch (TokenRejectedException e) {
                assertEquals(Reason.UNKNOWN_KEY, e.reason(), e.getMessage());
                rejected++;
            }
        }

        assertEquals(10_000, rejected);
        assertTrue(server.requests() <= 3, "JWKS requests: " + server.requests());
    }

    @Test
    void verify_concurrentUnknownKid_fetchesOnce() throws Exception {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();
        String token = Tokens.sign(Tokens.idToken(iss), "k1");
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> verifier.verify(token).subject());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<String> f : pool.invokeAll(tasks)) {
                assertEquals(Tokens.SUB, f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, server.requests());
    }

    @Test
    void verify_keyRotationUnderLoad_noFalseRejectionOnceTheNewKeyIsServed() throws Exception {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();
        String oldToken = Tokens.sign(Tokens.idToken(iss), "k1");
        String newToken = Tokens.sign(Tokens.idToken(iss), "k2");
        verifier.warmUp();
        server.serve(TestKeys.jwksFor("k1", "k2"));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<TokenRejectedException> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 200; i++) {
                        String token = (i + thread) % 2 == 0 ? oldToken : newToken;
                        try {
                            verifier.verify(token);
                        } catch (TokenRejectedException e) {
                            if (failures.incrementAndGet() == 1) {
                                firstFailure.set(e);
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(0, failures.get(), () -> "first: " + firstFailure.get());
        assertEquals(2, server.requests(), "warm-up plus one fetch for the new kid");
    }

    @Test
    void verify_keyRemovedFromJwks_stopsVerifyingAfterNextSuccessfulRefresh() {
        server.serve(TestKeys.jwksFor("k1", "k2"));
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();
        String removed = Tokens.sign(Tokens.idToken(iss), "k1");
        assertEquals(Tokens.SUB, verifier.verify(removed).subject());

        server.serve(TestKeys.jwksFor("k2", "k3"));
        assertEquals(Tokens.SUB, verifier.verify(Tokens.sign(Tokens.idToken(iss), "k3")).subject());

        assertReason(Reason.UNKNOWN_KEY, () -> verifier.verify(removed));
    }

    @Test
    void verify_seededJwks_makesNoRequest() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).jwks(TestKeys.jwksFor("k1")).build();

        for (int i = 0; i < 100; i++) {
            assertEquals(Tokens.SUB, verifier.verify(Tokens.sign(Tokens.idToken(iss), "k1")).subject());
        }

        assertEquals(0, server.requests());
    }

    @Test
    void verify_seededJwksAndNewKid_fetches() {
        server.serve(TestKeys.jwksFor("k1", "k2"));
        CognitoTokenVerifier verifier = Fixtures.verifier(server).jwks(TestKeys.jwksFor("k1")).build();

        assertEquals(Tokens.SUB, verifier.verify(Tokens.sign(Tokens.idToken(iss), "k2")).subject());
        assertEquals(1, server.requests());
    }

    @Test
    void build_doesNoIo() {
        Fixtures.verifier(server).build();

        assertEquals(0, server.requests());
    }

    @Test
    void warmUp_fetchesOnceAndVerifyMakesNoFurtherRequest() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();

        verifier.warmUp();
        for (int i = 0; i < 50; i++) {
            verifier.verify(Tokens.sign(Tokens.idToken(iss), "k1"));
        }

        assertEquals(1, server.requests());
    }

    @Test
    void verify_outage_tokenWithKnownKeyNeverWaitsOnTheFetch() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).jwksTimeout(Duration.ofSeconds(20)).build();
        String known = Tokens.sign(Tokens.idToken(iss), "k1");
        verifier.verify(known);
        server.respond(aResponse().withStatus(200).withFixedDelay(15_000).withBody("{}"));
        Thread fetching = new Thread(() -> {
            try {
                verifier.verify(Tokens.sign(Tokens.idToken(iss), "slow"));
            } catch (TokenRejectedException expected) {
                // the hung fetch ends in JWKS_UNAVAILABLE; not what this test checks
            }
        });
        fetching.setDaemon(true);
        fetching.start();

        // Known keys are read without the fetch lock, so this completes while the fetch hangs.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 100; i++) {
                assertEquals(Tokens.SUB, verifier.verify(known).subject());
            }
        });
        fetching.interrupt();
    }

}
