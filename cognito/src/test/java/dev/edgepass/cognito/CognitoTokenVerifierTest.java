package dev.edgepass.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cognito.TokenRejectedException.Reason;
import dev.edgepass.cognito.testing.Fixtures;
import dev.edgepass.cognito.testing.JwksServer;
import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.cognito.testing.Tokens;
import java.security.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CognitoTokenVerifierTest {

    private static JwksServer server;

    @BeforeAll
    static void startServer() {
        server = JwksServer.start().serve(TestKeys.jwksFor("k1", "k2"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Stream<Provider> providers() {
        return Fixtures.providers().stream();
    }

    private static String iss() {
        return server.issuer().toString();
    }

    @Test
    void claims_ofVerifiedToken_holdEveryClaimInTokenOrderAndAreBuiltOnce() {
        // The verifier builds only the claims it checks; claims() parses the rest on first use.
        CognitoTokenVerifier verifier = Fixtures.verifier(server).tokenUse(TokenUse.ID).build();
        Map<String, Object> sent = Tokens.idToken(iss());
        sent.put("custom:tenant", "acme");
        sent.put("identities", List.of(Map.of("providerName", "Google", "primary", "true")));

        CognitoToken token = verifier.verify(Tokens.sign(sent, "k1"));
        Map<String, Object> claims = token.claims();

        assertEquals(List.copyOf(sent.keySet()), List.copyOf(claims.keySet()));
        assertEquals("acme", claims.get("custom:tenant"));
        assertEquals(List.of(Map.of("providerName", "Google", "primary", "true")), claims.get("identities"));
        assertEquals(Tokens.NOW.getEpochSecond() + 3600, claims.get("exp"));
        assertSame(claims, token.claims());
        assertThrows(UnsupportedOperationException.class, () -> claims.put("sub", "someone-else"));
    }

    @Test
    void verify_characterAbove0xffWhoseLowByteIsTheOneItReplaces_isRefusedAtEveryPosition() {
        // The verifier reads a token's characters as bytes: a character such as U+0165, whose
        // low byte is 'e', must not pass for 'e' anywhere, even right after the genuine token
        // left its own bytes in the thread's buffer.
        CognitoTokenVerifier verifier = Fixtures.verifier(server).tokenUse(TokenUse.ID).build();
        String good = Tokens.sign(Tokens.idToken(iss()), "k1");
        int dot1 = good.indexOf('.');
        int dot2 = good.lastIndexOf('.');
        for (int i = 0; i < good.length(); i++) {
            if (i == dot1 || i == dot2) {
                continue;
            }
            String aliased = good.substring(0, i) + (char) (0x100 | good.charAt(i)) + good.substring(i + 1);
            String part = i < dot1 ? "header" : i < dot2 ? "payload" : "signature";
            assertEquals(Tokens.SUB, verifier.verify(good).subject());

            TokenRejectedException e = assertReason(Reason.MALFORMED, () -> verifier.verify(aliased));

            assertEquals("MALFORMED: " + part + " is not unpadded base64url", e.getMessage(), "character " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verify_cognitoIdToken_returnsItsClaims(Provider provider) {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).provider(provider).tokenUse(TokenUse.ID).build();

        CognitoToken token = verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1"));

        assertEquals(Tokens.SUB, token.subject());
        assertEquals(Optional.of("jane"), token.username());
        assertEquals(List.of("admins", "readers"), token.groups());
        assertEquals(Set.of(), token.scopes());
        assertEquals(Tokens.CLIENT_ID, token.clientId());
        assertEquals(TokenUse.ID, token.tokenUse());
        assertEquals(iss(), token.issuer());
        assertEquals(Optional.of(Tokens.NOW), token.authTime());
        assertEquals(Optional.of(Tokens.NOW), token.issuedAt());
        assertEquals(Tokens.NOW.plusSeconds(3600), token.expiresAt());
        assertEquals(Optional.of("jane@example.com"), token.claim("email"));
        assertEquals(Boolean.TRUE, token.claims().get("email_verified"));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verify_cognitoAccessToken_returnsScopesAndClientId(Provider provider) {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).provider(provider).tokenUse(TokenUse.ACCESS)
                .scopes("orders/read").build();

        CognitoToken token = verifier.verify(Tokens.sign(Tokens.accessToken(iss()), "k2"));

        assertEquals(Set.of("openid", "email", "orders/read"), token.scopes());
        assertEquals(Tokens.CLIENT_ID, token.clientId());
        assertEquals(TokenUse.ACCESS, token.tokenUse());
        assertEquals(Optional.of("jane"), token.username());
        assertEquals(2L, token.claims().get("version"));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verify_tamperedPayload_rejectsWithBadSignature(Provider provider) {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).provider(provider).build();
        String[] parts = Tokens.sign(Tokens.idToken(iss()), "k1").split("\\.");
        Map<String, Object> claims = Tokens.idToken(iss());
        claims.put("cognito:groups", List.of("admins", "superusers"));
        String forged = parts[0] + "." + Tokens.b64(Tokens.json(claims)) + "." + parts[2];

        assertReason(Reason.BAD_SIGNATURE, () -> verifier.verify(forged));
    }

    @Test
    void verify_accessTokenWhenIdExpected_rejectsWithWrongTokenUse() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).tokenUse(TokenUse.ID).build();

        TokenRejectedException e = assertReason(Reason.WRONG_TOKEN_USE,
                () -> verifier.verify(Tokens.sign(Tokens.accessToken(iss()), "k1")));
        assertTrue(e.getMessage().contains("token_use was 'access', expected 'id'"), e.getMessage());
    }

    @Test
    void verify_idTokenWhenAccessExpected_rejectsWithWrongTokenUse() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).tokenUse(TokenUse.ACCESS).build();

        assertReason(Reason.WRONG_TOKEN_USE, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")));
    }

    @Test
    void verify_otherClient_rejectsWithWrongAudience() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();
        Map<String, Object> id = Tokens.idToken(iss());
        id.put("aud", "someOtherClient");
        Map<String, Object> access = Tokens.accessToken(iss());
        access.put("client_id", "someOtherClient");

        assertReason(Reason.WRONG_AUDIENCE, () -> verifier.verify(Tokens.sign(id, "k1")));
        assertReason(Reason.WRONG_AUDIENCE, () -> verifier.verify(Tokens.sign(access, "k1")));
    }

    @Test
    void verify_secondClientId_accepts() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).clientId("another").build();
        Map<String, Object> id = Tokens.idToken(iss());
        id.put("aud", "another");

        assertEquals("another", verifier.verify(Tokens.sign(id, "k1")).clientId());
    }

    @Test
    void verify_audienceArrayHoldingClient_accepts() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();
        Map<String, Object> id = Tokens.idToken(iss());
        id.put("aud", List.of("x", Tokens.CLIENT_ID));

        assertEquals(Tokens.CLIENT_ID, verifier.verify(Tokens.sign(id, "k1")).clientId());
    }

    @Test
    void verify_otherIssuer_rejectsWithWrongIssuer() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).build();

        assertReason(Reason.WRONG_ISSUER, () -> verifier.verify(
                Tokens.sign(Tokens.idToken("https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Other"), "k1")));
    }

    @Test
    void verify_userNotInRequiredGroup_rejectsWithMissingGroup() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).groups("auditors", "owners").build();

        assertReason(Reason.MISSING_GROUP, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")));
    }

    @Test
    void verify_userInOneOfTheGroups_accepts() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).groups("auditors", "readers").build();

        assertEquals(Tokens.SUB, verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")).subject());
    }

    @Test
    void verify_tokenWithoutGroupsWhenGroupRequired_rejectsWithMissingGroup() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).groups("admins").build();
        Map<String, Object> claims = Tokens.idToken(iss());
        claims.remove("cognito:groups");

        assertReason(Reason.MISSING_GROUP, () -> verifier.verify(Tokens.sign(claims, "k1")));
    }

    @Test
    void verify_scopeMissing_rejectsWithMissingScope() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).tokenUse(TokenUse.ACCESS).scopes("orders/write").build();

        assertReason(Reason.MISSING_SCOPE, () -> verifier.verify(Tokens.sign(Tokens.accessToken(iss()), "k1")));
    }

    @Test
    void verify_customCheckFails_rejectsWithCustomCheckFailedNamingIt() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server)
                .check("email verified", t -> Boolean.FALSE.equals(t.claims().get("email_verified"))).build();

        TokenRejectedException e = assertReason(Reason.CUSTOM_CHECK_FAILED,
                () -> verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")));
        assertTrue(e.getMessage().contains("'email verified'"), e.getMessage());
    }

    @Test
    void verify_customCheckThrows_rejectsWithCustomCheckFailed() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).check("boom", t -> {
            throw new IllegalStateException("bug in check");
        }).build();

        TokenRejectedException e = assertReason(Reason.CUSTOM_CHECK_FAILED,
                () -> verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")));
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    @Test
    void verify_customCheckThrowsOwnRejection_keepsItsReason() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).check("tenant", t -> {
            throw new TokenRejectedException(Reason.WRONG_AUDIENCE, "tenant mismatch");
        }).build();

        assertReason(Reason.WRONG_AUDIENCE, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")));
    }

    @Test
    void verify_customCheckPasses_accepts() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server)
                .check("email verified", t -> Boolean.TRUE.equals(t.claims().get("email_verified"))).build();

        assertEquals(Tokens.SUB, verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")).subject());
    }

    @Test
    void verify_rs384AllowedAndKeyUnrestricted_accepts() {
        try (JwksServer other = JwksServer.start()) {
            other.serve(TestKeys.jwks(TestKeys.jwk("k384", TestKeys.rsa("k384"), "sig", null)));
            CognitoTokenVerifier verifier = Fixtures.verifier(other).algorithms("RS256", "RS384").build();
            String token = Tokens.raw("{\"kid\":\"k384\",\"alg\":\"RS384\"}", Tokens.json(Tokens.idToken(other.issuer().toString())),
                    TestKeys.rsa("k384").getPrivate(), "SHA384withRSA");

            assertEquals(Tokens.SUB, verifier.verify(token).subject());
        }
    }

    @Test
    void verify_twoUserPools_eachPoolsKeysVerifyOnlyItsTokens() {
        try (JwksServer second = JwksServer.start()) {
            second.serve(TestKeys.jwksFor("p2"));
            // Two stand-in pools cannot both be loopback issuers via userPoolId, so check issuer routing
            // with two verifiers sharing nothing and one with both real pool ids.
            CognitoTokenVerifier both = CognitoTokenVerifier.builder()
                    .userPoolId("eu-west-2_PoolOne1").userPoolId("us-east-1_PoolTwo2")
                    .clientId(Tokens.CLIENT_ID).tokenUse(TokenUse.ID).build();

            assertEquals(Set.of("https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_PoolOne1",
                    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_PoolTwo2"), both.issuers());
            assertReason(Reason.WRONG_ISSUER, () -> both.verify(Tokens.sign(Tokens.idToken(second.issuer().toString()), "p2")));
        }
    }

    @Test
    void toString_namesNoClaimValuesBeyondSubjectAndClient() {
        CognitoToken token = Fixtures.verifier(server).build().verify(Tokens.sign(Tokens.idToken(iss()), "k1"));

        assertFalse(token.toString().contains("jane@example.com"), token.toString());
        assertTrue(token.toString().contains("email"), token.toString());
    }

    @Test
    void rejectionMessage_neverContainsTheToken() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server).groups("nobody").build();
        String jwt = Tokens.sign(Tokens.idToken(iss()), "k1");

        TokenRejectedException e = assertThrows(TokenRejectedException.class, () -> verifier.verify(jwt));
        for (String part : jwt.split("\\.")) {
            assertFalse(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void verify_fixedClockAfterExpiry_rejectsWithExpired() {
        CognitoTokenVerifier verifier = Fixtures.verifier(server)
                .clock(java.time.Clock.fixed(Instant.parse("2026-11-25T13:00:00Z"), java.time.ZoneOffset.UTC)).build();

        assertReason(Reason.EXPIRED, () -> verifier.verify(Tokens.sign(Tokens.idToken(iss()), "k1")));
    }

    static TokenRejectedException assertReason(Reason expected, org.junit.jupiter.api.function.Executable call) {
        TokenRejectedException e = assertThrows(TokenRejectedException.class, call);
        assertEquals(expected, e.reason(), e.getMessage());
        return e;
    }
}
