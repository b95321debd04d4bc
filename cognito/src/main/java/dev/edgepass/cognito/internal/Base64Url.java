package dev.edgepass.cognito.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Strict unpadded base64url decoding (RFC 7515 section 2) straight from the bytes (or characters)
 * of a token, without intermediate strings. Rejects padding, characters outside the URL-safe
 * alphabet, a length of 1 mod 4 and non-zero trailing bits, so every accepted input has exactly one
 * encoding. Thread-safe.
 */
public final class Base64Url {

    /**
     * Set in the result of {@link #decodeFlagged} when a decoded byte is 0x80 or above, that is
     * when the output is not ASCII; the decoding step sees every byte anyway, so the caller need
     * not look again.
     */
    public static final int NOT_ASCII = 1 << 30;

    // Indexed by an input byte: the character's six bits already placed where they land in the
    // group's three output bytes, read as a little-endian int (byte 0 in the low eight bits), so
    // that a group is four look-ups OR-ed together and one int store. A byte outside the alphabet,
    // 0x80 and above included, has the sign bit set, so a bad group is negative with no other test.
    private static final int BAD = 0x8000_0000;

    private static final int[] FIRST = new int[256];
    private static final int[] SECOND = new int[256];
    private static final int[] THIRD = new int[256];
    private static final int[] FOURTH = new int[256];
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
     * {@code out} may hold part of the output.
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
     * non-negative result when any decoded byte is 0x80 or above. Not the verifier's path (see
     * {@link #decodeFlagged(byte[], int, int, byte[], int)}): it narrows the characters to bytes in
     * a new array first, as a character above 0xff would alias a letter by its low byte.
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
        byte[] narrow = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = in[offset + i];
            if (c > 0x7f) {
                return -1;
            }
            narrow[i] = (byte) c;
        }
        return decodeFlagged(narrow, 0, length, out, outOffset);
    }

    /**
     * Decodes {@code length} bytes of {@code in} (ASCII characters) from {@code offset} into
     * {@code out} from {@code outOffset}, which must have room for {@link #decodedLength(int)}
     * bytes, with {@link #NOT_ASCII} set in a non-negative result when any decoded byte is 0x80 or
     * above. On failure {@code out} may hold part of the output. The verifier's hot path: it has
     * the token's characters as bytes in a reused array (narrowed once, refusing any above 0xff),
     * and {@code in} and {@code out} may be that same array when the ranges do not overlap.
     *
     * @param in        holds the encoded characters, one byte each
     * @param offset    where the encoded text starts
     * @param length    how many characters it has
     * @param out       receives the decoded bytes
     * @param outOffset where the decoded bytes go
     * @return the number of bytes written, with {@link #NOT_ASCII} set when one is not ASCII; or
     *         -1 when the input is not strict unpadded base64url
     */
    public static int decodeFlagged(byte[] in, int offset, int length, byte[] out, int outOffset) {
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
            int bits = FIRST[in[i] & 0xff] | SECOND[in[i + 1] & 0xff];
            // the last character's low four bits (bits 12-15 here) must be zero
            bad |= bits | -(bits & 0xf000);
            out[o] = (byte) bits;
        } else if (rem == 3) {
            int bits = FIRST[in[i] & 0xff] | SECOND[in[i + 1] & 0xff] | THIRD[in[i + 2] & 0xff];
            // the last character's low two bits (bits 22-23 here) must be zero
            bad |= bits | -(bits & 0xc0_0000);
            out[o] = (byte) bits;
            out[o + 1] = (byte) (bits >> 8);
        }
        // A negative group held a byte outside the alphabet, or non-zero trailing bits.
        // A decoded byte of 0x80 or more has its top bit at bit 7, 15 or 23 of its group.
        return bad < 0 ? -1 : (bad & 0x80_8080) != 0 ? n | NOT_ASCII : n;
    }

    /**
     * Returns the three bytes of the four characters from {@code i} as a little-endian int, or a
     * negative number when one of them is outside the alphabet.
     */
    private static int group(byte[] in, int i) {
        return FIRST[in[i] & 0xff] | SECOND[in[i + 1] & 0xff] | THIRD[in[i + 2] & 0xff] | FOURTH[in[i + 3] & 0xff];
    }
}
