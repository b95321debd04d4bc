package dev.edgepass.cognito.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
 * {@link Double}s. Parses UTF-8 bytes directly, so that ASCII text (every Cognito token) needs no
 * decoder and no intermediate string. Thread-safe: all state lives in a per-call instance.
 */
public final class Json {

    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 16;

    private static final int KNOWN_SLOTS = 128;
    private static final String[] KNOWN_NAMES = knownNames("alg", "kid", "typ", "sub", "iss", "aud", "exp", "iat",
            "nbf", "jti", "auth_time", "token_use", "client_id", "scope", "username", "cognito:username",
            "cognito:groups", "cognito:roles", "cognito:preferred_role", "origin_jti", "event_id", "version",
            "email", "email_verified", "phone_number", "phone_number_verified", "name", "identities");

    private final byte[] in;
    private final int base;
    private final int end;
    private int pos;

    private Json(byte[] in, int offset, int length) {
        this.in = in;
        this.base = offset;
        this.pos = offset;
        this.end = offset + length;
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
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return parseObject(utf8, 0, utf8.length);
    }

    /**
     * Parses {@code length} bytes of {@code utf8} from {@code offset}, which must be exactly one
     * JSON object. The caller has checked that the bytes are well-formed UTF-8.
     *
     * @param utf8   holds the JSON text, well-formed UTF-8
     * @param offset where the text starts
     * @param length how many bytes it has
     * @return the object's members in input order, unmodifiable
     * @throws JsonException if the text is not one strict JSON object
     */
    public static Map<String, Object> parseObject(byte[] utf8, int offset, int length) throws JsonException {
        Json json = new Json(utf8, offset, length);
        json.skipWhitespace();
        if (json.pos >= json.end || utf8[json.pos] != '{') {
            throw new JsonException("not a JSON object");
        }
        Map<String, Object> result = json.readObject(1);
        json.skipWhitespace();
        if (json.pos != json.end) {
            throw new JsonException("trailing content after the JSON object at offset " + json.offset());
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
        if (pos >= end) {
            throw new JsonException("unexpected end of JSON");
        }
        byte c = in[pos];
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
                if (c == '-' || isDigit(c)) {
                    return readNumber();
                }
                throw new JsonException("unexpected character at offset " + offset());
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested deeper than " + MAX_DEPTH);
        }
        pos++; // '{'
        // Sized from the input for the outer object (a claim takes some 30-40 bytes), so that a
        // payload's map does not grow while being filled; nested objects are small.
        Map<String, Object> members = new LinkedHashMap<>(depth == 1 ? Math.min(256, Math.max(16, (end - pos) / 32)) : 16);
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new JsonException("expected a member name at offset " + offset());
            }
            String name = readName();
            skipWhitespace();
            if (peek() != ':') {
                throw new JsonException("expected ':' at offset " + offset());
            }
            pos++;
            Object value = readValue(depth);
            // RFC 7515 section 5.2 and RFC 7519 section 4: reject duplicates rather than guess which one wins.
            if (members.containsKey(name)) {
                throw new JsonException("duplicate member name");
            }
            members.put(name, value);
            skipWhitespace();
            byte c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (c != ',') {
                throw new JsonException("expected ',' or '}' at offset " + (offset() - 1));
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
            byte c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(items);
            }
            if (c != ',') {
                throw new JsonException("expected ',' or ']' at offset " + (offset() - 1));
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
        for (int i = start; i < end; i++) {
            byte c = in[i];
            if (c == '"') {
                String known = KNOWN_NAMES[slot(hash)];
                if (known != null && matches(known, start, i - start)) {
                    pos = i + 1;
                    return known;
                }
                break;
            }
            // Known names are ASCII without escapes.
            if (c == '\\' || c < 0x20) {
                break;
            }
            hash = 31 * hash + c;
        }
        return readString();
    }

    private boolean matches(String known, int start, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in[start + i] != known.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String readString() throws JsonException {
        int start = ++pos; // after '"'
        // Fast path: no escapes. Bytes of multi-byte UTF-8 sequences are all negative, so they can
        // be neither a quote, a backslash nor a control character.
        int ascii = 0;
        while (pos < end) {
            byte c = in[pos];
            if (c == '"') {
                return text(start, pos++, ascii >= 0);
            }
            if (c == '\\') {
                break;
            }
            if (c >= 0 && c < 0x20) {
                throw new JsonException("control character in string at offset " + offset());
            }
            ascii |= c;
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16);
        int run = start;
        while (pos < end) {
            byte c = in[pos];
            if (c == '"') {
                out.append(text(run, pos++, false));
                return checkSurrogates(out);
            }
            if (c >= 0 && c < 0x20) {
                throw new JsonException("control character in string at offset " + offset());
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            out.append(text(run, pos++, false));
            if (pos >= end) {
                break;
            }
            byte e = in[pos++];
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
                default: throw new JsonException("bad escape in string at offset " + (offset() - 1));
            }
            run = pos;
        }
        throw new JsonException("unterminated string");
    }

    // The caller checked the whole input is well-formed UTF-8, and a run never splits a sequence,
    // so decoding cannot meet a malformed sequence here.
    private String text(int from, int to, boolean ascii) {
        return new String(in, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private char readHex4() throws JsonException {
        if (pos + 4 > end) {
            throw new JsonException("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit((char) (in[pos++] & 0xff), 16);
            if (d < 0) {
                throw new JsonException("bad \\u escape at offset " + (offset() - 1));
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
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        while (pos < end && isDigit(in[pos])) {
            pos++;
        }
        int intDigits = pos - intStart;
        if (intDigits == 0 || (intDigits > 1 && in[intStart] == '0')) {
            throw new JsonException("bad number at offset " + offset(start));
        }
        boolean integral = true;
        if (pos < end && in[pos] == '.') {
            integral = false;
            pos++;
            int fracStart = pos;
            while (pos < end && isDigit(in[pos])) {
                pos++;
            }
            if (pos == fracStart) {
                throw new JsonException("bad number at offset " + offset(start));
            }
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            int expStart = pos;
            while (pos < end && isDigit(in[pos])) {
                pos++;
            }
            if (pos == expStart) {
                throw new JsonException("bad number at offset " + offset(start));
            }
        }
        if (integral && intDigits <= 18) {
            // At most 18 digits cannot overflow a long; no string needed.
            long v = 0;
            for (int i = intStart; i < pos; i++) {
                v = v * 10 + (in[i] - '0');
            }
            return in[start] == '-' ? -v : v;
        }
        String text = text(start, pos, true);
        if (integral) {
            BigInteger big = new BigInteger(text);
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return big;
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            throw new JsonException("number out of range at offset " + offset(start));
        }
        return d;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private void expectWord(String word) throws JsonException {
        if (end - pos < word.length() || !matches(word, pos, word.length())) {
            throw new JsonException("unexpected literal at offset " + offset());
        }
        pos += word.length();
    }

    private byte peek() throws JsonException {
        if (pos >= end) {
            throw new JsonException("unexpected end of JSON");
        }
        return in[pos];
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = in[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int offset() {
        return offset(pos);
    }

    // Offsets in messages count from the start of the JSON text.
    private int offset(int position) {
        return position - base;
    }
}
