package dev.edgepass.cloudfront.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
