package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyStatementTest {

    private static final Instant EXPIRES = Instant.parse("2026-11-25T13:00:00Z");
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dir;

    @Test
    void decode_cookieFromFactory_readsEveryCondition() {
        Policy policy = Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/*")
                .expiresAt(EXPIRES).activeFrom(START).sourceIp("192.0.2.0/24").build();
        CloudFrontSigner signer = CloudFrontSigner.of("K2JCJMDEHXQW5F", TestKeys.ec(dir, "ec").privateKey());
        String cookie = SignedCookieFactory.builder().signer(signer).build().create(policy).asMap().get(SignedCookies.POLICY);

        PolicyStatement statement = PolicyStatement.decode(cookie);

        assertEquals(Optional.of("https://d111111abcdef8.cloudfront.net/private/*"), statement.resource());
        assertEquals(EXPIRES, statement.expiresAt());
        assertEquals(Optional.of(START), statement.activeFrom());
        assertEquals(Optional.of("192.0.2.0/24"), statement.sourceIp());
        assertEquals(policy.toJson(), statement.json());
    }

    @Test
    void parse_keepsTheTextAsSent_andAllowsAMissingResource() {
        String json = "{ \"Statement\": [ { \"Condition\": { \"DateLessThan\": { \"AWS:EpochTime\": 1767290400 } } } ] }";

        PolicyStatement statement = PolicyStatement.parse(json);

        assertEquals(json, statement.json());
        assertEquals(Optional.empty(), statement.resource());
        assertEquals(Instant.ofEpochSecond(1767290400L), statement.expiresAt());
        assertFalse(statement.activeFrom().isPresent());
        assertFalse(statement.sourceIp().isPresent());
    }

    @Test
    void parse_startOnOrAfterExpiry_isReadNotRefused() {
        // CloudFront accepts the statement and refuses every request; inspecting it must still work.
        PolicyStatement statement = PolicyStatement.parse("{\"Statement\":[{\"Resource\":\"https://e.com/*\",\"Condition\":"
                + "{\"DateLessThan\":{\"AWS:EpochTime\":10},\"DateGreaterThan\":{\"AWS:EpochTime\":20}}}]}");

        assertTrue(statement.activeFrom().orElseThrow().isAfter(statement.expiresAt()));
    }

    static Stream<Arguments> malformed() {
        String longValue = "A".repeat(PolicyStatement.MAX_ENCODED_CHARS + 4);
        return Stream.of(
                Arguments.of("standard base64 '+'", "eyJ+", "not CloudFront base64"),
                Arguments.of("length not a multiple of 4", "eyJ", "not CloudFront base64"),
                Arguments.of("empty", "", "not CloudFront base64"),
                Arguments.of("invalid UTF-8", cf(new byte[] {(byte) 0xc3, (byte) 0x28, 0x41}), "not UTF-8"),
                Arguments.of("not JSON", cf("hello".getBytes(StandardCharsets.UTF_8)), "unexpected character"),
                Arguments.of("two statements", cf(("{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":"
                        + "{\"AWS:EpochTime\":1}}},{\"Resource\":\"y\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]}")
                        .getBytes(StandardCharsets.UTF_8)), "2 statements"),
                Arguments.of("no DateLessThan", cf("{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{}}]}"
                        .getBytes(StandardCharsets.UTF_8)), "no \"DateLessThan\""),
                Arguments.of("too long", longValue, "at most " + PolicyStatement.MAX_ENCODED_CHARS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void decode_malformed_throwsMalformedPolicyNamingTheProblem(String name, String encoded, String expected) {
        CloudFrontException e = assertThrows(CloudFrontException.class, () -> PolicyStatement.decode(encoded));

        assertEquals(CloudFrontException.Reason.MALFORMED_POLICY, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void decode_null_throwsNullPointerNamingTheParameter() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> PolicyStatement.decode(null));
        assertEquals("encoded", e.getMessage());
    }

    @Test
    void toString_namesConditionsOnly() {
        PolicyStatement statement = PolicyStatement.parse(Policy.builder().resource("https://e.com/a.jpg").expiresAt(EXPIRES)
                .build().toJson());

        assertEquals("PolicyStatement[resource='https://e.com/a.jpg', expiresAt=2026-11-25T13:00:00Z]", statement.toString());
    }

    private static String cf(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes).replace('+', '-').replace('=', '_').replace('/', '~');
    }
}
