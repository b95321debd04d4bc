package dev.edgepass.cloudfront.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line (at /usr/bin/openssl, installed by CI) inside a test's temporary directory. */
public final class OpenSsl {

    private OpenSsl() {}

    /** The result of a command: exit code and combined output. */
    public record Result(int exitCode, byte[] output) {
        /** Returns the output as UTF-8 text. */
        public String text() {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code sh -c script} in {@code dir} and fails the test unless it exits 0. */
    public static String sh(Path dir, String script) {
        Result r = run(dir, List.of("sh", "-c", script));
        if (r.exitCode() != 0) {
            throw new AssertionError("command failed (" + r.exitCode() + "): " + script + "\n" + r.text());
        }
        return r.text();
    }

    /** Runs a command in {@code dir}, returning its exit code and output. */
    public static Result run(Path dir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("command timed out: " + command);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + "; is openssl installed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
