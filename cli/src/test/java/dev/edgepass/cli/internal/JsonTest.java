package dev.edgepass.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    @Test
    void parse_readsEveryValueType_inOrder() throws Exception {
        Object v = Json.parse(" {\"b\": [1, -2.5, 1e3, true, false, null], \"a\": \"x\\u00e9\\n\\\"\", \"big\": 123456789012345678901} ");

        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "big"), List.copyOf(m.keySet()));
        List<?> b = (List<?>) m.get("b");
        assertEquals(1L, b.get(0));
        assertEquals(new BigDecimal("-2.5"), b.get(1));
        assertEquals(new BigDecimal("1e3"), b.get(2));
        assertEquals(Boolean.TRUE, b.get(3));
        assertEquals(null, b.get(5));
        assertEquals("x\u00e9\n\"", m.get("a"));
        assertEquals(new BigDecimal("123456789012345678901"), m.get("big"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "ends early"),
                Arguments.of("<html>", "unexpected character '<' at line 1, column 1"),
                Arguments.of("{\"a\":1,}", "expected a member name at line 1, column 8"),
                Arguments.of("{\"a\" 1}", "expected ':'"),
                Arguments.of("[1 2]", "expected ',' or ']' at line 1, column 4"),
                Arguments.of("{\n\"a\": tru}", "unexpected literal at line 2, column 6"),
                Arguments.of("\"a\u0001\"", "control character in a string"),
                Arguments.of("\"\\x\"", "bad escape"),
                Arguments.of("01", "malformed number"),
                Arguments.of("1.", "malformed number"),
                Arguments.of("{} {}", "trailing data"),
                Arguments.of("[".repeat(70) + "]".repeat(70), "nests deeper than 64 levels"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void parse_malformed_saysWhatAndWhere(String text, String expected) {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(text));

        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void write_prettyAndCompact_escapeToAscii() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "caf\u00e9 \"q\"\t");
        m.put("n", List.of(1L, new BigDecimal("2.50"), true));
        m.put("e", Map.of());

        assertEquals("{\"s\":\"caf\\u00e9 \\\"q\\\"\\t\",\"n\":[1,2.50,true],\"e\":{}}", Json.write(m, false));
        assertEquals("{\n  \"s\": \"caf\\u00e9 \\\"q\\\"\\t\",\n  \"n\": [\n    1,\n    2.50,\n    true\n  ],\n  \"e\": {}\n}",
                Json.write(m, true));
        assertEquals(m, Json.parse(Json.write(m, true)));
    }
}
