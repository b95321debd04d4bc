package dev.edgepass.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    @Test
    void parse_readsEveryValueType_inDocumentOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5, 1e3, true, false, null], \"a\": \"x\\u00e9\\n\\\"\\/\\ud83d\\ude00\","
                + " \"big\": 123456789012345678901} ");

        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "big"), List.copyOf(m.keySet()));
        List<?> b = (List<?>) m.get("b");
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("-2.5"), new BigDecimal("1e3"), true, false), b.subList(0, 5));
        assertSame(Json.NULL, b.get(5));
        assertEquals("x\u00e9\n\"/\ud83d\ude00", m.get("a"));
        assertEquals(new BigDecimal("123456789012345678901"), m.get("big"));
    }

    @Test
    void parse_resultIsUnmodifiable() {
        Map<String, Object> m = Json.parseObject("{\"a\": [1]}");

        assertThrows(UnsupportedOperationException.class, () -> m.put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) m.get("a")).clear());
    }

    @Test
    void parse_thirtyTwoLevels_accepted() {
        assertEquals(1, ((List<?>) Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH))).size());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "invalid JSON: the document ends early; expected a value"),
                Arguments.of("<html>", "invalid JSON at line 1, column 1: expected a value"),
                Arguments.of("{\"log\":{\"entries\":[{\"request\":", "invalid JSON: the document ends early; expected a value"),
                Arguments.of("{\"a\":1,}", "invalid JSON at line 1, column 8: expected a member name in double quotes"),
                Arguments.of("{\"a\" 1}", "invalid JSON at line 1, column 6: expected ':'"),
                Arguments.of("[1 2]", "invalid JSON at line 1, column 4: expected ',' or ']'"),
                Arguments.of("{\n  \"a\": tru}", "invalid JSON at line 2, column 8: expected a value"),
                Arguments.of("\"a\u0001\"", "invalid JSON at line 1, column 3: expected no control character inside a string"),
                Arguments.of("\"\\x\"", "invalid JSON at line 1, column 3: expected one of"),
                Arguments.of("\"\\u12g4\"", "invalid JSON at line 1, column 4: expected four hex digits"),
                Arguments.of("\"\\ud83d\"", "expected a low surrogate escape after a high surrogate"),
                Arguments.of("\"\\ude00\"", "expected no unpaired low surrogate escape"),
                Arguments.of("01", "invalid JSON at line 1, column 2: expected end of document"),
                Arguments.of("1.", "invalid JSON: the document ends early; expected a digit after '.'"),
                Arguments.of("-", "expected a digit"),
                Arguments.of("1" + "0".repeat(64), "expected a number of at most 64 characters"),
                Arguments.of("{} {}", "invalid JSON at line 1, column 4: expected end of document"),
                Arguments.of("{\"a\":1,\n\"a\":2}", "invalid JSON at line 2, column 1: expected no duplicate member names"),
                Arguments.of("[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1),
                        "expected at most 32 levels of nesting"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void parse_malformed_saysWhereAndWhat_inOneLine(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void parse_malformedSecret_neverQuotesTheDocument() {
        String secret = "{\"privateKey\": \"-----BEGIN PRIVATE KEY-----MIIEvQIBADANBg\" \"x\"}";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(secret));

        assertFalse(e.getMessage().contains("MIIE"), e.getMessage());
        assertFalse(e.getMessage().contains("BEGIN"), e.getMessage());
    }

    @Test
    void parseObject_otherValue_namesItsType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));

        assertEquals("JSON document is an array, expected an object", e.getMessage());
    }

    @Test
    void quote_escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\u00e9\"", Json.quote("a\"b\\c\n\r\t\u0001\u00e9"));
        assertEquals("a\"b\\c\n\r\t\u0001\u00e9", Json.parse(Json.quote("a\"b\\c\n\r\t\u0001\u00e9")));
    }
}
