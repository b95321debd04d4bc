package dev.edgepass.core.internal;

/**
 * Makes untrusted text safe to quote in an exception message or a log line: cut to 100
 * characters, control and non-ASCII characters escaped. Use it only for values that are allowed
 * to appear at all (kid, alg, iss, claim names, PEM labels), never for tokens or key material.
 */
public final class Redaction {

    /** The longest quoted value, in characters, before it is cut. */
    public static final int MAX_QUOTED = 100;

    private Redaction() {}

    /** Returns {@code value} in single quotes, cut and escaped; {@code "null"} for null. */
    public static String quote(CharSequence value) {
        return quote(value, MAX_QUOTED);
    }

    /**
     * Returns {@code value} in single quotes, cut to {@code maxChars} and escaped; {@code "null"}
     * for null. For messages that may carry more of a value, such as a command line's.
     */
    public static String quote(CharSequence value, int maxChars) {
        if (value == null) {
            return "null";
        }
        int n = Math.min(value.length(), maxChars);
        StringBuilder out = new StringBuilder(n + 8).append('\'');
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append('\'');
        if (value.length() > maxChars) {
            out.append("...(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
