package dev.edgepass.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One cookie as it was captured: name, value and, when it came from a {@code Set-Cookie} line,
 * its attributes ({@code "; Path=/; Secure"}, empty otherwise).
 *
 * @param name       the cookie name
 * @param value      the value as sent
 * @param attributes the attributes after the value, empty for a {@code Cookie} header
 */
public record Cookie(String name, String value, String attributes) {

    /** The CloudFront cookie names, in the order the CloudFront guide lists them. */
    static final List<String> CLOUDFRONT_NAMES = List.of("CloudFront-Expires", "CloudFront-Policy", "CloudFront-Signature",
            "CloudFront-Key-Pair-Id", "CloudFront-Hash-Algorithm");

    /** Returns true for the five CloudFront cookie names (case-sensitive, as CloudFront reads them). */
    boolean isCloudFront() {
        return CLOUDFRONT_NAMES.contains(name);
    }

    /**
     * Parses a {@code Cookie} header value ({@code a=1; b=2}), with or without the
     * {@code Cookie:} name in front.
     */
    static List<Cookie> parseHeader(String header) {
        String h = header.strip();
        if (h.regionMatches(true, 0, "cookie:", 0, 7)) {
            h = h.substring(7);
        }
        List<Cookie> cookies = new ArrayList<>();
        for (String part : h.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            cookies.add(eq < 0 ? new Cookie("", p, "") : new Cookie(p.substring(0, eq).strip(), p.substring(eq + 1).strip(), ""));
        }
        return cookies;
    }

    /** Parses one {@code Set-Cookie} value ({@code name=value; Path=/; Secure}), with or without the header name. */
    static Cookie parseSetCookie(String line) {
        String l = line.strip();
        if (l.regionMatches(true, 0, "set-cookie:", 0, 11)) {
            l = l.substring(11).strip();
        }
        int semi = l.indexOf(';');
        String pair = semi < 0 ? l : l.substring(0, semi);
        String attributes = semi < 0 ? "" : l.substring(semi);
        int eq = pair.indexOf('=');
        return eq < 0 ? new Cookie("", pair.strip(), attributes)
                : new Cookie(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip(), attributes);
    }

    /** Returns the value of attribute {@code name} (case-insensitive), "" for a flag, or null when absent. */
    String attribute(String name) {
        for (String part : attributes.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            String n = eq < 0 ? p : p.substring(0, eq).strip();
            if (n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return eq < 0 ? "" : p.substring(eq + 1).strip();
            }
        }
        return null;
    }
}
