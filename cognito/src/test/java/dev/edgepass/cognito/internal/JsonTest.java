package dev.edgepass.cognito.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks that {@link Json}'s shortcuts (known names, ASCII strings, small longs) keep every value exact. */
class JsonTest {

    @Test
    void parseObject_knownAndUnknownNames_keepsEveryNameAndValue() throws Exception {
        Map<String, Object> members = Json.parseObject(
                "{\"sub\":\"a\",\"subx\":1,\"su\":-2,\"cognito:groups\":[\"g\"],\"s\\u0075b2\":true,\"exp\":123456789012345678}");

        assertEquals(List.of("sub", "subx", "su", "cognito:groups", "sub2", "exp"), List.copyOf(members.keySet()));
        assertEquals("a", members.get("sub"));
        assertEquals(1L, members.get("subx"));
        assertEquals(-2L, members.get("su"));
        assertEquals(123456789012345678L, members.get("exp"));
    }

    @Test
    void parseObject_knownNameRepeatedWithEscape_rejectsDuplicate() {
        assertThrows(Json.JsonException.class, () -> Json.parseObject("{\"sub\":1,\"s\\u0075b\":2}"));
    }

    @Test
    void parseObject_knownNameWithControlCharacter_rejects() {
        assertThrows(Json.JsonException.class, () -> Json.parseObject("{\"su\u0001b\":1}"));
    }

    @Test
    void parseObject_unterminatedKnownName_rejects() {
        assertThrows(Json.JsonException.class, () -> Json.parseObject("{\"sub"));
    }

    @Test
    void parseObject_integersAroundTheLongFastPath_parseExactly() throws Exception {
        Map<String, Object> members = Json.parseObject(
                "{\"a\":-999999999999999999,\"b\":9223372036854775807,\"c\":-9223372036854775808,\"d\":0,\"e\":-0}");

        assertEquals(-999999999999999999L, members.get("a"));
        assertEquals(Long.MAX_VALUE, members.get("b"));
        assertEquals(Long.MIN_VALUE, members.get("c"));
        assertEquals(0L, members.get("d"));
        assertEquals(0L, members.get("e"));
    }

    @Test
    void parseObject_nonAsciiTextAroundEscapes_decodesEveryRun() throws Exception {
        Map<String, Object> members = Json.parseObject(
                "{\"n\u00e4me\":\"\u00e9\\u00e9\\n\ud83d\ude00x\\\"\u4e2d\",\"s\u00fcb\":\"\u00fc\"}");

        assertEquals(List.of("n\u00e4me", "s\u00fcb"), List.copyOf(members.keySet()));
        assertEquals("\u00e9\u00e9\n\ud83d\ude00x\"\u4e2d", members.get("n\u00e4me"));
        assertEquals("\u00fc", members.get("s\u00fcb"));
    }

    @Test
    void parseObject_escapedUnpairedSurrogateAfterRawText_rejects() {
        assertThrows(Json.JsonException.class, () -> Json.parseObject("{\"a\":\"\u00e9\\ud83d\"}"));
    }
}
