package dev.edgepass.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgepass.core.internal.Json;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void write_prettyAndCompact_escapeToAscii() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "caf\u00e9 \"q\"\t\u0001\u007f");
        m.put("n", List.of(1L, 7, new BigDecimal("2.50"), 1.5d, true));
        m.put("e", Map.of());
        m.put("a", List.of());
        m.put("z", null);

        assertEquals("{\"s\":\"caf\\u00e9 \\\"q\\\"\\t\\u0001\\u007f\",\"n\":[1,7,2.50,1.5,true],\"e\":{},\"a\":[],\"z\":null}",
                JsonWriter.write(m, false));
        assertEquals("{\n  \"s\": \"caf\\u00e9 \\\"q\\\"\\t\\u0001\\u007f\",\n  \"n\": [\n    1,\n    7,\n    2.50,\n    1.5,\n"
                + "    true\n  ],\n  \"e\": {},\n  \"a\": [],\n  \"z\": null\n}", JsonWriter.write(m, true));
    }

    @Test
    void write_whatTheLibrarysReaderReturns_roundTrips() {
        String policy = "{\"Statement\":[{\"Resource\":\"https://d111111abcdef8.cloudfront.net/private/*\",\"Condition\":"
                + "{\"DateLessThan\":{\"AWS:EpochTime\":1796072117},\"IpAddress\":{\"AWS:SourceIp\":\"192.0.2.0/24\"}}}],"
                + "\"note\":null,\"ok\":false,\"name\":\"Ren\\u00e9e \\ud83d\\ude00\"}";

        Object parsed = Json.parse(policy);

        assertEquals(policy, JsonWriter.write(parsed, false));
        assertEquals(parsed, Json.parse(JsonWriter.write(parsed, true)));
    }

    @Test
    void write_unknownType_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object(), false));

        assertEquals("cannot write java.lang.Object as JSON", e.getMessage());
    }
}
