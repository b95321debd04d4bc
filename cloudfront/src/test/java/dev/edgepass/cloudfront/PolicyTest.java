package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyTest {

    private static final Instant EXPIRES = Instant.ofEpochSecond(1767290400);

    @Test
    void toJson_canned_isTheDocumentedStatement() {
        Policy policy = Policy.builder().resource("https://d111111abcdef8.cloudfront.net/horizon.jpg?size=large&license=yes")
                .expiresAt(EXPIRES).build();

        assertEquals("{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/horizon.jpg?size=large&license=yes\","
                + "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1767290400}}}]}", policy.toJson());
        assertTrue(policy.isCanned());
    }

    @Test
    void toJson_custom_followsDocumentedKeyOrder() {
        Policy policy = Policy.builder().resource("https://*").expiresAt(EXPIRES.plusSeconds(86400))
                .activeFrom(EXPIRES).sourceIp("192.0.2.10").build();

        assertEquals("{\"Statement\":[{\"Resource\":\"https://*\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1767376800},"
                + "\"DateGreaterThan\":{\"AWS:EpochTime\":1767290400},\"IpAddress\":{\"AWS:SourceIp\":\"192.0.2.10/32\"}}}]}",
                policy.toJson());
        assertFalse(policy.isCanned());
    }

    @Test
    void toJson_everyNumberOfDigits_writesTheTimesInDecimal() {
        java.util.List<Long> seconds = new java.util.ArrayList<>();
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            seconds.addAll(java.util.List.of(p - 1, p, p + 1, 2 * p, 9 * p + (p - 1)));
        }
        seconds.addAll(java.util.List.of(1767290400L, 1893456000L, 4102444799L, Instant.MAX.getEpochSecond()));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            seconds.add(1 + (random.nextLong() >>> (1 + random.nextInt(63))) % (Instant.MAX.getEpochSecond() - 1));
        }
        for (long expires : seconds) {
            if (expires < 2 || expires > Instant.MAX.getEpochSecond()) {
                continue;
            }
            long start = expires / 3;
            Policy policy = Policy.builder().resource("https://e.com/*").expiresAt(Instant.ofEpochSecond(expires))
                    .activeFrom(Instant.ofEpochSecond(start)).build();
            assertEquals("{\"Statement\":[{\"Resource\":\"https://e.com/*\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
                    + expires + "},\"DateGreaterThan\":{\"AWS:EpochTime\":" + start + "}}}]}", policy.toJson(),
                    () -> "expires " + expires);
        }
    }

    @ParameterizedTest(name = "{0} -> canned={1}")
    @CsvSource({
            "https://example.com/a.jpg, true",
            "https://example.com/a.jpg?v=1, true",
            "https://example.com/*, false",
            "http*://example.com/a.jpg, false",
            "https://example.com/a*.jpg?v=?, false",
            "*, false",
    })
    void isCanned_onlyWithoutWildcard(String resource, boolean canned) {
        assertEquals(canned, Policy.builder().resource(resource).expiresAt(EXPIRES).build().isCanned());
    }

    @Test
    void isCanned_falseWithStartOrIp() {
        assertFalse(Policy.builder().resource("https://e.com/a").expiresAt(EXPIRES).activeFrom(EXPIRES.minusSeconds(1))
                .build().isCanned());
        assertFalse(Policy.builder().resource("https://e.com/a").expiresAt(EXPIRES).sourceIp("2001:db8::1").build().isCanned());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://example.com/my file.mp4|https://example.com/my%20file.mp4",
            "https://example.com/my%20file.mp4|https://example.com/my%20file.mp4",
            "https://example.com/caf\u00e9/\u00fcber.txt|https://example.com/caf%C3%A9/%C3%BCber.txt",
            "https://example.com/100%|https://example.com/100%25",
            "https://example.com/a{b}<c>`|https://example.com/a%7Bb%7D%3Cc%3E%60",
            "HTTPS://Example.COM/Path|https://example.com/Path",
            "https://b\u00fccher.example/x|https://xn--bcher-kva.example/x",
            "https://example.com/\uD83D\uDE00|https://example.com/%F0%9F%98%80",
    })
    void resource_isPercentEncodedOnce(String input, String wire) {
        Policy policy = Policy.builder().resource(input).expiresAt(EXPIRES).build();

        assertEquals(wire, policy.resource());
        assertTrue(policy.toJson().contains("\"Resource\":\"" + wire + "\""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "192.0.2.1, 192.0.2.1/32",
            "192.0.2.0/24, 192.0.2.0/24",
            "2001:db8::1, 2001:db8::1/128",
            "2001:db8::/32, 2001:db8::/32",
            "0.0.0.0/0, 0.0.0.0/0",
    })
    void sourceIp_bareAddressGetsFullPrefix(String input, String expected) {
        assertEquals(expected, Policy.builder().resource("https://e.com/a").expiresAt(EXPIRES).sourceIp(input).build()
                .sourceIp().orElseThrow());
    }

    static Stream<Arguments> badResources() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("example.com/a.jpg", "not absolute, no wildcard"),
                Arguments.of("ftp://example.com/a", "other scheme"),
                Arguments.of("https:///a", "no host"),
                Arguments.of("https://example.com/a\"b", "quote"),
                Arguments.of("https://example.com/a\\b", "backslash"),
                Arguments.of("https://example.com/a\nb", "newline"),
                Arguments.of("https://example.com/a\u0000", "NUL"),
                Arguments.of("https://example.com/a\u007f", "DEL"),
                Arguments.of("https://example.com/a#frag", "fragment"),
                Arguments.of("https://example.com/\uD800x", "unpaired surrogate"),
                Arguments.of("https://example.com/" + "a".repeat(9000), "too long"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badResources")
    void resource_rejectsBadInput(String resource, String why) {
        assertThrows(IllegalArgumentException.class, () -> Policy.builder().resource(resource));
    }

    @ParameterizedTest
    @CsvSource({"256.0.0.1", "1.2.3", "1.2.3.4/33", "01.2.3.4", "1.2.3.4/", "1.2.3.4/08", "2001:db8::/129", "2001:db8:::1",
            "localhost", "example.com", "fe80::1%eth0", "1.2.3.4/-1"})
    void sourceIp_rejectsMalformed(String cidr) {
        assertThrows(IllegalArgumentException.class, () -> Policy.builder().sourceIp(cidr));
    }

    @Test
    void build_rejectsStartNotBeforeEnd() {
        Policy.Builder b = Policy.builder().resource("https://e.com/*").expiresAt(EXPIRES).activeFrom(EXPIRES);

        assertThrows(IllegalStateException.class, b::build);
    }

    @Test
    void build_rejectsMissingFields() {
        assertThrows(IllegalStateException.class, () -> Policy.builder().expiresAt(EXPIRES).build());
        assertThrows(IllegalStateException.class, () -> Policy.builder().resource("https://e.com/a").build());
    }

    @Test
    void setters_rejectNullAndPreEpoch() {
        assertThrows(NullPointerException.class, () -> Policy.builder().resource(null));
        assertThrows(NullPointerException.class, () -> Policy.builder().expiresAt(null));
        assertThrows(NullPointerException.class, () -> Policy.builder().activeFrom(null));
        assertThrows(NullPointerException.class, () -> Policy.builder().sourceIp(null));
        assertThrows(IllegalArgumentException.class, () -> Policy.builder().expiresAt(Instant.EPOCH));
    }

    @Test
    void expiresAt_isCutToWholeSeconds() {
        Policy policy = Policy.builder().resource("https://e.com/a").expiresAt(EXPIRES.plusMillis(999)).build();

        assertEquals(EXPIRES, policy.expiresAt());
    }

    @Test
    void withExpiryRoundedUp_roundsToNextBucket() {
        Policy policy = Policy.builder().resource("https://e.com/a").expiresAt(Instant.ofEpochSecond(1_000_001)).build();

        assertEquals(Instant.ofEpochSecond(1_000_020), policy.withExpiryRoundedUp(Duration.ofMinutes(1)).expiresAt());
        Policy onBoundary = Policy.builder().resource("https://e.com/a").expiresAt(Instant.ofEpochSecond(1_000_020)).build();
        assertSame(onBoundary, onBoundary.withExpiryRoundedUp(Duration.ofMinutes(1)));
    }

    @Test
    void equalPolicies_areEqual() {
        assertEquals(Policy.builder().resource("https://e.com/a").expiresAt(EXPIRES).build(),
                Policy.builder().resource("https://e.com/a").expiresAt(EXPIRES).build());
    }
}
