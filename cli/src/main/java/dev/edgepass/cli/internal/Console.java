package dev.edgepass.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command writes: its result on stdout (text, or one JSON object with {@code --json}),
 * warnings on stderr (inside the JSON object with {@code --json}).
 */
public final class Console {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final String command;

    private Console(PrintWriter out, PrintWriter err, boolean json, String command) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.command = command;
    }

    /** Returns the console of a running command. */
    public static Console of(CommandSpec spec, CommonOptions common) {
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), common.json(), spec.qualifiedName());
    }

    /** Returns true when the result is printed as JSON. */
    public boolean json() {
        return json;
    }

    /** Prints a line of the text result. */
    public void println(String line) {
        out.println(line);
        out.flush();
    }

    /** Prints the JSON result: one object, indented, with a final newline. */
    public void printJson(Map<String, ?> object) {
        out.println(Json.write(object, true));
        out.flush();
    }

    /** Prints a warning on stderr (text mode only; JSON results carry their warnings). */
    public void warn(String message) {
        if (!json) {
            err.println(command + ": warning: " + message);
            err.flush();
        }
    }

    /** Formats label/value rows with the values aligned, two spaces of indent. */
    public static List<String> rows(List<String[]> rows) {
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            lines.add("  " + r[0] + " ".repeat(width - r[0].length() + 2) + r[1]);
        }
        return lines;
    }

    /** Prints aligned label/value rows. */
    public void printRows(List<String[]> rows) {
        for (String line : rows(rows)) {
            out.println(line);
        }
        out.flush();
    }
}
