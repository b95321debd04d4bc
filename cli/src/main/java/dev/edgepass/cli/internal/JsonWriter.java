package dev.edgepass.cli.internal;

import dev.edgepass.core.internal.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON for the command line: {@code --json} results, error lines and pretty policies and
 * claims. No library: the CLI starts faster without one. Documents are read with the library's
 * strict reader, {@link Json}, whose values this writes back ({@link Json#NULL} as {@code null}).
 *
 * <p>Takes {@link Map} (member order kept), {@link List}, {@link String}, any {@link Number},
 * {@link Boolean} and {@code null}; escapes every non-ASCII character, so the output is ASCII.
 * Stateless and thread-safe.
 */
public final class JsonWriter {

    private JsonWriter() {}

    /**
     * Writes a value as JSON: compact, or indented by two spaces when {@code pretty}.
     *
     * @param value  the value, of the types above
     * @param pretty whether to indent
     * @return the JSON text, without a final newline
     * @throws IllegalArgumentException for a type JSON cannot hold
     */
    public static String write(Object value, boolean pretty) {
        StringBuilder out = new StringBuilder(256);
        write(value, pretty, 0, out);
        return out.toString();
    }

    private static void write(Object value, boolean pretty, int indent, StringBuilder out) {
        if (value == null || value == Json.NULL) {
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
        // The library's quote escapes quotes, backslashes and control characters; non-ASCII is
        // escaped here so that output survives any terminal encoding.
        String quoted = Json.quote(s);
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }
}
