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

/**
 * exp, nbf and iat at the exact second, with and without clock skew, against a fixed clock; and
 * the default tolerance for a verifier whose clock lags the issuer's.
 */
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

    // The default configuration: iat/nbf may be up to 60 s ahead of the verifier's clock, exp is exact.
    // offset = claim value minus now, in milliseconds, as a clock that lags Cognito's sees it.
    @ParameterizedTest(name = "default config, {0} now+{1}ms -> {2}")
    @CsvSource({
            "iat, 0, OK",
            "iat, 4, OK",
            "iat, 999, OK",
            "iat, 60000, OK",
            "iat, 60001, NOT_YET_VALID",
            "iat, 61000, NOT_YET_VALID",
            "nbf, 4, OK",
            "nbf, 60000, OK",
            "nbf, 60001, NOT_YET_VALID",
            "exp, 1, OK",
            "exp, 0, EXPIRED",
            "exp, -1, EXPIRED"})
    void verify_defaultConfig_clockLaggingIssuer(String claim, long offsetMillis, String expected) {
        // Cognito writes whole seconds; the verifier's clock is offsetMillis behind the claim.
        Instant claimTime = Instant.ofEpochSecond(T);
        Clock lagging = Clock.fixed(claimTime.minusMillis(offsetMillis), ZoneOffset.UTC);
        Map<String, Object> claims = Tokens.idToken(server.issuer().toString());
        claims.put(claim, T);
        if (!claim.equals("iat")) {
            claims.put("iat", T - 3600);
        }
        if (!claim.equals("exp")) {
            claims.put("exp", T + 3600);
        }
        outcome(Fixtures.verifier(server).clock(lagging).build(), Tokens.sign(claims, "k1"), expected);
    }

    @ParameterizedTest(name = "{0} now+{1}s tolerance {2}s skew {3}s -> {4}")
    @CsvSource({
            "iat, 1, 0, 0, NOT_YET_VALID",
            "iat, 10, 10, 0, OK",
            "iat, 11, 10, 0, NOT_YET_VALID",
            "iat, 30, 10, 30, OK",
            "nbf, 120, 120, 0, OK",
            "nbf, 121, 120, 0, NOT_YET_VALID",
            "exp, -1, 120, 0, EXPIRED"})
    void verify_notBeforeTolerance_boundsIatAndNbfOnly(String claim, long offset, long tolerance, long skew, String expected) {
        Map<String, Object> claims = Tokens.idToken(server.issuer().toString());
        claims.put(claim, T + offset);
        if (!claim.equals("iat")) {
            claims.put("iat", T - 3600);
        }
        CognitoTokenVerifier verifier = Fixtures.verifier(server)
                .notBeforeTolerance(Duration.ofSeconds(tolerance)).clockSkew(Duration.ofSeconds(skew))
                .clock(Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC)).build();
        outcome(verifier, Tokens.sign(claims, "k1"), expected);
    }

    @ParameterizedTest(name = "fractional exp {0} -> {1}")
    @CsvSource({"0.5, OK", "0.0, EXPIRED", "-0.25, EXPIRED"})
    void verify_fractionalExp(double offset, String expected) {
        Map<String, Object> claims = Tokens.idToken(server.issuer().toString());
        claims.put("exp", T + offset);
        outcome(verifier(0), Tokens.sign(claims, "k1"), expected);
    }

    // Sub-second skew and fractional times whose nanoseconds add up past a whole second: with a
    // skew (and tolerance) of 0.5 s, exp T+0.55 s lasts until T+1.05 s, and a clock at T+0.6 s
    // accepts nbf and iat up to T+1.1 s. (No row sits exactly on a bound: a double holds T+0.55
    // only to within a microsecond.)
    @ParameterizedTest(name = "{0} = T+{1}s, clock T+{2}s, skew 0.5s -> {3}")
    @CsvSource({
            "exp, 0.55, 1.0, OK",
            "exp, 0.55, 1.1, EXPIRED",
            "exp, 0.65, 1.1, OK",
            "exp, 0.45, 1.0, EXPIRED",
            "nbf, 1.05, 0.6, OK",
            "nbf, 1.15, 0.6, NOT_YET_VALID",
            "iat, 1.05, 0.6, OK",
            "iat, 1.15, 0.6, NOT_YET_VALID"})
    void verify_subSecondSkewCarryingIntoTheNextSecond(String claim, double offset, double clockOffset, String expected) {
        Map<String, Object> claims = Tokens.idToken(server.issuer().toString());
        claims.put(claim, T + offset);
        if (!claim.equals("iat")) {
            claims.put("iat", T - 3600);
        }
        Instant now = Instant.ofEpochSecond(T, Math.round(clockOffset * 1e9));
        CognitoTokenVerifier verifier = Fixtures.verifier(server).clockSkew(Duration.ofMillis(500))
                .notBeforeTolerance(Duration.ofMillis(500)).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        outcome(verifier, Tokens.sign(claims, "k1"), expected);
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
        return Fixtures.verifier(server).clockSkew(Duration.ofSeconds(skewSeconds)).notBeforeTolerance(Duration.ZERO)
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
