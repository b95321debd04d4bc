package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.CloudFrontException;
import dev.edgepass.core.KeyFormatException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr and exit code 2: picocli's parse errors, usage
 * mistakes found while running, unreadable keys and inputs. {@code --debug} adds the stack trace;
 * {@code --json} makes the line a JSON object.
 */
public final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit code for a usage error. */
    public static final int USAGE = 2;

    private final PrintWriter err;
    private final boolean json;
    private final boolean debug;

    /**
     * Creates the handler.
     *
     * @param args the raw arguments, scanned for {@code --json} and {@code --debug}
     * @param err  stderr
     */
    public Failures(String[] args, PrintWriter err) {
        this.err = err;
        this.json = flag(args, "--json");
        this.debug = flag(args, "--debug");
    }

    /** Returns true when {@code name} is among the options, before any {@code --}. */
    public static boolean flag(String[] args, String name) {
        for (String a : args) {
            if ("--".equals(a)) {
                return false;
            }
            if (name.equals(a)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = firstLine(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        String name = cl.getCommandSpec().qualifiedName();
        report(name, message + " (see '" + name + " --help')", ex);
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        String message;
        if (ex instanceof UsageException || ex instanceof KeyFormatException || ex instanceof CloudFrontException
                || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
            message = ex.getMessage();
        } else if (ex instanceof ParameterException p) {
            return handleParseException(p, new String[0]);
        } else if (ex instanceof UncheckedIOException io) {
            message = "I/O error: " + io.getCause().getMessage();
        } else {
            message = "internal error: " + ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                    + (debug ? "" : " (run with --debug for the stack trace)");
        }
        report(cl.getCommandSpec().qualifiedName(), firstLine(message), ex);
        return USAGE;
    }

    private void report(String command, String message, Exception ex) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("error", "usage");
            o.put("command", command);
            o.put("message", message);
            err.println(Json.write(o, false));
        } else {
            err.println(command + ": " + message);
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "failed";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replace('\r', ' ');
    }
}
