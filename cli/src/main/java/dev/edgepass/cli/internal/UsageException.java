package dev.edgepass.cli.internal;

/**
 * A mistake in what the user gave the command: a bad argument, an unreadable or oversized file, a
 * HAR that is not JSON. The command line prints its message as one line and exits with 2.
 *
 * <p>The message names the argument or file and what was expected; it never holds a key, token,
 * signature or cookie value.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message one line: what was wrong and what is expected
     */
    public UsageException(String message) {
        super(message);
    }

    /**
     * Creates an exception that keeps its cause for {@code --debug}.
     *
     * @param message one line: what was wrong and what is expected
     * @param cause   the underlying exception
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
