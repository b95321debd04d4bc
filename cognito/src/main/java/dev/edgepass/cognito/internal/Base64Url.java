package dev.edgepass.cognito.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Strict unpadded base64url decoding (RFC 7515 section 2) straight from the characters of a token,
 * without intermediate strings. Rejects padding, characters outside the URL-safe alphabet, a
 * length of 1 mod 4 and non-zero trailing bits, so every accepted input has exactly one encoding.
 * Thread-safe.
 */
public final class Base64Url {

    /**
     * Set in the result of {@link #decodeFlagged} when a decoded byte is 0x80 or above, that is
     * when the output is not ASCII; the decoding step sees every byte anyway, so the caller need
     * not look again.
     */
    public static final int NOT_ASCII = 1 << 30;

    // Indexed by the low seven bits of a character: the character's six bits already placed where
    // they land in the group's three output bytes, read as a little-endian int (byte 0 in the low
    // eight bits), so that a group is four look-ups OR-ed together and one int store. A character
    // outside the alphabet has the sign bit set, so a bad group is negative.
    // Characters of 0x80 and above, which would alias by their low bits, make a group negative too.
    private static final int BAD = 0x8000_0000;

    private static final int[] FIRST = new int[128];
    private static final int[] SECOND = new int[128];
    private static final int[] THIRD = new int[128];
    private static final int[] FOURTH = new int[128];
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        Arrays.fill(FIRST, BAD);
        Arrays.fill(SECOND, BAD);
        Arrays.fill(THIRD, BAD);
        Arrays.fill(FOURTH, BAD);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            char c = alphabet.charAt(i);
            // The 24 bits of a group, big-endian: aaaaaabb bbbbcccc ccdddddd.
            FIRST[c] = i << 2;
            SECOND[c] = (i >> 4) | (i & 0xf) << 12;
            THIRD[c] = (i >> 2) << 8 | (i & 0x3) << 22;
            FOURTH[c] = i << 16;
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
        char[] chars = new char[length];
        in.getChars(offset, offset + length, chars, 0);
        return decode(chars, 0, length, out, outOffset);
    }

    /**
     * Decodes {@code length} characters of {@code in} from {@code offset} into {@code out} from
     * {@code outOffset}, which must have room for {@link #decodedLength(int)} bytes. On failure
     * {@code out} may hold part of the output. The verifier's hot path: it copies a token's
     * characters into a reused array once ({@link String#getChars}) and decodes from there.
     *
     * @param in        holds the encoded characters
     * @param offset    where the encoded text starts
     * @param length    how many characters it has
     * @param out       receives the decoded bytes
     * @param outOffset where the decoded bytes go
     * @return the number of bytes written, or -1 when the input is not strict unpadded base64url
     */
    public static int decode(char[] in, int offset, int length, byte[] out, int outOffset) {
        int result = decodeFlagged(in, offset, length, out, outOffset);
        return result < 0 ? result : result & ~NOT_ASCII;
    }

    /**
     * As {@link #decode(char[], int, int, byte[], int)}, with {@link #NOT_ASCII} set in a
     * non-negative result when any decoded byte is 0x80 or above.
     *
     * @param in        holds the encoded characters
     * @param offset    where the encoded text starts
     * @param length    how many characters it has
     * @param out       receives the decoded bytes
     * @param outOffset where the decoded bytes go
     * @return the number of bytes written, with {@link #NOT_ASCII} set when one is not ASCII; or
     *         -1 when the input is not strict unpadded base64url
     */
    public static int decodeFlagged(char[] in, int offset, int length, byte[] out, int outOffset) {
        int n = decodedLength(length);
        if (n < 0) {
            return -1;
        }
        int rem = length & 3;
        int o = outOffset;
        int i = offset;
        int fullEnd = offset + length - rem;
        int bad = 0;
        // While a byte of this output follows the group's three, write all four with one
        // little-endian store; the next group overwrites the fourth. Nothing past the output is touched.
        int room = Math.min(out.length - outOffset, n) - 1;
        int wideEnd = Math.min(fullEnd, offset + Math.max(room, 0) / 3 * 4);
        for (; i < wideEnd; i += 4, o += 3) {
            int bits = group(in, i);
            bad |= bits;
            INT_LE.set(out, o, bits);
        }
        for (; i < fullEnd; i += 4, o += 3) {
            int bits = group(in, i);
            bad |= bits;
            out[o] = (byte) bits;
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) (bits >> 16);
        }
        if (rem == 2) {
            char w = in[i];
            char x = in[i + 1];
            int bits = FIRST[w & 0x7f] | SECOND[x & 0x7f];
            // the last character's low four bits (bits 12-15 here) must be zero
            bad |= bits | -((w | x) >>> 7) | -(bits & 0xf000);
            out[o] = (byte) bits;
        } else if (rem == 3) {
            char w = in[i];
            char x = in[i + 1];
            char y = in[i + 2];
            int bits = FIRST[w & 0x7f] | SECOND[x & 0x7f] | THIRD[y & 0x7f];
            // the last character's low two bits (bits 22-23 here) must be zero
            bad |= bits | -((w | x | y) >>> 7) | -(bits & 0xc0_0000);
            out[o] = (byte) bits;
            out[o + 1] = (byte) (bits >> 8);
        }
        // A negative group held a character outside the alphabet, one of 0x80 or more (looked up
        // by its low bits only), or non-zero trailing bits.
        // A byte of 0x80 or more has its top bit at bit 7, 15 or 23 of its group.
        return bad < 0 ? -1 : (bad & 0x80_8080) != 0 ? n | NOT_ASCII : n;
    }

    /**
     * Returns the three bytes of the four characters from {@code i} as a little-endian int, or a
     * negative number when one of them is outside the alphabet or 0x80 and above.
     */
    private static int group(char[] in, int i) {
        char w = in[i];
        char x = in[i + 1];
        char y = in[i + 2];
        char z = in[i + 3];
        int bits = FIRST[w & 0x7f] | SECOND[x & 0x7f] | THIRD[y & 0x7f] | FOURTH[z & 0x7f];
        return (w | x | y | z) < 0x80 ? bits : BAD;
    }
}
