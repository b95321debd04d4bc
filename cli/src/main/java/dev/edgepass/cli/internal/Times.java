package dev.edgepass.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times the user gives ({@code --expires}, {@code --at}, ...) and writes times the way
 * the output shows them: UTC and relative ("expired 3 h ago").
 */
public final class Times {

    /** The forms a time option accepts, for help texts and messages. */
    public static final String FORMS = "an ISO-8601 time (2026-04-01T12:00:00Z), epoch seconds, or an offset from now (1h, 30m, -2d, 1h30m)";

    private static final Pattern OFFSET = Pattern.compile("([+-]?)((?:\\d{1,9}[dhms])+)");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");

    private Times() {}

    /**
     * Parses a time option.
     *
     * @param text   the value
     * @param option the option name, for the message
     * @param now    what offsets count from
     * @return the instant
     * @throws UsageException if it is none of {@link #FORMS}
     */
    public static Instant parse(String text, String option, Instant now) {
        now = Instant.ofEpochSecond(now.getEpochSecond());
        String t = text.trim();
        if ("now".equalsIgnoreCase(t)) {
            return now;
        }
        if (!t.isEmpty() && t.length() <= 12 && digits(t)) {
            return Instant.ofEpochSecond(Long.parseLong(t));
        }
        Matcher m = OFFSET.matcher(t);
        if (m.matches()) {
            Duration d = Duration.ZERO;
            Matcher p = PART.matcher(m.group(2));
            while (p.find()) {
                long n = Long.parseLong(p.group(1));
                d = d.plus(switch (p.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
            return "-".equals(m.group(1)) ? now.minus(d) : now.plus(d);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be " + FORMS + ", was " + Text.quote(text));
        }
    }

    /**
     * Parses a duration such as {@code 1h}, {@code 30m} or {@code 1h30m}.
     *
     * @throws UsageException if it is not one
     */
    static Duration duration(String text, String option) {
        Matcher m = OFFSET.matcher(text.trim());
        if (!m.matches() || !m.group(1).isEmpty()) {
            throw new UsageException(option + " must be a duration such as 1h, 30m or 1h30m, was " + Text.quote(text));
        }
        Instant zero = Instant.EPOCH;
        return Duration.between(zero, parse(text, option, zero));
    }

    private static boolean digits(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses an HTTP date ({@code Tue, 01 Apr 2026 12:00:00 GMT}), or returns null. */
    static Instant httpDate(String text) {
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Describes {@code time} relative to {@code now}: "in 59 min", "3 h ago", "now".
     *
     * @param time the time described
     * @param now  the reference
     * @return the phrase
     */
    public static String relative(Instant time, Instant now) {
        long seconds = Duration.between(now, time).getSeconds();
        if (seconds == 0) {
            return "now";
        }
        String span = span(Math.abs(seconds));
        return seconds > 0 ? "in " + span : span + " ago";
    }

    /** Writes a duration in seconds the way {@link #relative} does: "45 s", "59 min", "1 h 59 min", "2 d 3 h". */
    static String span(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + (minutes % 60) + " min");
        }
        return (hours / 24) + " d" + (hours % 24 == 0 ? "" : " " + (hours % 24) + " h");
    }
}
