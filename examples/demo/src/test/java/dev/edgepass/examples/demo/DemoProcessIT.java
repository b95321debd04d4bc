package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgepass.examples.demo.DemoOptions.LoginFlow;
import dev.edgepass.examples.demo.DemoOptions.LoginVia;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * stops it promptly in every mode, after a sign-in has warmed up every server, and with the
 * connections a browser leaves open (idle, half-sent) still open.
 */
class DemoProcessIT {

    /** How long the process may take to exit after SIGINT: "within a second", with room for a loaded machine. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(2);
    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Pattern OPEN = Pattern.compile("Open +(http://\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("Password +(\\S+)");
    private static final Pattern COGNITO = Pattern.compile("Cognito stand-in +(http://\\S+)");
    private static final Pattern FUNCTION_URL = Pattern.compile("-> origin (http://\\S+), a Lambda function URL");
    /** How long a test waits for a stand-in to answer on a raw socket before it fails instead of hanging. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

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
        Process demo = start(via, flow);
        try {
            signIn(awaitStartedWithSigint(demo));

            assertStopsPromptlyOnSigint(demo, via, flow);
        } finally {
            demo.destroyForcibly();
        }
    }

    /**
     * What a browser leaves open and an HTTP client does not: a preconnected socket that never sent
     * a byte, a keep-alive connection idle after its answer, a request cut off in its headers, and
     * requests whose body stops half-way, so that a handler is waiting to read it when SIGINT comes
     * (the request is past its headers: the server has answered {@code 100 Continue}). None of them
     * may hold up the exit.
     */
    @ParameterizedTest(name = "login via {0}, {1} flow")
    @MethodSource("modes")
    void sigint_withIdleAndHalfSentConnectionsOpen_stopsTheDemoPromptly(LoginVia via, LoginFlow flow)
            throws Exception {
        Process demo = start(via, flow);
        List<Socket> open = new ArrayList<>();
        try {
            String banner = awaitStartedWithSigint(demo);
            signIn(banner);
            URI site = URI.create(find(OPEN, banner));
            URI cognito = URI.create(find(COGNITO, banner));

            open.add(connect(site));                                                  // preconnected, nothing sent
            open.add(connect(cognito));
            open.add(keptAlive(site, "GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            open.add(send(connect(site), "GET /index.html HTTP/1.1\r\nHost: loc"));   // cut off in the headers
            open.add(halfSentBody(site, "/private/login", "localhost"));                // the login route reads it
            open.add(halfSentBody(cognito, "/oauth2/token", "127.0.0.1"));              // the token endpoint reads it
            Matcher functionUrl = FUNCTION_URL.matcher(banner);
            boolean origin = functionUrl.find();
            assertEquals(via == LoginVia.ORIGIN, origin, "a function URL stand-in runs for the origin login only: " + banner);
            if (origin) {
                open.add(halfSentBody(URI.create(functionUrl.group(1)), "/private/login", "127.0.0.1"));
            }

            assertStopsPromptlyOnSigint(demo, via, flow);
        } finally {
            demo.destroyForcibly();
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private Process start(LoginVia via, LoginFlow flow) throws IOException {
        assumeFalse(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"), "needs kill -INT");
        return new ProcessBuilder(command("--login-via=" + via.name().toLowerCase(Locale.ROOT),
                "--flow=" + flow.name().toLowerCase(Locale.ROOT)))
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** Waits for the banner; skips where SIGINT cannot stop any process, whatever the demo does. */
    private String awaitStartedWithSigint(Process demo) throws IOException, InterruptedException {
        String banner = awaitBanner(demo, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"));
        // A process started with SIGINT ignored (a background job of a shell without job control)
        // cannot be stopped by it, whatever the demo does: that is the environment, not the demo.
        assumeFalse(ignoresSigint(demo), "this test runs where SIGINT is ignored; run it from a foreground shell");
        return banner;
    }

    private void assertStopsPromptlyOnSigint(Process demo, LoginVia via, LoginFlow flow)
            throws IOException, InterruptedException {
        long sent = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start().waitFor());
        boolean exited = demo.waitFor(STOP_BOUND.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        System.out.printf(Locale.ROOT, "demo (%s, %s) exited %d ms after SIGINT%n", via, flow, took.toMillis());

        assertTrue(exited, "the demo did not exit within " + (STOP_BOUND.toSeconds() + 10) + " s of SIGINT");
        assertTrue(took.compareTo(STOP_BOUND) <= 0, "the demo took " + took.toMillis() + " ms to exit after SIGINT");
        assertEquals(130, demo.exitValue(), "exit status of a process stopped by SIGINT");
        String stdout = Files.readString(dir.resolve("stdout.txt"));
        assertTrue(stdout.endsWith("edgepass demo stopped.\n"), stdout);
        assertFalse(stdout.contains("\u001b"), "no escape codes on stdout");
    }

    private static String find(Pattern pattern, String banner) {
        Matcher matcher = pattern.matcher(banner);
        assertTrue(matcher.find(), banner);
        return matcher.group(1);
    }

    private static Socket connect(URI server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()),
                (int) ANSWER_TIMEOUT.toMillis());
        socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
        return socket;
    }

    private static Socket send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** A connection that has had its whole answer and stays open, as a browser keeps it for the next request. */
    private static Socket keptAlive(URI server, String request) throws IOException {
        Socket socket = send(connect(server), request);
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 200 "), head);
        Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)$").matcher(head);
        assertTrue(length.find(), head);
        assertEquals(Integer.parseInt(length.group(1)), in.readNBytes(Integer.parseInt(length.group(1))).length);
        assertFalse(head.toLowerCase(Locale.ROOT).contains("connection: close"), head);
        return socket;
    }

    /**
     * A form post that declares 1,000 bytes and sends 10: the server has accepted the headers
     * ({@code 100 Continue}) and a handler waits for the rest of the body.
     */
    private static Socket halfSentBody(URI server, String path, String host) throws IOException {
        Socket socket = send(connect(server), "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n"
                + "Expect: 100-continue\r\n\r\n");
        String interim = readHead(socket.getInputStream());
        assertTrue(interim.startsWith("HTTP/1.1 100 "), interim);
        return send(socket, "id_token=x");
    }

    /** Reads a response's status line and headers, up to and including the blank line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.length() + " bytes of the head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
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
