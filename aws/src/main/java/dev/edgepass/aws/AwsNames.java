package dev.edgepass.aws;

import static dev.edgepass.core.internal.Redaction.quote;

import java.util.Objects;

/** Argument checks shared by the builders: AWS names and ids are 1-2048 printable characters. */
final class AwsNames {

    private AwsNames() {}

    static String require(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.length() > 2048 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(what + " must be 1-2048 characters without control characters, was "
                    + quote(value));
        }
        return value;
    }
}
