package dev.edgepass.core;

import java.util.Objects;

/**
 * Thrown by {@link HttpFetcher} when a fetch does not produce a usable response within its
 * bounds. The message names the URL, never the response body.
 */
public final class FetchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a fetch failed. */
    public enum Reason {
        /** Connecting and reading together took longer than the configured timeout. */
        TIMEOUT,
        /** The server could not be reached or the connection broke. */
        CONNECTION_FAILED,
        /** The response status was not 2xx (redirects are not followed). */
        HTTP_STATUS,
        /** The response body, or its declared Content-Length, exceeded the size cap. */
        TOO_LARGE,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason  machine-readable reason
     * @param message what happened, naming the URL but no response content
     * @param cause   underlying exception, may be null
     */
    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns why the fetch failed. */
    public Reason reason() {
        return reason;
    }
}
