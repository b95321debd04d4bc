package dev.edgepass.cli.internal;

import dev.edgepass.core.internal.Redaction;

/** Small text helpers for messages. */
final class Text {

    private static final int MAX_QUOTED = 200;

    private Text() {}

    /**
     * Quotes user-supplied text for a one-line message: single quotes, control and non-ASCII
     * characters escaped, cut to 200 characters.
     */
    static String quote(String value) {
        return Redaction.quote(value, MAX_QUOTED);
    }
}
