package dev.edgepass.cloudfront.internal;

import static dev.edgepass.core.internal.Redaction.quote;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Puts a resource URL or pattern into the form it travels in on the wire, the form CloudFront
 * compares the policy against.
 *
 * <p>Rules (documented in the module README): control characters, {@code "} and {@code \} are
 * refused (they would break the policy JSON, and no browser sends them raw), so is {@code #} (a
 * fragment never reaches CloudFront). Space, non-ASCII (as UTF-8) and {@code < > ` { }} are
 * percent-encoded, as the WHATWG URL Standard has browsers do; a {@code %} already followed by two
 * hex digits is kept, so encoded input is never encoded twice, and a lone {@code %} becomes
 * {@code %25}. The scheme and host of an http(s) URL are lower-cased and an internationalised
 * host is converted to its ASCII (punycode) form.
 */
public final class ResourceForm {

    /** The longest resource accepted, in characters: CloudFront's URL length limit. */
    public static final int MAX_LENGTH = 8192;

    private ResourceForm() {}

    // ASCII characters a resource in wire form keeps as they are: in the host, lower-case letters,
    // digits, '-', '.', ':' (a port) and '*'; after it, printable ASCII except those that break the
    // policy JSON ('"', '\'), start a fragment ('#') or are percent-encoded ('%' only when it does
    // not start an escape, space, '<', '>', '`', '{', '}').
    private static final boolean[] PLAIN_HOST = new boolean[0x80];
    private static final boolean[] PLAIN_TAIL = new boolean[0x80];

    static {
        for (char c = 0x21; c < 0x7f; c++) {
            PLAIN_HOST[c] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':' || c == '*';
            PLAIN_TAIL[c] = "\"\\#%<>`{}".indexOf(c) < 0;
        }
    }

    /** The wire form and whether it is a plain URL or a wildcard pattern. */
    public record Parsed(String wire, boolean url, boolean wildcard) {}

    /**
     * Returns the wire form of {@code raw}.
     *
     * @param raw  the resource as the caller wrote it
     * @param name the parameter name for error messages
     * @throws IllegalArgumentException if the resource breaks a rule
     */
    public static Parsed parse(String raw, String name) {
        Parsed same = alreadyWireForm(raw);
        return same != null ? same : normalise(raw, name);
    }

    /** The full path of {@link #parse}: checks every rule and builds the wire form. */
    static Parsed normalise(String raw, String name) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " has " + raw.length() + " characters, at most "
                    + MAX_LENGTH + " fit in a CloudFront URL");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(name + " contains a control character at index " + i + ": "
                        + quote(raw));
            }
            if (c == '"' || c == '\\') {
                throw new IllegalArgumentException(name + " contains " + c + " at index " + i
                        + ", which would break the policy JSON: " + quote(raw));
            }
            if (c == '#') {
                throw new IllegalArgumentException(name + " contains a fragment ('#' at index " + i
                        + "), which browsers never send to CloudFront: " + quote(raw));
            }
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean star = raw.indexOf('*') >= 0;
        int schemeEnd = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
        StringBuilder out = new StringBuilder(raw.length() + 16);
        int rest = 0;
        if (schemeEnd > 0) {
            int hostEnd = schemeEnd;
            while (hostEnd < raw.length() && "/?".indexOf(raw.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            String host = raw.substring(schemeEnd, hostEnd);
            if (host.isEmpty()) {
                throw new IllegalArgumentException(name + " has no host: " + quote(raw));
            }
            out.append(lower, 0, schemeEnd).append(asciiHost(host, name, raw));
            rest = hostEnd;
        } else if (!star && raw.indexOf('?') < 0) {
            throw new IllegalArgumentException(name + " must be an absolute http:// or https:// URL, or a pattern with"
                    + " * or ?, was " + quote(raw));
        }
        encodeTail(raw, rest, out, name);
        String wire = out.toString();
        if (wire.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " is " + wire.length() + " characters once percent-encoded, at most "
                    + MAX_LENGTH + " fit in a CloudFront URL");
        }
        // In a plain URL the first '?' starts the query string (as in the canned policy examples of
        // the CloudFront guide); anywhere else, or next to a '*', it is a wildcard.
        boolean wildcard = star || schemeEnd < 0;
        return new Parsed(wire, schemeEnd > 0 && !star, wildcard);
    }

    /**
     * Returns the result for a resource that is already in wire form, the usual case (a site's
     * own URL pattern), without building anything: a lower-case {@code http(s)} scheme and host
     * and a tail of printable ASCII that needs no encoding. Returns null for anything else,
     * including every input {@link #parse} refuses, which then takes the full path.
     */
    private static Parsed alreadyWireForm(String raw) {
        int length = raw.length();
        int schemeEnd = raw.startsWith("https://") ? 8 : raw.startsWith("http://") ? 7 : -1;
        if (schemeEnd < 0 || length > MAX_LENGTH) {
            return null;
        }
        int i = schemeEnd;
        for (; i < length; i++) {
            char c = raw.charAt(i);
            if (c == '/' || c == '?') {
                break;
            }
            if (c >= 0x80 || !PLAIN_HOST[c]) {
                return null;
            }
        }
        if (i == schemeEnd) {
            return null;
        }
        for (; i < length; i++) {
            char c = raw.charAt(i);
            if ((c >= 0x80 || !PLAIN_TAIL[c])
                    && !(c == '%' && i + 2 < length && hex(raw.charAt(i + 1)) && hex(raw.charAt(i + 2)))) {
                return null;
            }
        }
        boolean star = raw.indexOf('*', schemeEnd) >= 0;
        return new Parsed(raw, !star, star);
    }

    private static String asciiHost(String host, String name, String raw) {
        boolean ascii = true;
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) > 0x7e) {
                ascii = false;
                break;
            }
            if (host.charAt(i) == ' ') {
                throw new IllegalArgumentException(name + " has a space in its host: " + quote(raw));
            }
        }
        if (ascii) {
            return host.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " has a host that is not a valid internationalised domain name: "
                    + quote(raw), e);
        }
    }

    private static void encodeTail(String raw, int from, StringBuilder out, String name) {
        for (int i = from; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 < raw.length() && hex(raw.charAt(i + 1)) && hex(raw.charAt(i + 2))) {
                    out.append(c);
                } else {
                    out.append("%25");
                }
            } else if (c == ' ' || c == '<' || c == '>' || c == '`' || c == '{' || c == '}') {
                appendEscaped(out, (byte) c);
            } else if (c < 0x80) {
                out.append(c);
            } else {
                int cp = raw.codePointAt(i);
                if (Character.isSurrogate(c) && Character.charCount(cp) == 1) {
                    throw new IllegalArgumentException(name + " contains an unpaired surrogate at index " + i);
                }
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    appendEscaped(out, b);
                }
                i += Character.charCount(cp) - 1;
            }
        }
    }

    private static void appendEscaped(StringBuilder out, byte b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
