package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgepass.examples.demo.DemoOptions.LoginFlow;
import dev.edgepass.examples.demo.DemoOptions.LoginVia;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo as {@code ./demo.sh} runs it: {@code java -jar edgepass-demo.jar} in its own process.
 * A bad option or a busy port gets one line on standard error and exit status 2; Ctrl-C (SIGINT)
 * stops it promptly in every mode, after a sign-in has warmed up every server.
 */
class DemoProcessIT {

    /** How long the process may take to exit after SIGINT: "within a second", with room for a loaded machine. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(2);
    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Pattern OPEN = Pattern.compile("Open +(http://\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("Password +(\\S+)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"--login-via=cloud", "--flow=hybrid", "--flow=", "--port=abc", "--port=70000", "--port=-1",
            "--port", "--verbose", "start", "--login-via=\u001b[31medge"})
    void badOption_printsOneLineOnStderr_andExits2(String option) throws Exception {
        Finished run = runToEnd(option);

        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().startsWith("edgepass demo: "), run.stderr());
        assertTrue(run.stderr().contains("(--help lists the options)"), run.stderr());
        assertFalse(run.stderr().contains("\u001b"), "no escape codes, even from the option itself");
        assertEquals("", run.stdout());
    }

    @Test
    void busyPort_printsOneLineOnStderr_andExits2() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Finished run = runToEnd("--port=" + busy.getLocalPort());

            assertEquals(2, run.exitCode(), run.stderr());
            assertEquals("edgepass demo: cannot listen on " + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                    + busy.getLocalPort()
                    + " for the CloudFront stand-in (Address already in use); choose another --port, or leave it out"
                    + " for a free one\n", run.stderr());
            assertEquals("", run.stdout());
        }
    }

    @Test
    void help_printsTheUsageOnStdout_andExits0() throws Exception {
        Finished run = runToEnd("--help");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("usage: ./demo.sh "), run.stdout());
        assertEquals("", run.stderr());
    }

    static Stream<Arguments> modes() {
        return Stream.of(LoginVia.values()).flatMap(via -> Stream.of(LoginFlow.values()).map(flow -> Arguments.of(via, flow)));
    }

    @ParameterizedTest(name = "login via {0}, {1} flow")
    @MethodSource("modes")
    void sigint_afterASignIn_stopsTheDemoPromptly(LoginVia via, LoginFlow flow) throws Exception {
        assumeFalse(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"), "needs kill -INT");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process demo = new ProcessBuilder(command("--login-via=" + via.name().toLowerCase(Locale.ROOT),
                "--flow=" + flow.name().toLowerCase(Locale.ROOT)))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            String banner = awaitBanner(demo, out, err);
            // A process started with SIGINT ignored (a background job of a shell without job control)
            // cannot be stopped by it, whatever the demo does: that is the environment, not the demo.
            assumeFalse(ignoresSigint(demo), "this test runs where SIGINT is ignored; run it from a foreground shell");
            signIn(banner);

            long sent = System.nanoTime();
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor());
            boolean exited = demo.waitFor(STOP_BOUND.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - sent);
            System.out.printf(Locale.ROOT, "demo (%s, %s) exited %d ms after SIGINT%n", via, flow, took.toMillis());

            assertTrue(exited, "the demo did not exit within " + (STOP_BOUND.toSeconds() + 10) + " s of SIGINT");
            assertTrue(took.compareTo(STOP_BOUND) <= 0, "the demo took " + took.toMillis() + " ms to exit after SIGINT");
            assertEquals(130, demo.exitValue(), "exit status of a process stopped by SIGINT");
            String stdout = Files.readString(out);
            assertTrue(stdout.endsWith("edgepass demo stopped.\n"), stdout);
            assertFalse(stdout.contains("\u001b"), "no escape codes on stdout");
        } finally {
            demo.destroyForcibly();
        }
    }

    /** The code flow over HTTP, as a browser follows it: every server of the demo answers at least once. */
    private static void signIn(String banner) throws IOException, InterruptedException {
        Matcher open = OPEN.matcher(banner);
        Matcher password = PASSWORD.matcher(banner);
        assertTrue(open.find() && password.find(), banner);
        URI site = URI.create(open.group(1));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        URI next = location(browser.send(get(site.resolve("/private/login")), HttpResponse.BodyHandlers.discarding()));
        next = location(browser.send(get(next), HttpResponse.BodyHandlers.discarding()));        // authorize -> login form
        String form = "username=demo&password=" + URLEncoder.encode(password.group(1), StandardCharsets.UTF_8);
        next = location(browser.send(HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()));
        next = location(browser.send(get(next), HttpResponse.BodyHandlers.discarding()));        // callback -> app
        assertEquals(200, browser.send(get(site.resolve(next.getPath())), HttpResponse.BodyHandlers.discarding())
                .statusCode());
    }

    private static URI location(HttpResponse<?> response) {
        assertEquals(302, response.statusCode(), response.uri().toString());
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build();
    }

    private static String awaitBanner(Process demo, Path out, Path err) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            String stdout = Files.exists(out) ? Files.readString(out) : "";
            if (stdout.contains("Press Ctrl-C to stop.")) {
                return stdout;
            }
            if (!demo.isAlive()) {
                throw new AssertionError("the demo exited with " + demo.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the demo did not start within " + START_BOUND.toSeconds() + " s");
    }

    /** Whether SIGINT is ignored in the process (Linux: {@code SigIgn} in {@code /proc/PID/status}). */
    private static boolean ignoresSigint(Process process) throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        assumeTrue(Files.isReadable(status), "needs /proc to tell whether SIGINT is ignored");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    private Finished runToEnd(String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process process = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS), "the demo did not exit");
        return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(System.getProperty("edgepass.demo.jar", "target/edgepass-demo.jar"));
        command.addAll(List.of(args));
        return command;
    }

    private record Finished(int exitCode, String stdout, String stderr) {}
}
