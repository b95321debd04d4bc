package dev.edgepass.cognito;

import static dev.edgepass.cognito.CognitoTokenVerifierTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.cognito.TokenRejectedException.Reason;
import dev.edgepass.cognito.testing.Fixtures;
import dev.edgepass.cognito.testing.JwksServer;
import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.cognito.testing.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** exp, nbf and iat at the exact second, with and without clock skew, against a fixed clock. */
class ClaimTimeBoundaryTest {

    private static final long T = Tokens.NOW.getEpochSecond();
    private static JwksServer server;

    @BeforeAll
    static void start() {
        server = JwksServer.start().serve(TestKeys.jwksFor("k1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // offset = claim value minus now, in seconds; skew in seconds; expected: OK or a Reason.
    @ParameterizedTest(name = "exp now{0}s skew {1}s -> {2}")
    @CsvSource({
            "1, 0, OK",
            "0, 0, EXPIRED",
            "-1, 0, EXPIRED",
            "-29, 30, OK",
            "-30, 30, EXPIRED",
            "-31, 30, EXPIRED"})
    void verify_expAtBoundary(long offset, long skew, String expected) {
        check("exp", offset, skew, expected);
    }

    @ParameterizedTest(name = "nbf now{0}s skew {1}s -> {2}")
    @CsvSource({
            "0, 0, OK",
            "-1, 0, OK",
            "1, 0, NOT_YET_VALID",
            "30, 30, OK",
            "31, 30, NOT_YET_VALID"})
    void verify_nbfAtBoundary(long offset, long skew, String expected) {
        check("nbf", offset, skew, expected);
    }

    @ParameterizedTest(name = "iat now{0}s skew {1}s -> {2}")
    @CsvSource({
            "0, 0, OK",
            "1, 0, NOT_YET_VALID",
            "30, 30, OK",
            "31, 30, NOT_YET_VALID"})
    void verify_iatAtBoundary(long offset, long skew, String expected) {
        check("iat", offset, skew, expected);
    }

    @ParameterizedTest(name = "fractional exp {0} -> {1}")
    @CsvSource({"0.5, OK", "0.0, EXPIRED", "-0.25, EXPIRED"})
    void verify_fractionalExp(double offset, String expected) {
        Map<String, Object> claims = Tokens.idToken(server.issuer().toString());
        claims.put("exp", T + offset);
        outcome(verifier(0), Tokens.sign(claims, "k1"), expected);
    }

    private static void check(String claim, long offset, long skew, String expected) {
        Map<String, Object> claims = Tokens.idToken(server.issuer().toString());
        claims.put(claim, T + offset);
        if (!claim.equals("iat")) {
            claims.put("iat", T - 3600);
        }
        outcome(verifier(skew), Tokens.sign(claims, "k1"), expected);
    }

    private static CognitoTokenVerifier verifier(long skewSeconds) {
        return Fixtures.verifier(server).clockSkew(Duration.ofSeconds(skewSeconds))
                .clock(Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC)).build();
    }

    private static void outcome(CognitoTokenVerifier verifier, String token, String expected) {
        if (expected.equals("OK")) {
            assertEquals(Tokens.SUB, verifier.verify(token).subject());
        } else {
            assertReason(Reason.valueOf(expected), () -> verifier.verify(token));
        }
    }
}
