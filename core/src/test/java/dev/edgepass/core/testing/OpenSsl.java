package dev.edgepass.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code openssl} command line, the independent oracle for key formats. CI installs
 * it; a missing binary fails the test rather than skipping it.
 */
public final class OpenSsl {

    private final Path dir;

    /** Creates a runner whose relative file names resolve in {@code dir}. */
    public OpenSsl(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code openssl args...} in the working directory and returns its standard output. */
    public byte[] run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = readAll(process.getInputStream());
            byte[] err = readAll(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("openssl failed (" + process.exitValue() + "): " + command + "\n"
                        + new String(err, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl; install it (apt-get install openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs openssl and returns its output as text. */
    public String text(String... args) {
        return new String(run(args), StandardCharsets.UTF_8);
    }

    /** Returns a file's text from the working directory. */
    public String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a file's bytes from the working directory. */
    public byte[] readBytes(String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the path of a file in the working directory. */
    public Path path(String name) {
        return dir.resolve(name);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
