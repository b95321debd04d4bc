package dev.edgepass.cognito;

import static dev.edgepass.cognito.CognitoTokenVerifierTest.assertReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.edgepass.cognito.TokenRejectedException.Reason;
import dev.edgepass.cognito.testing.Fixtures;
import dev.edgepass.cognito.testing.Fixtures.MutableClock;
import dev.edgepass.cognito.testing.JwksServer;
import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.cognito.testing.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

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

    @Test
    void verify_sameTokenTwice_returnsTheCachedToken() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).cacheVerifiedTokens(100).build();
        String jwt = Tokens.sign(Tokens.idToken(iss), "k1");

        assertSame(verifier.verify(jwt), verifier.verify(jwt));
    }

    @Test
    void verify_cachedTokenAfterExpiry_rejectsWithExpired() {
        MutableClock clock = new MutableClock(Tokens.NOW);
        CognitoTokenVerifier verifier = Fixtures.verifier(server).clock(clock).cacheVerifiedTokens(100).build();
        String jwt = Tokens.sign(Tokens.idToken(iss), "k1");
        verifier.verify(jwt);

        clock.set(Tokens.NOW.plusSeconds(3600));

        assertReason(Reason.EXPIRED, () -> verifier.verify(jwt));
    }

    @Test
    void verify_cachedTokenWithChangedSignature_isVerifiedAgainAndRejected() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).cacheVerifiedTokens(100).build();
        String jwt = Tokens.sign(Tokens.idToken(iss), "k1");
        verifier.verify(jwt);
        String other = Tokens.sign(Tokens.idToken(iss), "attacker");
        String forged = jwt.substring(0, jwt.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));

        assertReason(Reason.BAD_SIGNATURE, () -> verifier.verify(forged));
    }

    @Test
    void verify_rejectedToken_isNotCached() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).groups("nobody").cacheVerifiedTokens(100).build();
        String jwt = Tokens.sign(Tokens.idToken(iss), "k1");

        assertReason(Reason.MISSING_GROUP, () -> verifier.verify(jwt));
        assertReason(Reason.MISSING_GROUP, () -> verifier.verify(jwt));
    }

    @Test
    void verify_cacheHit_needsNoJwks() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).cacheVerifiedTokens(10).build();
        String jwt = Tokens.sign(Tokens.idToken(iss), "k1");
        verifier.verify(jwt);
        server.close();

        assertEquals(Tokens.SUB, verifier.verify(jwt).subject());
    }
}
