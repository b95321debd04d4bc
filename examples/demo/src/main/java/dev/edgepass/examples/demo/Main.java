package dev.edgepass.examples.demo;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the {@link Demo} from the command line and prints what to open and how to sign in.
 *
 * <pre>
 * java -jar examples/demo/target/edgepass-demo.jar [--login-via=origin|edge] [--flow=code|implicit] [--port=N]
 * </pre>
 *
 * <p>Ctrl-C stops every server (a shutdown hook closes the demo).
 */
public final class Main {

    private Main() {
    }

    /**
     * Parses the options, starts the demo and waits until the JVM is told to stop.
     *
     * <p>A bad option, or a port that cannot be listened on, prints one line on standard error and
     * exits with status 2; {@code --help} prints the usage and exits with 0.
     *
     * @param args {@code --login-via=origin|edge}, {@code --flow=code|implicit}, {@code --port=N}, {@code --help}
     * @throws InterruptedException if the main thread is interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        DemoOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("edgepass demo: " + e.getMessage() + " (--help lists the options)");
            System.exit(2);
            return;
        }
        if (options == null) {
            usage(System.out);
            return;
        }
        Demo demo;
        try {
            demo = Demo.start(options);
        } catch (UncheckedIOException e) {
            System.err.println("edgepass demo: " + cannotListen(e, options));
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            System.out.println("edgepass demo stopped.");
            stopped.countDown();
        }, "edgepass-demo-shutdown"));
        banner(demo, System.out);
        stopped.await();
    }

    /** One line on why a server could not start, and what to do about it. */
    static String cannotListen(UncheckedIOException e, DemoOptions options) {
        String why = e.getCause() == null || e.getCause().getMessage() == null ? "" : " (" + e.getCause().getMessage() + ")";
        String advice = options.port() == 0 ? "" : "; choose another --port, or leave it out for a free one";
        return e.getMessage() + why + advice;
    }

    /** Returns the options, or {@code null} when help was asked for. */
    static DemoOptions parse(String[] args) {
        DemoOptions.Builder options = DemoOptions.builder();
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1).toLowerCase(Locale.ROOT) : "";
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--login-via" -> options.loginVia(switch (value) {
                    case "origin" -> DemoOptions.LoginVia.ORIGIN;
                    case "edge" -> DemoOptions.LoginVia.EDGE;
                    default -> throw new IllegalArgumentException("--login-via must be origin or edge, was '"
                            + printable(value) + "'");
                });
                case "--flow" -> options.flow(switch (value) {
                    case "code" -> DemoOptions.LoginFlow.CODE;
                    case "implicit" -> DemoOptions.LoginFlow.IMPLICIT;
                    default -> throw new IllegalArgumentException("--flow must be code or implicit, was '"
                            + printable(value) + "'");
                });
                case "--port" -> {
                    int port;
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65_535) {
                        throw new IllegalArgumentException("--port must be a number between 0 and 65535, was '"
                                + printable(value) + "'");
                    }
                    options.port(port);
                }
                default -> throw new IllegalArgumentException("unknown option '" + printable(name) + "'");
            }
        }
        return options.build();
    }

    /** An option as it may appear in the one-line error: printable ASCII, at most 40 characters. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 40 ? out.append("...").toString() : out.toString();
    }

    private static void usage(PrintStream out) {
        out.println("usage: ./demo.sh [--login-via=origin|edge] [--flow=code|implicit] [--port=N]");
        out.println("  --login-via=origin  /private/login runs behind CloudFront as an origin, like a Lambda function URL (default)");
        out.println("  --login-via=edge    /private/login runs as a viewer-request function, as Lambda@Edge would");
        out.println("  --flow=code         the public page sends you to /private/login: code flow with PKCE (default)");
        out.println("  --flow=implicit     the article's flow: the page gets tokens from the hosted UI and posts the ID token");
        out.println("  --port=N            the CloudFront stand-in's port on localhost (default: a free port)");
    }

    private static void banner(Demo demo, PrintStream out) {
        DemoOptions options = demo.options();
        out.println();
        out.println("edgepass demo is running.");
        out.println();
        out.println("  Open        " + demo.publicUrl());
        out.println("  Username    " + demo.user().username());
        out.println("  Password    " + demo.user().password() + "   (generated for this run)");
        out.println();
        out.println("  CloudFront stand-in   " + demo.publicUrl());
        out.println("      /private/login*, /private/logout  -> " + demo.loginDescription());
        out.println("      /private/app/*                    -> signed cookies checked, then the private bucket");
        out.println("      *                                 -> the public bucket");
        out.println("  Cognito stand-in      " + demo.hostedUiUrl() + "  (issuer " + demo.issuer() + ")");
        out.println("  Login flow            " + (options.flow() == DemoOptions.LoginFlow.CODE
                ? "authorization code with PKCE (--flow=implicit for the article's flow)"
                : "implicit: the page posts the ID token to /private/login (the article's flow)"));
        out.println();
        out.println("Cookies are sent without Secure because the demo is plain http on localhost.");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
