package dev.edgepass.cli.internal;

/** Small text helpers for messages. */
final class Text {

    private static final int MAX_QUOTED = 200;

    private Text() {}

    /**
     * Quotes user-supplied text for a one-line message: single quotes, control and non-ASCII
     * characters escaped, cut to 200 characters.
     */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int n = Math.min(value.length(), MAX_QUOTED);
        StringBuilder out = new StringBuilder(n + 8).append('\'');
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (value.length() > n) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
