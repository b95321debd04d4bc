package dev.edgepass.cloudfront.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudFrontBase64Test {

    @Test
    void encode_replacesPlusEqualsSlash() {
        // 0xfb 0xff encodes to "+/8=" in standard base64.
        assertEquals("-~8_", CloudFrontBase64.encode(new byte[] {(byte) 0xfb, (byte) 0xff}));
    }

    @Test
    void decode_reversesEncode() {
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, CloudFrontBase64.decode("-~8_"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+/8=", "abc", "ab!d", "a b=", "____"})
    void decode_returnsNullForInvalid(String text) {
        assertNull(CloudFrontBase64.decode(text));
    }

    @Test
    void encode_isTheGuidesSubstitutionOfStandardBase64_atEveryLength() {
        Random random = new Random(42);
        for (int length = 0; length <= 600; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String expected = Base64.getEncoder().encodeToString(bytes).replace('+', '-').replace('=', '_').replace('/', '~');

            assertEquals(expected, CloudFrontBase64.encode(bytes), "length " + length);
            assertEquals(expected.length(), CloudFrontBase64.encodedLength(length));
            byte[] out = new byte[expected.length() + 5];
            Arrays.fill(out, (byte) '!');
            assertEquals(2 + expected.length(), CloudFrontBase64.encode(bytes, out, 2));
            assertEquals("!!" + expected + "!!!", new String(out, StandardCharsets.ISO_8859_1), "length " + length);
            assertArrayEquals(bytes, CloudFrontBase64.decode(expected.isEmpty() ? null : expected) == null ? new byte[0]
                    : CloudFrontBase64.decode(expected));
        }
    }
}
