package dev.edgepass.cognito.internal;

/**
 * Strict unpadded base64url decoding (RFC 7515 section 2) straight from the bytes of a token,
 * without intermediate strings. Rejects padding, characters outside the URL-safe alphabet, a
 * length of 1 mod 4 and non-zero trailing bits, so every accepted input has exactly one encoding.
 * Thread-safe.
 */
public final class Base64Url {

    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {}

    /**
     * Decodes {@code length} bytes of {@code in} from {@code offset}.
     *
     * @param in     the bytes holding the encoded text
     * @param offset where the encoded text starts
     * @param length how many bytes it has
     * @return the decoded bytes, or null when the input is not strict unpadded base64url
     */
    public static byte[] decode(byte[] in, int offset, int length) {
        int rem = length & 3;
        if (rem == 1) {
            return null;
        }
        byte[] out = new byte[length / 4 * 3 + (rem == 0 ? 0 : rem - 1)];
        int o = 0;
        int i = offset;
        int fullEnd = offset + length - rem;
        while (i < fullEnd) {
            int a = value(in[i]);
            int b = value(in[i + 1]);
            int c = value(in[i + 2]);
            int d = value(in[i + 3]);
            if ((a | b | c | d) < 0) {
                return null;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
            i += 4;
        }
        if (rem == 2) {
            int a = value(in[i]);
            int b = value(in[i + 1]);
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return null;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (rem == 3) {
            int a = value(in[i]);
            int b = value(in[i + 1]);
            int c = value(in[i + 2]);
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int bits = a << 12 | b << 6 | c;
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        }
        return out;
    }

    private static int value(byte b) {
        return b < 0 ? -1 : VALUES[b];
    }
}
