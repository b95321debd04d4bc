package dev.edgepass.examples.login.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Parses and writes {@code application/x-www-form-urlencoded} text (query strings and form bodies). */
public final class FormEncoding {

    private FormEncoding() {}

    /**
     * Parses {@code a=1&b=2&a=3} into name to values.
     *
     * @param encoded the encoded text, may be empty
     * @return an unmodifiable map in order of first appearance
     * @throws IllegalArgumentException on a malformed percent escape
     */
    public static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return Map.of();
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Writes name/value pairs, in order, percent-encoded.
     *
     * @param params name to value
     * @return the encoded text
     */
    public static String encode(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&");
        params.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        return joiner.toString();
    }

    /** Percent-encodes one value, spaces as {@code %20} so the result also suits a URL query. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
