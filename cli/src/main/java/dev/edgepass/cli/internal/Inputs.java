package dev.edgepass.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads what the user gives on the command line, never more than a cap: files and standard input
 * are refused before parsing when they are larger, so a 50 MB HAR costs one {@code stat}.
 */
public final class Inputs {

    /** The most a HAR file, {@code curl -v} transcript or cookie file may hold: 16 MiB. */
    public static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;
    /** The most a key or JWKS file may hold: 1 MiB. */
    public static final int MAX_KEY_BYTES = 1024 * 1024;

    private final InputStream stdin;

    /**
     * Creates a reader.
     *
     * @param stdin standard input, read when the file name is {@code -}
     */
    public Inputs(InputStream stdin) {
        this.stdin = stdin;
    }

    /**
     * Reads a UTF-8 text file, or standard input for {@code -}.
     *
     * @param name     the file name as given, or {@code -}
     * @param what     what the file is, for messages ("HAR file")
     * @param maxBytes the cap
     * @return the text
     * @throws UsageException if it cannot be read, is larger than the cap, or is not UTF-8
     */
    public String text(String name, String what, int maxBytes) {
        byte[] bytes = "-".equals(name) ? stdin(what, maxBytes) : file(name, what, maxBytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            // A byte order mark from Windows editors is not part of the content.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new UsageException(what + " " + display(name) + " is not UTF-8 text");
        }
    }

    private byte[] file(String name, String what, int maxBytes) {
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw new UsageException(what + " " + display(name) + " is not a valid path");
        }
        try {
            if (Files.isDirectory(path)) {
                throw new UsageException(what + " " + display(name) + " is a directory");
            }
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new UsageException(what + " " + display(name) + " has " + size(size) + ", at most " + size(maxBytes)
                        + " is read" + (what.startsWith("HAR") ? "; export only the failing request, or without response bodies" : ""));
            }
            try (InputStream in = Files.newInputStream(path)) {
                return bounded(in, what + " " + display(name), maxBytes);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + what + " " + display(name) + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read " + what + " " + display(name) + ": permission denied", e);
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " " + display(name) + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private byte[] stdin(String what, int maxBytes) {
        try {
            return bounded(stdin, "standard input", maxBytes);
        } catch (IOException e) {
            throw new UsageException("cannot read " + what + " from standard input: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] bounded(InputStream in, String what, int maxBytes) throws IOException {
        // A file can grow between stat and read, and stdin has no size: read one byte past the cap.
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new UsageException(what + " has more than " + size(maxBytes) + ", at most " + size(maxBytes) + " is read");
        }
        return bytes;
    }

    /** Formats a byte count the way the messages and README do: "16 MiB", "52.4 MB", "812 bytes". */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MiB";
        }
        if (bytes >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " KiB";
        }
        return bytes + " bytes";
    }

    /** Quotes a file name for a message, with control characters escaped. */
    static String display(String name) {
        return Text.quote(name);
    }
}
