package dev.edgepass.cloudfront.internal;

import static dev.edgepass.core.internal.Redaction.quote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict parser for CloudFront policy statements, written by hand so that library
 * modules carry no JSON library. It reads RFC 8259 JSON (whitespace allowed, any key order,
 * duplicate keys refused, numbers only as integers), bounded in size and depth, and then checks
 * the shape CloudFront accepts: one statement with a {@code Resource} string and a
 * {@code Condition} holding {@code DateLessThan}, and optionally {@code DateGreaterThan} and
 * {@code IpAddress}. Anything else throws {@link MalformedPolicyException}, never another
 * exception.
 */
public final class PolicyParser {

    /** The longest policy parsed, in characters. */
    public static final int MAX_CHARS = 8192;
    private static final int MAX_DEPTH = 16;

    private final String in;
    private int pos;

    private PolicyParser(String in) {
        this.in = in;
    }

    /** A parsed statement. {@code resource} is null when absent; {@code activeFrom} is -1 when absent. */
    public record Statement(String resource, long expiresAt, long activeFrom, IpRange sourceIp) {}

    /** Thrown for anything that is not a policy CloudFront accepts. The message names what is wrong. */
    public static final class MalformedPolicyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedPolicyException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses {@code json} into its single statement.
     *
     * @throws MalformedPolicyException if it is not valid JSON or not a policy CloudFront accepts
     */
    public static Statement parse(String json) {
        if (json.length() > MAX_CHARS) {
            throw new MalformedPolicyException("policy has " + json.length() + " characters, at most " + MAX_CHARS);
        }
        PolicyParser parser = new PolicyParser(json);
        Object root;
        try {
            parser.skipWhitespace();
            root = parser.value(0);
            parser.skipWhitespace();
        } catch (StringIndexOutOfBoundsException e) {
            throw new MalformedPolicyException("policy JSON ends early");
        }
        if (parser.pos != json.length()) {
            throw new MalformedPolicyException("policy JSON has trailing data at offset " + parser.pos);
        }
        return statement(root);
    }

    private static Statement statement(Object root) {
        Map<String, Object> top = object(root, "policy");
        onlyKeys(top, "policy", "Statement");
        if (!(top.get("Statement") instanceof List<?> statements)) {
            throw new MalformedPolicyException("policy has no \"Statement\" array");
        }
        if (statements.size() != 1) {
            throw new MalformedPolicyException("policy has " + statements.size() + " statements, CloudFront accepts exactly one");
        }
        Map<String, Object> st = object(statements.get(0), "statement");
        onlyKeys(st, "statement", "Resource", "Condition");
        String resource = null;
        if (st.containsKey("Resource")) {
            if (!(st.get("Resource") instanceof String s)) {
                throw new MalformedPolicyException("\"Resource\" is not a string");
            }
            resource = s;
        }
        Map<String, Object> condition = object(st.get("Condition"), "\"Condition\"");
        onlyKeys(condition, "\"Condition\"", "DateLessThan", "DateGreaterThan", "IpAddress");
        if (!condition.containsKey("DateLessThan")) {
            throw new MalformedPolicyException("\"Condition\" has no \"DateLessThan\"");
        }
        long expires = epoch(condition.get("DateLessThan"), "DateLessThan");
        long start = condition.containsKey("DateGreaterThan") ? epoch(condition.get("DateGreaterThan"), "DateGreaterThan") : -1;
        IpRange range = null;
        if (condition.containsKey("IpAddress")) {
            Map<String, Object> ip = object(condition.get("IpAddress"), "\"IpAddress\"");
            onlyKeys(ip, "\"IpAddress\"", "AWS:SourceIp");
            if (!(ip.get("AWS:SourceIp") instanceof String cidr)) {
                throw new MalformedPolicyException("\"AWS:SourceIp\" is missing or not a string");
            }
            range = IpRange.parse(cidr);
            if (range == null) {
                throw new MalformedPolicyException("\"AWS:SourceIp\" is not a CIDR range: " + quote(cidr));
            }
        }
        return new Statement(resource, expires, start, range);
    }

    private static long epoch(Object value, String name) {
        Map<String, Object> m = object(value, "\"" + name + "\"");
        onlyKeys(m, "\"" + name + "\"", "AWS:EpochTime");
        if (!(m.get("AWS:EpochTime") instanceof Long n) || n < 0) {
            throw new MalformedPolicyException("\"" + name + "\" has no non-negative integer \"AWS:EpochTime\"");
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new MalformedPolicyException(what + " is missing or not an object");
        }
        return (Map<String, Object>) value;
    }

    private static void onlyKeys(Map<String, Object> map, String what, String... allowed) {
        outer:
        for (String key : map.keySet()) {
            for (String a : allowed) {
                if (a.equals(key)) {
                    continue outer;
                }
            }
            throw new MalformedPolicyException(what + " has unexpected key " + quote(key));
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedPolicyException("policy JSON nests deeper than " + MAX_DEPTH);
        }
        char c = in.charAt(pos);
        switch (c) {
            case '{':
                return objectValue(depth);
            case '[':
                return arrayValue(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new MalformedPolicyException("unexpected character at offset " + pos);
        }
    }

    private Map<String, Object> objectValue(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (in.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (in.charAt(pos) != '"') {
                throw new MalformedPolicyException("expected a key at offset " + pos);
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                throw new MalformedPolicyException("duplicate key " + quote(key));
            }
            map.put(key, v);
            skipWhitespace();
            char c = in.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw new MalformedPolicyException("expected ',' or '}' at offset " + (pos - 1));
            }
        }
    }

    private List<Object> arrayValue(int depth) {
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (in.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = in.charAt(pos++);
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw new MalformedPolicyException("expected ',' or ']' at offset " + (pos - 1));
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new MalformedPolicyException("control character in a string at offset " + (pos - 1));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = in.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(in.charAt(pos++), 16);
                        if (d < 0) {
                            throw new MalformedPolicyException("bad \\u escape at offset " + (pos - 1));
                        }
                        v = v * 16 + d;
                    }
                    out.append((char) v);
                }
                default -> throw new MalformedPolicyException("bad escape at offset " + (pos - 1));
            }
        }
    }

    private Long number() {
        int start = pos;
        if (in.charAt(pos) == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
            pos++;
        }
        int digits = pos - digitsStart;
        if (digits == 0 || (digits > 1 && in.charAt(digitsStart) == '0')) {
            throw new MalformedPolicyException("malformed number at offset " + start);
        }
        if (pos < in.length() && ".eE".indexOf(in.charAt(pos)) >= 0) {
            throw new MalformedPolicyException("number at offset " + start + " is not an integer");
        }
        if (digits > 18) {
            throw new MalformedPolicyException("number at offset " + start + " is out of range");
        }
        return Long.parseLong(in, start, pos, 10);
    }

    private Object literal(String word, Object value) {
        if (!in.startsWith(word, pos)) {
            throw new MalformedPolicyException("unexpected literal at offset " + pos);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (in.charAt(pos) != c) {
            throw new MalformedPolicyException("expected '" + c + "' at offset " + pos);
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
