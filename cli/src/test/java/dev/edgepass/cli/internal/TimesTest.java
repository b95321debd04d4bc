package dev.edgepass.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "2026-04-01T12:00:00Z, 2026-04-01T12:00:00Z",
            "2026-04-01T14:00:00+02:00, 2026-04-01T12:00:00Z",
            "2026-04-01, 2026-04-01T00:00:00Z",
            "1767290400, 2026-01-01T18:00:00Z",
            "1h, 2026-11-25T13:00:00Z",
            "+1h30m, 2026-11-25T13:30:00Z",
            "-2d, 2026-11-23T12:00:00Z",
            "now, 2026-11-25T12:00:00Z"})
    void parse_everyForm(String text, Instant expected) {
        assertEquals(expected, Times.parse(text, "--at", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "1y", "12:00", "", "--1h"})
    void parse_otherText_isAUsageErrorNamingTheOption(String text) {
        UsageException e = assertThrows(UsageException.class, () -> Times.parse(text, "--expires", NOW));
        assertEquals("--expires must be " + Times.FORMS + ", was '" + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, now", "45, in 45 s", "3599, in 59 min", "7140, in 1 h 59 min", "-10800, 3 h ago", "-172800, 2 d ago",
            "-183600, 2 d 3 h ago"})
    void relative_phrases(long seconds, String expected) {
        assertEquals(expected, Times.relative(NOW.plusSeconds(seconds), NOW));
    }

    @Test
    void duration_acceptsUnsignedOffsetsOnly() {
        assertEquals(Duration.ofMinutes(90), Times.duration("1h30m", "--max-age"));
        assertThrows(UsageException.class, () -> Times.duration("-1h", "--max-age"));
    }
}
