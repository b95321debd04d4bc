package dev.edgepass.cloudfront.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardsTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "https://e.com/*, https://e.com/a/b.jpg, true",
            "https://e.com/*, https://e.com/, true",
            "https://e.com/*, http://e.com/a, false",
            "http*://e.com/a, https://e.com/a, true",
            "https://e.com/a?.jpg, https://e.com/a1.jpg, true",
            "https://e.com/a?.jpg, https://e.com/a.jpg, false",
            "https://e.com/*.jpg, https://e.com/x/y.jpg, true",
            "https://e.com/*.jpg, https://e.com/x/y.png, false",
            "*, anything, true",
            "https://e.com/A, https://e.com/a, false",
            "https://e.com/a?b=1, https://e.com/a?b=1, true",
            "*a*b*c, xxaxxbxxc, true",
            "*a*b*c, xxaxxcxxb, false",
    })
    void matches_followsCloudFrontWildcards(String pattern, String text, boolean expected) {
        assertEquals(expected, Wildcards.matches(pattern, text));
    }
}
