package dev.edgepass.cli.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Runs the built {@code edgepass} jar (system property {@code edgepass.jar}, set by the failsafe
 * configuration) as a separate process, the way a user runs it.
 */
public final class Cli {

    private Cli() {}

    /**
     * What a run printed and returned.
     *
     * @param exit the exit code
     * @param out  stdout
     * @param err  stderr
     */
    public record Result(int exit, String out, String err) {

        /** Returns the non-empty stderr lines. */
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        /** Parses stdout as a JSON object with jose4j's parser, independent of the CLI's own. */
        public Map<String, Object> json() {
            try {
                return JsonUtil.parseJson(out);
            } catch (JoseException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The jar under test. */
    public static Path jar() {
        String p = System.getProperty("edgepass.jar");
        assertTrue(p != null && Files.isRegularFile(Path.of(p)), "the built jar is missing: " + p
                + " (run the integration tests with mvn verify, after package)");
        return Path.of(p);
    }

    /** Runs {@code edgepass args...} in {@code dir} with empty stdin. */
    public static Result run(Path dir, String... args) {
        return run(dir, null, Map.of(), args);
    }

    /** Runs {@code edgepass args...} in {@code dir} with {@code stdin} as standard input. */
    public static Result runWithInput(Path dir, String stdin, String... args) {
        return run(dir, stdin, Map.of(), args);
    }

    /** Runs {@code edgepass args...} with extra environment variables. */
    public static Result run(Path dir, String stdin, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar().toString()));
        command.addAll(Arrays.asList(args));
        return exec(dir, stdin, env, command);
    }

    /** Runs a command line (the launcher script, bash) in {@code dir}. */
    public static Result exec(Path dir, String stdin, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the command may exit before reading its input
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
