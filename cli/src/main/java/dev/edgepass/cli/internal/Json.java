package dev.edgepass.cli.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for the command line: HAR files and JWKS in, {@code --json}
 * output and pretty policies out. No library: the CLI starts faster without one and needs only
 * RFC 8259 values.
 *
 * <p>Reading gives {@link LinkedHashMap} (member order kept), {@link ArrayList}, {@link String},
 * {@link Long} or {@link BigDecimal}, {@link Boolean} and {@code null}; nesting is bounded; a
 * duplicate member name keeps the last value, as most readers do. Writing takes the same types
 * plus any {@link Number}, and escapes every non-ASCII character so output is ASCII.
 */
public final class Json {

    private static final int MAX_DEPTH = 64;

    private final String in;
    private int pos;

    private Json(String in) {
        this.in = in;
    }

    /** Thrown when the text is not JSON; the message gives line and column, never the text. */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses one JSON value.
     *
     * @throws ParseException if {@code text} is not exactly one JSON value
     */
    public static Object parse(String text) throws ParseException {
        Json p = new Json(text);
        try {
            p.skipWhitespace();
            Object v = p.value(0);
            p.skipWhitespace();
            if (p.pos != text.length()) {
                throw p.error("trailing data after the JSON value");
            }
            return v;
        } catch (StringIndexOutOfBoundsException e) {
            throw p.error("the JSON text ends early");
        }
    }

    private Object value(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw error("JSON nests deeper than " + MAX_DEPTH + " levels");
        }
        char c = in.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
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
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private Map<String, Object> object(int depth) throws ParseException {
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
                throw error("expected a member name");
            }
            String key = string();
            skipWhitespace();
            if (in.charAt(pos) != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWhitespace();
            map.put(key, value(depth + 1));
            skipWhitespace();
            char c = in.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) throws ParseException {
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
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws ParseException {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = in.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
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
                            pos--;
                            throw error("bad \\u escape");
                        }
                        v = v * 16 + d;
                    }
                    out.append((char) v);
                }
                default -> {
                    pos--;
                    throw error("bad escape");
                }
            }
        }
    }

    private Object number() throws ParseException {
        int start = pos;
        if (in.charAt(pos) == '-') {
            pos++;
        }
        int intStart = pos;
        while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == intStart || (pos - intStart > 1 && in.charAt(intStart) == '0')) {
            throw error("malformed number");
        }
        boolean integral = true;
        if (pos < in.length() && in.charAt(pos) == '.') {
            integral = false;
            pos++;
            int fraction = pos;
            while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == fraction) {
                throw error("malformed number");
            }
        }
        if (pos < in.length() && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
                pos++;
            }
            int exponent = pos;
            while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == exponent) {
                throw error("malformed number");
            }
        }
        String text = in.substring(start, pos);
        if (integral && text.length() <= 18) {
            return Long.parseLong(text);
        }
        if (text.length() > 400) {
            throw error("number too long");
        }
        return new BigDecimal(text);
    }

    private Object literal(String word, Object value) throws ParseException {
        if (!in.startsWith(word, pos)) {
            throw error("unexpected literal");
        }
        pos += word.length();
        return value;
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

    private ParseException error(String what) {
        int line = 1;
        int column = 1;
        int end = Math.min(pos, in.length());
        for (int i = 0; i < end; i++) {
            if (in.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new ParseException(what + " at line " + line + ", column " + column);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    /**
     * Writes a value as JSON: compact, or indented by two spaces when {@code pretty}.
     *
     * @throws IllegalArgumentException for a type JSON cannot hold
     */
    public static String write(Object value, boolean pretty) {
        StringBuilder out = new StringBuilder(256);
        write(value, pretty, 0, out);
        return out.toString();
    }

    private static void write(Object value, boolean pretty, int indent, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof BigDecimal) {
            out.append(value instanceof BigDecimal d ? d.toString() : value.toString());
        } else if (value instanceof Number n) {
            out.append(new BigDecimal(n.toString()));
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(pretty, indent + 1, out);
                quote(String.valueOf(e.getKey()), out);
                out.append(pretty ? ": " : ":");
                write(e.getValue(), pretty, indent + 1, out);
            }
            newline(pretty, indent, out);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(pretty, indent + 1, out);
                write(item, pretty, indent + 1, out);
            }
            newline(pretty, indent, out);
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void newline(boolean pretty, int indent, StringBuilder out) {
        if (pretty) {
            out.append('\n');
            for (int i = 0; i < indent; i++) {
                out.append("  ");
            }
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
