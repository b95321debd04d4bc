package dev.edgepass.cognito.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser (RFC 8259) for JWT headers and payloads.
 *
 * <p>Strict where laxness is a risk: duplicate member names, trailing content, leading zeros,
 * unpaired surrogates, control characters in strings and nesting deeper than {@link #MAX_DEPTH}
 * are all rejected. Objects come back as unmodifiable {@link LinkedHashMap}s, arrays as
 * unmodifiable lists, integers as {@link Long} or {@link BigInteger}, other numbers as finite
 * {@link Double}s. Thread-safe: all state lives in a per-call instance.
 */
public final class Json {

    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 16;

    private static final int KNOWN_SLOTS = 128;
    private static final String[] KNOWN_NAMES = knownNames("alg", "kid", "typ", "sub", "iss", "aud", "exp", "iat",
            "nbf", "jti", "auth_time", "token_use", "client_id", "scope", "username", "cognito:username",
            "cognito:groups", "cognito:roles", "cognito:preferred_role", "origin_jti", "event_id", "version",
            "email", "email_verified", "phone_number", "phone_number_verified", "name", "identities");

    private final String in;
    private int pos;

    private Json(String in) {
        this.in = in;
    }

    /** Thrown for any input that is not one strict JSON value. The message never quotes the input. */
    public static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses {@code text}, which must be exactly one JSON object.
     *
     * @param text the JSON text
     * @return the object's members in input order, unmodifiable
     * @throws JsonException if the text is not one strict JSON object
     */
    public static Map<String, Object> parseObject(String text) throws JsonException {
        Json json = new Json(text);
        json.skipWhitespace();
        if (json.pos >= text.length() || text.charAt(json.pos) != '{') {
            throw new JsonException("not a JSON object");
        }
        Map<String, Object> result = json.readObject(1);
        json.skipWhitespace();
        if (json.pos != text.length()) {
            throw new JsonException("trailing content after the JSON object at offset " + json.pos);
        }
        return result;
    }

    // A table indexed by String.hashCode; a name whose slot is taken is left out, which only costs
    // it the shortcut. The mixing keeps the names above in separate slots.
    private static String[] knownNames(String... names) {
        String[] table = new String[KNOWN_SLOTS];
        for (String name : names) {
            int slot = slot(name.hashCode());
            if (table[slot] == null) {
                table[slot] = name;
            }
        }
        return table;
    }

    private static int slot(int hash) {
        return (hash ^ hash >>> 6) & (KNOWN_SLOTS - 1);
    }

    private Object readValue(int depth) throws JsonException {
        skipWhitespace();
        if (pos >= in.length()) {
            throw new JsonException("unexpected end of JSON");
        }
        char c = in.charAt(pos);
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                expectWord("true");
                return Boolean.TRUE;
            case 'f':
                expectWord("false");
                return Boolean.FALSE;
            case 'n':
                expectWord("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw new JsonException("unexpected character at offset " + pos);
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested deeper than " + MAX_DEPTH);
        }
        pos++; // '{'
        // Sized from the input for the outer object (a claim takes some 30-40 characters), so that a
        // payload's map does not grow while being filled; nested objects are small.
        Map<String, Object> members = new LinkedHashMap<>(depth == 1 ? Math.min(256, Math.max(16, in.length() / 32)) : 16);
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected a member name at offset " + pos);
            }
            String name = readName();
            skipWhitespace();
            if (peek() != ':') {
                throw new JsonException("expected ':' at offset " + pos);
            }
            pos++;
            Object value = readValue(depth);
            // RFC 7515 section 5.2 and RFC 7519 section 4: reject duplicates rather than guess which one wins.
            if (members.containsKey(name)) {
                throw new JsonException("duplicate member name");
            }
            members.put(name, value);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (c != ',') {
                throw new JsonException("expected ',' or '}' at offset " + (pos - 1));
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested deeper than " + MAX_DEPTH);
        }
        pos++; // '['
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            items.add(readValue(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(items);
            }
            if (c != ',') {
                throw new JsonException("expected ',' or ']' at offset " + (pos - 1));
            }
        }
    }

    /**
     * Reads a member name, returning the shared constant for the usual JWT header and claim names
     * instead of a new string: a payload holds a score of them, and the constants' hash codes are
     * already cached for the map lookups that follow.
     */
    private String readName() throws JsonException {
        int start = pos + 1;
        int hash = 0;
        for (int i = start; i < in.length(); i++) {
            char c = in.charAt(i);
            if (c == '"') {
                String known = KNOWN_NAMES[slot(hash)];
                int length = i - start;
                if (known != null && known.length() == length && in.regionMatches(start, known, 0, length)) {
                    pos = i + 1;
                    return known;
                }
                break;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            hash = 31 * hash + c;
        }
        return readString();
    }

    private String readString() throws JsonException {
        int start = ++pos; // after '"'
        int n = in.length();
        // Fast path: no escapes.
        while (pos < n) {
            char c = in.charAt(pos);
            if (c == '"') {
                return in.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw new JsonException("control character in string at offset " + pos);
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16).append(in, start, pos);
        while (pos < n) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return checkSurrogates(out);
            }
            if (c < 0x20) {
                throw new JsonException("control character in string at offset " + (pos - 1));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= n) {
                break;
            }
            char e = in.charAt(pos++);
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append(readHex4()); break;
                default: throw new JsonException("bad escape in string at offset " + (pos - 1));
            }
        }
        throw new JsonException("unterminated string");
    }

    private char readHex4() throws JsonException {
        if (pos + 4 > in.length()) {
            throw new JsonException("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in.charAt(pos++), 16);
            if (d < 0) {
                throw new JsonException("bad \\u escape at offset " + (pos - 1));
            }
            v = v << 4 | d;
        }
        return (char) v;
    }

    private static String checkSurrogates(StringBuilder s) throws JsonException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new JsonException("unpaired surrogate in string");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new JsonException("unpaired surrogate in string");
            }
        }
        return s.toString();
    }

    private Number readNumber() throws JsonException {
        int start = pos;
        int n = in.length();
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        while (pos < n && isDigit(in.charAt(pos))) {
            pos++;
        }
        int intDigits = pos - intStart;
        if (intDigits == 0 || (intDigits > 1 && in.charAt(intStart) == '0')) {
            throw new JsonException("bad number at offset " + start);
        }
        boolean integral = true;
        if (pos < n && in.charAt(pos) == '.') {
            integral = false;
            pos++;
            int fracStart = pos;
            while (pos < n && isDigit(in.charAt(pos))) {
                pos++;
            }
            if (pos == fracStart) {
                throw new JsonException("bad number at offset " + start);
            }
        }
        if (pos < n && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < n && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                pos++;
            }
            int expStart = pos;
            while (pos < n && isDigit(in.charAt(pos))) {
                pos++;
            }
            if (pos == expStart) {
                throw new JsonException("bad number at offset " + start);
            }
        }
        if (integral && intDigits <= 18) {
            // At most 18 digits cannot overflow a long; no substring needed.
            long v = 0;
            for (int i = intStart; i < pos; i++) {
                v = v * 10 + (in.charAt(i) - '0');
            }
            return in.charAt(start) == '-' ? -v : v;
        }
        String text = in.substring(start, pos);
        if (integral) {
            BigInteger big = new BigInteger(text);
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return big;
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            throw new JsonException("number out of range at offset " + start);
        }
        return d;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expectWord(String word) throws JsonException {
        if (!in.startsWith(word, pos)) {
            throw new JsonException("unexpected literal at offset " + pos);
        }
        pos += word.length();
    }

    private char peek() throws JsonException {
        if (pos >= in.length()) {
            throw new JsonException("unexpected end of JSON");
        }
        return in.charAt(pos);
    }

    private void skipWhitespace() {
        int n = in.length();
        while (pos < n) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
