package dev.edgepass.examples.login.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether a {@code redirect} parameter is a safe place to send the user after login.
 *
 * <p>Only a path on this site is accepted: it starts with exactly one {@code /}, holds only
 * printable ASCII, no backslash, no scheme and no authority. Browsers read {@code //host},
 * {@code /\host} and {@code \\host} as another host, and strip tabs and newlines before parsing,
 * so each of those is an open redirect; they are refused, also when percent-encoded once.
 */
public final class RedirectTargets {

    /** Longest target accepted. */
    public static final int MAX_LENGTH = 2048;

    private RedirectTargets() {}

    /**
     * Checks a redirect target.
     *
     * @param target the value of the {@code redirect} parameter
     * @return empty when it is safe, otherwise why not (never echoing the value)
     */
    public static Optional<String> problem(String target) {
        if (target.isEmpty()) {
            return Optional.of("redirect is empty");
        }
        if (target.length() > MAX_LENGTH) {
            return Optional.of("redirect is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of("redirect must be printable ASCII without spaces");
            }
            if (c == '\\') {
                return Optional.of("redirect must not contain a backslash");
            }
        }
        Optional<String> shape = shapeProblem(target, true);
        if (shape.isPresent()) {
            return shape;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of("redirect holds a malformed percent escape");
        }
        if (decoded.indexOf('\\') >= 0 || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("redirect must not encode a backslash or control character");
        }
        return shapeProblem(decoded, false);
    }

    private static Optional<String> shapeProblem(String path, boolean parse) {
        if (path.charAt(0) != '/') {
            return Optional.of("redirect must be a path on this site starting with /");
        }
        if (path.length() > 1 && path.charAt(1) == '/') {
            return Optional.of("redirect must not start with // (another host)");
        }
        if (!parse) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(path);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return Optional.of("redirect must not name a scheme or host");
            }
        } catch (URISyntaxException e) {
            return Optional.of("redirect is not a valid relative URI");
        }
        return Optional.empty();
    }
}
