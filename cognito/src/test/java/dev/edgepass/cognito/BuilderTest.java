package dev.edgepass.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuilderTest {

    private static CognitoTokenVerifier.Builder valid() {
        return CognitoTokenVerifier.builder().userPoolId("eu-west-2_abc123").clientId("client").tokenUse(TokenUse.ID);
    }

    static Stream<Arguments> badArguments() {
        return Stream.<Arguments>of(
                Arguments.of("pool id without region", (Consumer<CognitoTokenVerifier.Builder>) b -> b.userPoolId("abc123"), "userPoolId"),
                Arguments.of("pool id with a path", (Consumer<CognitoTokenVerifier.Builder>) b -> b.userPoolId("eu-west-2_abc/../x"), "userPoolId"),
                Arguments.of("empty client ids", (Consumer<CognitoTokenVerifier.Builder>) b -> b.clientId(), "clientId"),
                Arguments.of("blank client id", (Consumer<CognitoTokenVerifier.Builder>) b -> b.clientId(" "), "clientId"),
                Arguments.of("empty groups", (Consumer<CognitoTokenVerifier.Builder>) b -> b.groups(), "groups"),
                Arguments.of("scope with a space", (Consumer<CognitoTokenVerifier.Builder>) b -> b.scopes("a b"), "scopes"),
                Arguments.of("negative skew", (Consumer<CognitoTokenVerifier.Builder>) b -> b.clockSkew(Duration.ofSeconds(-5)), "was PT-5S"),
                Arguments.of("skew over five minutes", (Consumer<CognitoTokenVerifier.Builder>) b -> b.clockSkew(Duration.ofMinutes(6)), "clockSkew"),
                Arguments.of("negative notBeforeTolerance", (Consumer<CognitoTokenVerifier.Builder>) b -> b.notBeforeTolerance(Duration.ofSeconds(-1)), "notBeforeTolerance must be between PT0S and PT5M, was PT-1S"),
                Arguments.of("notBeforeTolerance over five minutes", (Consumer<CognitoTokenVerifier.Builder>) b -> b.notBeforeTolerance(Duration.ofMinutes(6)), "notBeforeTolerance"),
                Arguments.of("zero timeout", (Consumer<CognitoTokenVerifier.Builder>) b -> b.jwksTimeout(Duration.ZERO), "jwksTimeout"),
                Arguments.of("timeout over a minute", (Consumer<CognitoTokenVerifier.Builder>) b -> b.jwksTimeout(Duration.ofMinutes(2)), "jwksTimeout"),
                Arguments.of("negative cool-down", (Consumer<CognitoTokenVerifier.Builder>) b -> b.jwksCooldown(Duration.ofSeconds(-1)), "jwksCooldown"),
                Arguments.of("http issuer off loopback", (Consumer<CognitoTokenVerifier.Builder>) b -> b.issuer(URI.create("http://example.com/pool")), "https"),
                Arguments.of("issuer with a query", (Consumer<CognitoTokenVerifier.Builder>) b -> b.issuer(URI.create("https://example.com/pool?x=1")), "query"),
                Arguments.of("relative issuer", (Consumer<CognitoTokenVerifier.Builder>) b -> b.issuer(URI.create("/pool")), "absolute"),
                Arguments.of("algorithm none", (Consumer<CognitoTokenVerifier.Builder>) b -> b.algorithms("none"), "algorithms"),
                Arguments.of("algorithm HS256", (Consumer<CognitoTokenVerifier.Builder>) b -> b.algorithms("HS256"), "algorithms"),
                Arguments.of("cache size zero", (Consumer<CognitoTokenVerifier.Builder>) b -> b.cacheVerifiedTokens(0), "cacheVerifiedTokens"),
                Arguments.of("token length tiny", (Consumer<CognitoTokenVerifier.Builder>) b -> b.maxTokenLength(10), "maxTokenLength"),
                Arguments.of("jwks not JSON", (Consumer<CognitoTokenVerifier.Builder>) b -> b.jwks("nope"), "jwks"),
                Arguments.of("blank check name", (Consumer<CognitoTokenVerifier.Builder>) b -> b.check(" ", t -> true), "check"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void setter_badArgument_throwsIllegalArgumentNamingIt(String name, Consumer<CognitoTokenVerifier.Builder> set, String mention) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.accept(valid()));

        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void setters_nullArguments_throwNullPointerNamingThem() {
        CognitoTokenVerifier.Builder b = valid();
        assertEquals("userPoolId", assertThrows(NullPointerException.class, () -> b.userPoolId(null)).getMessage());
        assertEquals("issuer", assertThrows(NullPointerException.class, () -> b.issuer(null)).getMessage());
        assertEquals("tokenUse", assertThrows(NullPointerException.class, () -> b.tokenUse(null)).getMessage());
        assertEquals("clock", assertThrows(NullPointerException.class, () -> b.clock(null)).getMessage());
        assertEquals("provider", assertThrows(NullPointerException.class, () -> b.provider(null)).getMessage());
        assertEquals("jwt", assertThrows(NullPointerException.class, () -> valid().build().verify(null)).getMessage());
    }

    static Stream<Arguments> badCombinations() {
        return Stream.<Arguments>of(
                Arguments.of("no pool or issuer", CognitoTokenVerifier.builder().clientId("c").tokenUse(TokenUse.ID), "userPoolId or issuer"),
                Arguments.of("no client id", CognitoTokenVerifier.builder().userPoolId("eu-west-2_a1").tokenUse(TokenUse.ID), "clientId"),
                Arguments.of("no token use", CognitoTokenVerifier.builder().userPoolId("eu-west-2_a1").clientId("c"), "tokenUse"),
                Arguments.of("scopes with ID tokens", valid().scopes("orders/read"), "scopes"),
                Arguments.of("issuer with two pools", valid().userPoolId("us-east-1_b2").issuer(URI.create("https://idp.example")), "issuer"),
                Arguments.of("seed with two pools", valid().userPoolId("us-east-1_b2").jwks("{\"keys\":[]}"), "jwks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCombinations")
    void build_optionsThatDoNotFit_throwIllegalState(String name, CognitoTokenVerifier.Builder builder, String mention) {
        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

        assertTrue(e.getMessage().contains(mention), e.getMessage());
    }

    @Test
    void build_seedWithoutUsableKeys_throwsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> valid().jwks("{\"keys\":[]}").build());
    }

    @Test
    void build_userPoolId_derivesIssuerFromRegion() {
        assertEquals(Set.of("https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc123"), valid().build().issuers());
        assertEquals(Set.of("https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_X9"),
                CognitoTokenVerifier.builder().userPoolId("us-gov-west-1_X9").clientId("c").tokenUse(TokenUse.ANY).build().issuers());
    }

    @Test
    void build_loopbackHttpIssuer_isAccepted() {
        CognitoTokenVerifier verifier = valid().issuer(URI.create("http://localhost:9229/local_pool")).build();

        assertEquals(Set.of("http://localhost:9229/local_pool"), verifier.issuers());
    }

    @Test
    void javadocExample_compiles() {
        CognitoTokenVerifier verifier = CognitoTokenVerifier.builder()
                .userPoolId("eu-west-2_abc123")
                .clientId("1example23456789")
                .tokenUse(TokenUse.ID)
                .groups("admins", "editors")
                .clockSkew(Duration.ofSeconds(30))
                .check("email verified", token -> Boolean.TRUE.equals(token.claims().get("email_verified")))
                .build();

        assertTrue(verifier.toString().contains("eu-west-2_abc123"));
    }
}
