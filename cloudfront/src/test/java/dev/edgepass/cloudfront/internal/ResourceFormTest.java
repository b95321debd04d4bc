package dev.edgepass.cloudfront.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ResourceForm#parse} takes a short cut for a resource already in wire form; whatever the
 * input, it must give what the full normalisation gives, result or error alike.
 */
class ResourceFormTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://d111111abcdef8.cloudfront.net/private/app/*",
            "http://example.com/a.jpg",
            "https://example.com:8443/a%20b.jpg?x=1&y=%7E",
            "https://*.example.com/*",
            "https://example.com",
            "https://example.com?",
            "https://example.com/a?b*c"})
    void wireFormInput_isReturnedAsItIs(String raw) {
        ResourceForm.Parsed parsed = ResourceForm.parse(raw, "resource");

        assertSame(raw, parsed.wire());
        assertEquals(ResourceForm.normalise(raw, "resource"), parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HTTPS://Example.com/a.jpg", "https://Example.com/a.jpg", "https://example.com/A B.jpg",
            "https://example.com/%zz", "https://example.com/100%", "https://example.com/%4", "https://bücher.example/x",
            "https://example.com/ü", "https://example.com/<a>", "https://example.com/{x}", "https://example.com/`",
            "https://user@example.com/x", "https://[2001:db8::1]/x", "*.jpg", "/private/*", "a?b", "example.com/x",
            "https://", "https:///x", "https://example.com/\"", "https://example.com/\\", "https://example.com/#top",
            "https://example.com/\u0000", "https://example.com/\u007f", "", "https://example.com/\ud800"})
    void otherInput_isNormalisedOrRefusedAsBefore(String raw) {
        assertSameOutcome(raw);
    }

    @Test
    void randomInput_agreesWithTheFullPath() {
        // Mostly characters that matter to one rule or another, so that near misses are common.
        String alphabet = "aZ09-.:/?*%#\"\\ <>`{}@[]~_!$&'()+,;=\u00e9\u007f\t";
        String[] prefixes = {"https://", "http://", "HTTP://", "https://example.com", "", "ftp://"};
        Random random = new Random(20261130);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder raw = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSameOutcome(raw.toString());
        }
    }

    @Test
    void overlongWireFormInput_isRefused() {
        String raw = "https://example.com/" + "a".repeat(ResourceForm.MAX_LENGTH);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceForm.parse(raw, "resource"));
        assertEquals("resource has 8212 characters, at most 8192 fit in a CloudFront URL", e.getMessage());
        assertSameOutcome(raw);
    }

    private static void assertSameOutcome(String raw) {
        String expected = message(() -> ResourceForm.normalise(raw, "resource"));
        String actual = message(() -> ResourceForm.parse(raw, "resource"));
        assertEquals(expected, actual, () -> "for " + raw);
    }

    /** The result's text, or the error's message: one string to compare. */
    private static String message(Supplier<ResourceForm.Parsed> parse) {
        try {
            return "ok " + parse.get();
        } catch (IllegalArgumentException e) {
            return "error " + e.getMessage();
        }
    }
}
