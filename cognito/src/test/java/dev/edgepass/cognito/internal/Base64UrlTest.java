package dev.edgepass.cognito.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link Base64Url} against {@link Base64#getUrlDecoder()} as the oracle: every canonical
 * unpadded encoding decodes to the same bytes, and everything else is rejected.
 */
class Base64UrlTest {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A bad input and what makes it bad. */
    record Bad(String what, String input) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Bad> badInputs() {
        return Stream.of(
                new Bad("length 1 mod 4", "Q"),
                new Bad("length 5", "QUJDR"),
                new Bad("padding '=='", "QQ=="),
                new Bad("padding '='", "QUI="),
                new Bad("standard alphabet '+'", "ab+d"),
                new Bad("standard alphabet '/'", "ab/d"),
                new Bad("space", "ab d"),
                new Bad("dot", "ab.d"),
                new Bad("NUL", "ab\0d"),
                new Bad("Latin-1 character", "ab\u00e9d"),
                new Bad("character whose low byte is 'A'", "ab\u0141d"),
                new Bad("character whose low byte is '-'", "ab\u012dd"),
                new Bad("character above 0xff in the tail", "QU\u0149"),
                new Bad("non-zero trailing bits, 2-character tail", "QR"),
                new Bad("non-zero trailing bits, 3-character tail", "QUJ"),
                new Bad("bad character in the 2-character tail", "abcdQ="),
                new Bad("bad character in the 3-character tail", "abcdQU*"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void decode_badInput_returnsNull(Bad bad) {
        assertNull(Base64Url.decode(bad.input(), 0, bad.input().length()));
        byte[] out = new byte[bad.input().length()];
        assertEquals(-1, Base64Url.decode(bad.input(), 0, bad.input().length(), out, 0));
    }

    @Test
    void decode_empty_returnsEmpty() {
        assertArrayEquals(new byte[0], Base64Url.decode("", 0, 0));
    }

    @Test
    void decode_randomBytes_matchesJdkDecoder() {
        Random random = new Random(7515);
        for (int length = 0; length < 200; length++) {
            for (int round = 0; round < 20; round++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                String encoded = ENCODER.encodeToString(data);
                String framed = "x." + encoded + ".y";

                assertArrayEquals(Base64.getUrlDecoder().decode(encoded), Base64Url.decode(framed, 2, encoded.length()));
                byte[] out = new byte[3 + data.length + 3];
                assertEquals(data.length, Base64Url.decode(framed, 2, encoded.length(), out, 3));
                assertArrayEquals(data, Arrays.copyOfRange(out, 3, 3 + data.length));
            }
        }
    }

    @Test
    void decodeFlagged_setsNotAsciiExactlyWhenAByteIs0x80OrMore() {
        Random random = new Random(20261130);
        for (int length = 0; length < 120; length++) {
            for (int round = 0; round < 40; round++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                if (round % 2 == 0) {
                    // Half the cases ASCII, some with one high byte placed anywhere, tail included.
                    for (int i = 0; i < length; i++) {
                        data[i] &= 0x7f;
                    }
                    if (round % 4 == 0 && length > 0) {
                        data[random.nextInt(length)] |= (byte) 0x80;
                    }
                }
                boolean ascii = true;
                for (byte b : data) {
                    ascii &= b >= 0;
                }
                char[] chars = ENCODER.encodeToString(data).toCharArray();
                byte[] out = new byte[length + 4];

                int flagged = Base64Url.decodeFlagged(chars, 0, chars.length, out, 0);

                assertEquals(length | (ascii ? 0 : Base64Url.NOT_ASCII), flagged, "length " + length);
                assertArrayEquals(data, Arrays.copyOf(out, length));
                assertEquals(length, Base64Url.decode(chars, 0, chars.length, out, 0));
            }
        }
    }

    @Test
    void decode_intoSharedBuffer_writesOnlyItsOwnBytes() {
        // The decoder writes whole groups with wide stores while there is room: none may spill
        // into the bytes around the output, whatever the slack after it.
        Random random = new Random(2045);
        for (int length = 0; length < 100; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            char[] framed = ("ab" + ENCODER.encodeToString(data) + ".").toCharArray();
            int encodedLength = framed.length - 3;
            for (int slack = 0; slack < 6; slack++) {
                byte[] out = new byte[2 + length + slack];
                Arrays.fill(out, (byte) 0x5a);

                assertEquals(length, Base64Url.decode(framed, 2, encodedLength, out, 2));

                assertArrayEquals(data, Arrays.copyOfRange(out, 2, 2 + length));
                for (int i = 0; i < out.length; i++) {
                    if (i < 2 || i >= 2 + length) {
                        assertEquals((byte) 0x5a, out[i], "byte " + i + " outside the output, length " + length);
                    }
                }
            }
        }
    }

    @Test
    void decode_randomlyMutatedText_acceptsOnlyCanonicalEncodings() {
        Random random = new Random(4648);
        for (int round = 0; round < 20_000; round++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            char[] text = ENCODER.encodeToString(data).toCharArray();
            if (text.length == 0) {
                continue;
            }
            // Mostly ASCII, sometimes Latin-1 or beyond, to hit both table bounds.
            int bound = random.nextBoolean() ? 0x80 : 0x200;
            text[random.nextInt(text.length)] = (char) random.nextInt(bound);
            String mutated = new String(text);

            byte[] expected = oracle(mutated);
            byte[] actual = Base64Url.decode(mutated, 0, mutated.length());
            if (expected == null) {
                assertNull(actual, () -> "accepted " + escape(mutated));
            } else {
                assertArrayEquals(expected, actual, () -> "decoded " + escape(mutated));
            }
        }
    }

    /** The JDK's decoding when {@code text} is the canonical unpadded encoding of it, else null. */
    private static byte[] oracle(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return null;
            }
        }
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return ENCODER.encodeToString(decoded).equals(text) ? decoded : null;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
