package dev.edgepass.cli;

import dev.edgepass.cli.internal.CompletionCommand;
import dev.edgepass.cli.internal.Failures;
import dev.edgepass.cli.internal.InspectCommand;
import dev.edgepass.cli.internal.KeygenCommand;
import dev.edgepass.cli.internal.SignCookiesCommand;
import dev.edgepass.cli.internal.SignUrlCommand;
import dev.edgepass.cli.internal.VerifyCookiesCommand;
import dev.edgepass.cli.internal.VerifyTokenCommand;
import dev.edgepass.cli.internal.VerifyUrlCommand;
import dev.edgepass.cli.internal.VersionProvider;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code edgepass} command: makes CloudFront key pairs, signs and decodes cookies and URLs,
 * verifies Cognito tokens, and explains why CloudFront answered 403.
 *
 * <p>Exit codes: 0 accepted or done, 1 refused (a request CloudFront would deny, a rejected
 * token), 2 a usage error (bad argument, unreadable or oversized input). Errors are one line on
 * stderr; {@code --debug} adds the stack trace.
 *
 * <pre>{@code
 * java -jar edgepass.jar verify-cookies --file session.har --public-key K2JCJMDEHXQW5F=public_key.pem
 * }</pre>
 *
 * <p>Not thread-safe; a command line runs once per process.
 */
@Command(name = "edgepass", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "CloudFront signed cookies and URLs, and Cognito tokens, from the command line.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  accepted, or done", "  1  refused: CloudFront would deny the request, or the token is rejected",
                "  2  usage error: a bad argument, or an unreadable, malformed or oversized input"})
public final class Edgepass implements Runnable {

    /** The subcommands, in the order {@code --help} lists them. */
    private static final List<String> COMMANDS = List.of("keygen", "sign-cookies", "sign-url", "inspect", "verify-cookies",
            "verify-url", "verify-token", "completion");

    @Spec
    private CommandSpec spec;

    /** Creates the top-level command; picocli calls it. */
    public Edgepass() {}

    /** Without a command there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: one of " + String.join(", ", COMMANDS));
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line on the process's standard streams and returns the exit code.
     *
     * @param args the arguments
     * @return 0, 1 or 2
     */
    public static int execute(String[] args) {
        boolean debug = Failures.flag(args, "--debug");
        // The library logs through slf4j: silent unless asked, never on stdout.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        PrintWriter out = new PrintWriter(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        CommandLine cl = commandLine(firstCommand(args));
        cl.setOut(out);
        cl.setErr(err);
        Failures failures = new Failures(args, err);
        cl.setParameterExceptionHandler(failures);
        cl.setExecutionExceptionHandler(failures);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Builds the command line with every subcommand, for help and completion.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    // Building a subcommand's model costs reflection over its options: when the command is known,
    // build only that one, so `edgepass inspect` loads nothing of keygen, signing or Cognito.
    private static CommandLine commandLine(String only) {
        CommandLine cl = new CommandLine(new Edgepass());
        for (String name : COMMANDS) {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, create(name));
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static Object create(String name) {
        switch (name) {
            case "keygen":
                return new KeygenCommand();
            case "sign-cookies":
                return new SignCookiesCommand();
            case "sign-url":
                return new SignUrlCommand();
            case "inspect":
                return new InspectCommand();
            case "verify-cookies":
                return new VerifyCookiesCommand();
            case "verify-url":
                return new VerifyUrlCommand();
            case "verify-token":
                return new VerifyTokenCommand();
            case "completion":
                return new CompletionCommand();
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static String firstCommand(String[] args) {
        for (String a : args) {
            if (COMMANDS.contains(a)) {
                return a;
            }
            if (!a.startsWith("-")) {
                return null;
            }
        }
        return null;
    }
}
