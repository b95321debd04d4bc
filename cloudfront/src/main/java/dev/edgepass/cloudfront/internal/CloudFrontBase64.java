package dev.edgepass.cloudfront.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * CloudFront's URL-safe base64: standard base64 with {@code +} as {@code -}, {@code =} as
 * {@code _} and {@code /} as {@code ~}, the substitution in the CloudFront developer guide. It is
 * not RFC 4648's base64url, which maps differently and drops padding.
 */
public final class CloudFrontBase64 {

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~".getBytes(StandardCharsets.US_ASCII);
    private static final byte PAD = '_';
    // The two characters of every 12-bit value, first in the low byte: a group of three bytes is
    // two look-ups and one little-endian store of its four characters (8 KiB, built once).
    private static final char[] PAIRS = new char[4096];
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < PAIRS.length; i++) {
            PAIRS[i] = (char) (ALPHABET[i >>> 6] | ALPHABET[i & 0x3f] << 8);
        }
    }

    private CloudFrontBase64() {}

    /** Encodes {@code bytes}. */
    public static String encode(byte[] bytes) {
        byte[] out = new byte[encodedLength(bytes.length)];
        encode(bytes, out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Returns how many characters {@code length} bytes encode to: always padded to a multiple of four. */
    public static int encodedLength(int length) {
        return (length + 2) / 3 * 4;
    }

    /**
     * Encodes {@code bytes} into {@code out} from {@code at}, which must have room for
     * {@link #encodedLength(int)} bytes, and returns the index after the last one written.
     */
    public static int encode(byte[] bytes, byte[] out, int at) {
        int length = bytes.length;
        int full = length - length % 3;
        int o = at;
        for (int i = 0; i < full; i += 3, o += 4) {
            int bits = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
            INT_LE.set(out, o, PAIRS[bits >>> 12] | PAIRS[bits & 0xfff] << 16);
        }
        if (full < length) {
            int bits = (bytes[full] & 0xff) << 16 | (full + 1 < length ? (bytes[full + 1] & 0xff) << 8 : 0);
            out[o] = ALPHABET[bits >>> 18];
            out[o + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            out[o + 2] = full + 1 < length ? ALPHABET[(bits >>> 6) & 0x3f] : PAD;
            out[o + 3] = PAD;
            o += 4;
        }
        return o;
    }

    /**
     * Decodes CloudFront base64, or returns null when {@code text} is not valid: a character
     * outside the alphabet (including the standard {@code + / =}), or bad length or padding.
     */
    public static byte[] decode(String text) {
        // CloudFront always pads, so a length that is not a multiple of four is malformed.
        if (text == null || text.isEmpty() || text.length() % 4 != 0) {
            return null;
        }
        byte[] in = new byte[text.length()];
        for (int i = 0; i < in.length; i++) {
            char c = text.charAt(i);
            byte b;
            if (c == '-') {
                b = '+';
            } else if (c == '_') {
                b = '=';
            } else if (c == '~') {
                b = '/';
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b = (byte) c;
            } else {
                return null;
            }
            in[i] = b;
        }
        try {
            return Base64.getDecoder().decode(in);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
