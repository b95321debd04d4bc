package dev.edgepass.cloudfront.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * CloudFront's URL-safe base64: standard base64 with {@code +} as {@code -}, {@code =} as
 * {@code _} and {@code /} as {@code ~}, the substitution in the CloudFront developer guide. It is
 * not RFC 4648's base64url, which maps differently and drops padding.
 */
public final class CloudFrontBase64 {

    private CloudFrontBase64() {}

    /** Encodes {@code bytes}. */
    public static String encode(byte[] bytes) {
        byte[] out = Base64.getEncoder().encode(bytes);
        for (int i = 0; i < out.length; i++) {
            switch (out[i]) {
                case '+' -> out[i] = '-';
                case '=' -> out[i] = '_';
                case '/' -> out[i] = '~';
                default -> { }
            }
        }
        return new String(out, StandardCharsets.ISO_8859_1);
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
