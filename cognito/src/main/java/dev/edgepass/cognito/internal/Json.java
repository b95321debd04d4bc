package dev.edgepass.cognito.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    // JOSE header names (RFC 7515, 7516) and the claims Cognito puts in its tokens, found without
    // building a string or hashing it: a member name's id is its index here, at most 63.
    private static final String[] KNOWN_NAMES = {"alg", "kid", "typ", "cty", "crit", "jwk", "jku", "x5u", "x5c",
            "x5t", "x5t#S256", "zip", "enc", "epk", "b64", "sub", "iss", "aud", "exp", "iat", "nbf", "jti", "auth_time",
            "token_use", "client_id", "scope", "username", "cognito:username", "cognito:groups", "cognito:roles",
            "cognito:preferred_role", "origin_jti", "event_id", "version", "email", "email_verified", "phone_number",
            "phone_number_verified", "name", "identities", "device_key", "at_hash", "nonce"};
    private static final byte[][] KNOWN_BYTES = new byte[KNOWN_NAMES.length][];
    private static final Map<String, Integer> KNOWN_IDS = new HashMap<>();
    // Open addressing on a cheap key of a name's length and first, middle and last bytes: id + 1, 0 when empty.
    private static final int FIND_SLOTS = 256;
    private static final byte[] FIND = new byte[FIND_SLOTS];
    // The known names shorter than eight bytes by their bytes read as one little-endian long (the
    // rest zero), in open addressing on a multiplicative hash: id + 1, 0 when empty.
    private static final int SHORT_SLOTS = 64;
    private static final long[] SHORT_KEYS = new long[SHORT_SLOTS];
    private static final byte[] SHORT_IDS = new byte[SHORT_SLOTS];
    // A string runs until one of these: a quote, a backslash or a control character. Bytes of
    // multi-byte UTF-8 sequences are all 0x80 or above, so they never stop it.
    private static final boolean[] STRING_STOP = new boolean[256];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;

    static {
        // Duplicates of known names are found with one bit per id in a long.
        if (KNOWN_NAMES.length > Long.SIZE) {
            throw new ExceptionInInitializerError("at most 64 known names");
        }
        for (int id = 0; id < KNOWN_NAMES.length; id++) {
            byte[] name = KNOWN_NAMES[id].getBytes(StandardCharsets.US_ASCII);
            KNOWN_BYTES[id] = name;
            KNOWN_IDS.put(KNOWN_NAMES[id], id);
            int slot = findKey(name, 0, name.length);
            while (FIND[slot] != 0) {
                slot = (slot + 1) & (FIND_SLOTS - 1);
            }
            FIND[slot] = (byte) (id + 1);
        }
        for (int id = 0; id < KNOWN_NAMES.length; id++) {
            byte[] name = KNOWN_BYTES[id];
            if (name.length < Long.BYTES) {
                long key = 0;
                for (int i = name.length - 1; i >= 0; i--) {
                    key = key << 8 | (name[i] & 0xff);
                }
                int slot = shortSlot(key);
                while (SHORT_IDS[slot] != 0) {
                    slot = (slot + 1) & (SHORT_SLOTS - 1);
                }
                SHORT_KEYS[slot] = key;
                SHORT_IDS[slot] = (byte) (id + 1);
            }
        }
        for (int c = 0; c < 0x20; c++) {
            STRING_STOP[c] = true;
        }
        STRING_STOP['"'] = true;
        STRING_STOP['\\'] = true;
    }

    private final byte[] in;
    private final int base;
    private final int end;
    private int pos;
    // The id of the name readName last returned, -1 when it is not a known name.
    private int nameId;
    // The string plainString last built, and where its bytes are: a value that repeats it (in a
    // Cognito id token, cognito:username is often the sub) comes back as the same instance.
    private String lastText;
    private int lastFrom;
    private int lastLength;

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

    /**
     * Parses {@code length} bytes of {@code utf8} from {@code offset}, which must be exactly one
     * JSON object, as strictly as {@link #parseObject(byte[], int, int)}, but keeps only the
     * members named in {@code names}: the value of name {@code i} goes to {@code values[i]}.
     * Every other member is checked just as strictly and then dropped, and its strings and
     * numbers are never built. This is how the verifier reads a token: it needs a dozen claims
     * and builds the full claims map only if asked for it.
     *
     * @param utf8   holds the JSON text, well-formed UTF-8
     * @param offset where the text starts
     * @param length how many bytes it has
     * @param names  the member names wanted
     * @param values receives the value of name {@code i} at index {@code i}; entries of absent
     *               names are left as they were
     * @return a mask with bit {@code i} set when name {@code i} is present (its value may still be
     *         JSON null)
     * @throws JsonException if the text is not one strict JSON object
     */
    public static int parseSelected(byte[] utf8, int offset, int length, Selection names, Object[] values)
            throws JsonException {
        if (values.length < names.size()) {
            throw new IllegalArgumentException("needs a value slot for each name");
        }
        Json json = new Json(utf8, offset, length);
        json.skipWhitespace();
        if (json.pos >= json.end || utf8[json.pos] != '{') {
            throw new JsonException("not a JSON object");
        }
        int present = json.readSelected(names, values);
        json.skipWhitespace();
        if (json.pos != json.end) {
            throw new JsonException("trailing content after the JSON object at offset " + json.offset());
        }
        return present;
    }

    private static int findKey(byte[] in, int start, int length) {
        if (length == 0) {
            return 0;
        }
        return (length * 37 + in[start] * 11 + in[start + (length >> 1)] * 7 + in[start + length - 1]) & (FIND_SLOTS - 1);
    }

    private static int shortSlot(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> 58);
    }

    /**
     * Returns the id of the known name of fewer than eight bytes that {@code key} holds (its
     * bytes little-endian, the rest zero), or -1.
     */
    private static int shortId(long key) {
        for (int slot = shortSlot(key); ; slot = (slot + 1) & (SHORT_SLOTS - 1)) {
            int id = SHORT_IDS[slot] - 1;
            if (id < 0 || SHORT_KEYS[slot] == key) {
                return id;
            }
        }
    }

    /** The SWAR test of {@link #scanString}: the high bit of each byte of {@code x} that may stop a string. */
    private static long stops(long x) {
        long quote = x ^ QUOTES;
        long backslash = x ^ BACKSLASHES;
        return ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (x - SPACES) & ~x) & HIGH_BITS;
    }

    // Names and expected values are a few bytes to a few dozen: compared eight bytes at a time, the
    // last word overlapping the one before it, which beats both a byte loop and Arrays.equals'
    // vectorised mismatch at these lengths.
    private static boolean sameBytes(byte[] in, int start, int length, byte[] name) {
        return name.length == length && sameBytes(in, start, name, 0, length);
    }

    /** Whether {@code a[aFrom, aFrom + length)} and {@code b[bFrom, bFrom + length)} hold the same bytes. */
    private static boolean sameBytes(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        if (length < Long.BYTES) {
            for (int i = 0; i < length; i++) {
                if (a[aFrom + i] != b[bFrom + i]) {
                    return false;
                }
            }
            return true;
        }
        int last = length - Long.BYTES;
        for (int i = 0; i < last; i += Long.BYTES) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        return (long) LONGS.get(a, aFrom + last) == (long) LONGS.get(b, bFrom + last);
    }

    /** Returns the id of the known name in {@code in[start, start + length)}, or -1. */
    private static int knownId(byte[] in, int start, int length) {
        for (int slot = findKey(in, start, length); ; slot = (slot + 1) & (FIND_SLOTS - 1)) {
            int id = FIND[slot] - 1;
            if (id < 0) {
                return -1;
            }
            if (sameBytes(in, start, length, KNOWN_BYTES[id])) {
                return id;
            }
        }
    }

    /**
     * The member names {@link #parseSelected} keeps, prepared once. Each must be one of the JOSE
     * header or Cognito claim names this parser knows, so that finding a member's place is one
     * table look-up. Immutable and thread-safe.
     */
    public static final class Selection {
        private final String[] names;
        private final byte[] indexById = new byte[KNOWN_NAMES.length];
        // Per name: strings its value is expected to be, returned as these very instances.
        private final String[][] expected;
        private final byte[][][] expectedBytes;

        private Selection(Selection base, int index, String[] values) {
            this.names = base.names;
            System.arraycopy(base.indexById, 0, indexById, 0, indexById.length);
            this.expected = base.expected.clone();
            this.expectedBytes = base.expectedBytes.clone();
            expected[index] = values;
            expectedBytes[index] = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                expectedBytes[index][i] = values[i].getBytes(StandardCharsets.UTF_8);
            }
        }

        /**
         * Returns a selection like this one in which a string value of {@code name} that equals
         * one of {@code values} comes back as that very instance: no copy is made, and its hash
         * code is already cached for the look-up that usually follows. Other values are parsed as
         * usual.
         *
         * @param name   one of this selection's names
         * @param values the strings expected, none containing a quote, backslash or control character
         * @return the new selection
         * @throws IllegalArgumentException if {@code name} is not in this selection, or a value
         *                                  would need escaping in JSON
         */
        public Selection expecting(String name, Collection<String> values) {
            int index = Arrays.asList(names).indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("not in this selection: " + name);
            }
            List<String> plain = new ArrayList<>();
            for (String value : values) {
                // Unpaired surrogates would encode as '?' and so match the wrong text.
                if (isPlain(value) && StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
                    plain.add(value);
                }
            }
            return new Selection(this, index, plain.toArray(new String[0]));
        }

        /** Whether {@code value} needs no escaping in JSON: no quote, backslash or control character. */
        private static boolean isPlain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\' || c < 0x20) {
                    return false;
                }
            }
            return true;
        }

        private Selection(String[] names) {
            if (names.length > 32) {
                throw new IllegalArgumentException("at most 32 names");
            }
            this.names = names.clone();
            this.expected = new String[names.length][];
            this.expectedBytes = new byte[names.length][][];
            Arrays.fill(indexById, (byte) -1);
            for (int i = 0; i < names.length; i++) {
                Integer id = KNOWN_IDS.get(names[i]);
                if (id == null || indexById[id] >= 0) {
                    throw new IllegalArgumentException("not a known JOSE header or claim name, or repeated: " + names[i]);
                }
                indexById[id] = (byte) i;
            }
        }

        /**
         * Returns how many names there are.
         *
         * @return the number of names, the length of the value array {@link #parseSelected} fills
         */
        public int size() {
            return names.length;
        }

        /**
         * Returns one of the names.
         *
         * @param index from 0 to {@link #size()} - 1
         * @return the name
         */
        public String name(int index) {
            return names[index];
        }
    }

    /**
     * Prepares a selection of member names for {@link #parseSelected}.
     *
     * @param names at most 32 distinct names, each a JOSE header or Cognito claim name
     * @return the selection
     * @throws IllegalArgumentException if a name is not one this parser knows, or repeats
     */
    public static Selection select(String... names) {
        return new Selection(names);
    }

    private Object readValue(int depth) throws JsonException {
        return readValue(depth, true);
    }

    /**
     * Reads one value; when {@code keep} is false, checks it just as strictly but builds nothing
     * except nested objects (whose duplicate names must be caught) and escaped strings, and
     * returns null.
     */
    private Object readValue(int depth, boolean keep) throws JsonException {
        skipWhitespace();
        if (pos >= end) {
            throw new JsonException("unexpected end of JSON");
        }
        byte c = in[pos];
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1, keep);
            case '"':
                if (keep) {
                    return readString();
                }
                skipString();
                return null;
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
                    return readNumber(keep);
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

    /**
     * Reads the outer object, keeping the selected members. The position lives in a local
     * variable, and the forms a token's payload is made of (a plain known name, a string without
     * escapes, an integer, an expected value) are read in line; anything else, and every error,
     * goes through the general methods above with the position handed over, so that what is
     * accepted and every message are exactly theirs.
     */
    private int readSelected(Selection wanted, Object[] values) throws JsonException {
        byte[] in = this.in;
        int end = this.end;
        int p = pos + 1; // after '{'
        int present = 0;
        // A bit per known name finds their duplicates, even when one is written with escapes;
        // other names go to a set.
        long seenKnown = 0;
        Set<String> seenOther = null;
        p = skipWhitespace(in, p, end);
        if (p < end && in[p] == '}') {
            pos = p + 1;
            return present;
        }
        while (true) {
            p = skipWhitespace(in, p, end);
            if (p >= end || in[p] != '"') {
                pos = p;
                throw new JsonException(p >= end ? "unexpected end of JSON" : "expected a member name at offset " + offset());
            }
            int id = -1;
            int nameStart = p + 1;
            int nameStop = -1;
            if (nameStart + Long.BYTES <= end) {
                // A name of fewer than eight plain bytes is looked up by those bytes as one long.
                long x = (long) LONGS.get(in, nameStart);
                long stops = stops(x);
                int length = Long.numberOfTrailingZeros(stops) >>> 3;
                if (stops != 0 && in[nameStart + length] == '"') {
                    id = shortId(x & ((1L << (length << 3)) - 1));
                    nameStop = nameStart + length;
                }
            }
            if (id < 0) {
                nameStop = scanString(in, nameStart, end);
                if (nameStop < end && in[nameStop] == '"') {
                    id = knownId(in, nameStart, nameStop - nameStart);
                }
            }
            String name = null;
            if (id >= 0) {
                p = nameStop + 1;
            } else {
                pos = p;
                name = readName();
                id = nameId;
                p = pos;
            }
            int index = -1;
            if (id >= 0) {
                long bit = 1L << id;
                if ((seenKnown & bit) != 0) {
                    pos = p;
                    throw new JsonException("duplicate member name");
                }
                seenKnown |= bit;
                index = wanted.indexById[id];
            } else {
                if (seenOther == null) {
                    seenOther = new HashSet<>();
                }
                if (!seenOther.add(name)) {
                    pos = p;
                    throw new JsonException("duplicate member name");
                }
            }
            p = skipWhitespace(in, p, end);
            if (p >= end || in[p] != ':') {
                pos = p;
                throw new JsonException(p >= end ? "unexpected end of JSON" : "expected ':' at offset " + offset());
            }
            p = skipWhitespace(in, p + 1, end);
            byte first = p < end ? in[p] : 0;
            if (first == '"') {
                // A string without escapes or control characters, the usual case, ends at the first stop.
                int stop = scanString(in, p + 1, end);
                if (stop < end && in[stop] == '"') {
                    if (index >= 0) {
                        values[index] = plainString(wanted, index, p + 1, stop);
                        present |= 1 << index;
                    }
                    p = stop + 1;
                } else {
                    pos = p;
                    readSlow(wanted, index, values);
                    present |= index >= 0 ? 1 << index : 0;
                    p = pos;
                }
            } else if (first >= '0' && first <= '9' || first == '-') {
                // An integer of at most 18 digits, the form of every time claim; anything else
                // (a fraction, an exponent, a leading zero, more digits) is read the general way.
                int digits = first == '-' ? p + 1 : p;
                int q = digits;
                long v = 0;
                while (q < end && in[q] >= '0' && in[q] <= '9') {
                    v = v * 10 + (in[q] - '0');
                    q++;
                }
                int count = q - digits;
                boolean plain = count > 0 && count <= 18 && (count == 1 || in[digits] != '0')
                        && (q >= end || (in[q] != '.' && in[q] != 'e' && in[q] != 'E'));
                if (plain) {
                    if (index >= 0) {
                        values[index] = first == '-' ? -v : v;
                        present |= 1 << index;
                    }
                    p = q;
                } else {
                    pos = p;
                    readSlow(wanted, index, values);
                    present |= index >= 0 ? 1 << index : 0;
                    p = pos;
                }
            } else {
                pos = p;
                readSlow(wanted, index, values);
                present |= index >= 0 ? 1 << index : 0;
                p = pos;
            }
            p = skipWhitespace(in, p, end);
            if (p >= end) {
                pos = p;
                throw new JsonException("unexpected end of JSON");
            }
            byte c = in[p++];
            if (c == '}') {
                pos = p;
                return present;
            }
            if (c != ',') {
                pos = p;
                throw new JsonException("expected ',' or '}' at offset " + (offset() - 1));
            }
        }
    }

    /**
     * A string value from {@code in[from, to)} that has no escapes: the expected instance when it
     * is one, else the string this method built last when the bytes repeat it, else a new string.
     */
    private Object plainString(Selection wanted, int index, int from, int to) {
        byte[][] candidates = wanted.expectedBytes[index];
        if (candidates != null) {
            for (int i = 0; i < candidates.length; i++) {
                if (sameBytes(in, from, to - from, candidates[i])) {
                    return wanted.expected[index][i];
                }
            }
        }
        int length = to - from;
        if (length == lastLength && lastText != null && sameBytes(in, from, in, lastFrom, length)) {
            return lastText;
        }
        String text = text(from, to, Utf8.isAscii(in, from, length));
        lastText = text;
        lastFrom = from;
        lastLength = length;
        return text;
    }

    /** Reads the value at {@link #pos} the general way, into its slot when it is selected. */
    private void readSlow(Selection wanted, int index, Object[] values) throws JsonException {
        if (index >= 0) {
            values[index] = wanted.expected[index] == null ? readValue(1) : readExpected(wanted, index);
        } else {
            readValue(1, false);
        }
    }

    // Reads a value that is usually one of the selection's expected strings for this member.
    private Object readExpected(Selection wanted, int index) throws JsonException {
        skipWhitespace();
        if (pos < end && in[pos] == '"') {
            int start = pos + 1;
            int stop = scanString(start);
            if (stop < end && in[stop] == '"') {
                byte[][] candidates = wanted.expectedBytes[index];
                for (int i = 0; i < candidates.length; i++) {
                    if (sameBytes(in, start, stop - start, candidates[i])) {
                        pos = stop + 1;
                        return wanted.expected[index][i];
                    }
                }
            }
        }
        return readValue(1);
    }

    // The list when keep is true, else null once every item is checked.
    private List<Object> readArray(int depth, boolean keep) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException("JSON nested deeper than " + MAX_DEPTH);
        }
        pos++; // '['
        List<Object> items = keep ? new ArrayList<>() : null;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return keep ? Collections.unmodifiableList(items) : null;
        }
        while (true) {
            Object item = readValue(depth, keep);
            if (keep) {
                items.add(item);
            }
            skipWhitespace();
            byte c = peek();
            pos++;
            if (c == ']') {
                return keep ? Collections.unmodifiableList(items) : null;
            }
            if (c != ',') {
                throw new JsonException("expected ',' or ']' at offset " + (offset() - 1));
            }
        }
    }

    /**
     * Reads a member name, returning the shared constant for the usual JWT header and claim names
     * instead of a new string, even when the name is written with escapes, and setting
     * {@link #nameId} to its id (-1 for other names).
     */
    private String readName() throws JsonException {
        int start = pos + 1;
        int stop = scanString(start);
        if (stop < end && in[stop] == '"') {
            int id = knownId(in, start, stop - start);
            if (id >= 0) {
                pos = stop + 1;
                nameId = id;
                return KNOWN_NAMES[id];
            }
        }
        String name = readString();
        Integer id = KNOWN_IDS.get(name);
        nameId = id == null ? -1 : id;
        return id == null ? name : KNOWN_NAMES[id];
    }

    /**
     * Returns the index of the first quote, backslash or control character from {@code from}, or
     * {@link #end}. Tests eight bytes at a time: a byte is zero in {@code x ^ '"'} for a quote,
     * and below 0x20 (with its top bit clear) for a control character. The classic SWAR tests
     * for these can flag a byte wrongly only above one that truly matches (a borrow carries
     * upwards), so the lowest flagged byte is the first stop.
     */
    private int scanString(int from) {
        return scanString(in, from, end);
    }

    private static int scanString(byte[] in, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long stops = stops((long) LONGS.get(in, i));
            if (stops != 0) {
                return i + (Long.numberOfTrailingZeros(stops) >>> 3);
            }
            i += 8;
        }
        while (i < end && !STRING_STOP[in[i] & 0xff]) {
            i++;
        }
        return i;
    }

    private void skipString() throws JsonException {
        int stop = scanString(pos + 1);
        if (stop < end && in[stop] == '"') {
            pos = stop + 1;
            return;
        }
        // Escapes are rare in tokens; let readString check them and the surrogates they make, and
        // report any other error.
        readString();
    }

    private String readString() throws JsonException {
        int start = ++pos; // after '"'
        int stop = scanString(start);
        if (stop < end && in[stop] == '"') {
            pos = stop + 1;
            return text(start, stop, Utf8.isAscii(in, start, stop - start));
        }
        pos = stop;
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

    // The number when keep is true, else null once checked as strictly (a double must be finite).
    private Number readNumber(boolean keep) throws JsonException {
        int start = pos;
        boolean integral = scanNumber();
        if (!keep) {
            if (!integral) {
                finiteDouble(start);
            }
            return null;
        }
        int intStart = in[start] == '-' ? start + 1 : start;
        if (integral && pos - intStart <= 18) {
            // At most 18 digits cannot overflow a long; no string needed.
            long v = 0;
            for (int i = intStart; i < pos; i++) {
                v = v * 10 + (in[i] - '0');
            }
            return in[start] == '-' ? -v : v;
        }
        if (integral) {
            BigInteger big = new BigInteger(text(start, pos, true));
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            return big;
        }
        return finiteDouble(start);
    }

    // Parses the number scanned from start as a double, rejecting one too large to represent.
    private double finiteDouble(int start) throws JsonException {
        double d = Double.parseDouble(text(start, pos, true));
        if (Double.isInfinite(d)) {
            throw new JsonException("number out of range at offset " + offset(start));
        }
        return d;
    }

    /** Moves past one number of RFC 8259's grammar; returns whether it has no fraction or exponent. */
    private boolean scanNumber() throws JsonException {
        // The position lives in a local while scanning: the parser's fields stay in memory across
        // its recursion, and a loop that stores to one on every byte runs at the store's pace.
        byte[] in = this.in;
        int end = this.end;
        int start = pos;
        int p = start;
        if (p < end && in[p] == '-') {
            p++;
        }
        int intStart = p;
        while (p < end && isDigit(in[p])) {
            p++;
        }
        int intDigits = p - intStart;
        if (intDigits == 0 || (intDigits > 1 && in[intStart] == '0')) {
            pos = p;
            throw new JsonException("bad number at offset " + offset(start));
        }
        boolean integral = true;
        if (p < end && in[p] == '.') {
            integral = false;
            p++;
            int fracStart = p;
            while (p < end && isDigit(in[p])) {
                p++;
            }
            if (p == fracStart) {
                pos = p;
                throw new JsonException("bad number at offset " + offset(start));
            }
        }
        if (p < end && (in[p] == 'e' || in[p] == 'E')) {
            integral = false;
            p++;
            if (p < end && (in[p] == '+' || in[p] == '-')) {
                p++;
            }
            int expStart = p;
            while (p < end && isDigit(in[p])) {
                p++;
            }
            if (p == expStart) {
                pos = p;
                throw new JsonException("bad number at offset " + offset(start));
            }
        }
        pos = p;
        return integral;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private boolean matches(String word, int start, int length) {
        for (int i = 0; i < length; i++) {
            if (in[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
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

    /** Returns the index of the first byte from {@code p} that is not JSON white space, or {@code end}. */
    private static int skipWhitespace(byte[] in, int p, int end) {
        while (p < end) {
            byte c = in[p];
            if (c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r')) {
                return p;
            }
            p++;
        }
        return p;
    }

    private void skipWhitespace() {
        // Tokens are compact JSON: the next byte is almost never white space.
        if (pos < end && in[pos] > ' ') {
            return;
        }
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
