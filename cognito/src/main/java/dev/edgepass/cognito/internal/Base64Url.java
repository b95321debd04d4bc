package dev.edgepass.cognito.internal;

import java.util.Arrays;

/**
 * Strict unpadded base64url decoding (RFC 7515 section 2) straight from the characters of a token,
 * without intermediate strings or byte copies. Rejects padding, characters outside the URL-safe
 * alphabet, a length of 1 mod 4 and non-zero trailing bits, so every accepted input has exactly
 * one encoding. Thread-safe.
 */
public final class Base64Url {

    // Indexed by a character below 256; -1 for anything outside the alphabet, so that OR-ing the
    // values of a group is negative when any of them is bad.
    private static final int[] VALUES = new int[256];

    static {
        Arrays.fill(VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = i;
        }
    }

    private Base64Url() {}

    /**
     * Returns how many bytes {@code length} characters of unpadded base64url decode to.
     *
     * @param length the number of encoded characters
     * @return the decoded length, or -1 when no valid encoding has that length (1 mod 4)
     */
    public static int decodedLength(int length) {
        int rem = length & 3;
        return rem == 1 ? -1 : length / 4 * 3 + (rem == 0 ? 0 : rem - 1);
    }

    /**
     * Decodes {@code length} characters of {@code in} from {@code offset}.
     *
     * @param in     the text holding the encoded characters
     * @param offset where the encoded text starts
     * @param length how many characters it has
     * @return the decoded bytes, or null when the input is not strict unpadded base64url
     */
    public static byte[] decode(String in, int offset, int length) {
        int n = decodedLength(length);
        if (n < 0) {
            return null;
        }
        byte[] out = new byte[n];
        return decode(in, offset, length, out, 0) < 0 ? null : out;
    }

    /**
     * Decodes {@code length} characters of {@code in} from {@code offset} into {@code out} from
     * {@code outOffset}, which must have room for {@link #decodedLength(int)} bytes. On failure
     * {@code out} may hold part of the output.
     *
     * @param in        the text holding the encoded characters
     * @param offset    where the encoded text starts
     * @param length    how many characters it has
     * @param out       receives the decoded bytes
     * @param outOffset where the decoded bytes go
     * @return the number of bytes written, or -1 when the input is not strict unpadded base64url
     */
    public static int decode(String in, int offset, int length, byte[] out, int outOffset) {
        int n = decodedLength(length);
        if (n < 0) {
            return -1;
        }
        int rem = length & 3;
        int o = outOffset;
        int i = offset;
        int fullEnd = offset + length - rem;
        while (i < fullEnd) {
            int a = value(in.charAt(i));
            int b = value(in.charAt(i + 1));
            int c = value(in.charAt(i + 2));
            int d = value(in.charAt(i + 3));
            int bits = a << 18 | b << 12 | c << 6 | d;
            if ((a | b | c | d) < 0) {
                return -1;
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
            i += 4;
        }
        if (rem == 2) {
            int a = value(in.charAt(i));
            int b = value(in.charAt(i + 1));
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return -1;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (rem == 3) {
            int a = value(in.charAt(i));
            int b = value(in.charAt(i + 1));
            int c = value(in.charAt(i + 2));
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return -1;
            }
            int bits = a << 12 | b << 6 | c;
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
        }
        return n;
    }

    private static int value(char c) {
        // Characters above 0xff map to index 0xff, which is not in the alphabet.
        return VALUES[Math.min(c, 0xff)];
    }
}
