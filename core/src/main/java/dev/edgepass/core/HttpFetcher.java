package dev.edgepass.core;

import dev.edgepass.core.FetchException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small HTTP GET client with hard bounds, for fetching key sets and other small documents.
 *
 * <p>Every fetch has one deadline that covers connecting, waiting for headers and reading the
 * body; a server that accepts the connection and then dribbles or hangs is cut off at the
 * deadline. The body is capped in bytes: a response that declares or sends more is refused
 * without being buffered whole. Redirects are not followed. Only {@code http} and {@code https}
 * URLs are fetched.
 *
 * <p>The underlying {@link HttpClient} is created on the first fetch, so building a fetcher costs
 * nothing at start-up.
 *
 * <pre>{@code
 * HttpFetcher fetcher = HttpFetcher.builder().timeout(Duration.ofSeconds(3)).maxResponseBytes(64 * 1024).build();
 * HttpFetcher.Response response = fetcher.fetch(URI.create("https://example.com/.well-known/jwks.json"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpFetcher {

    /** Default deadline for a whole fetch. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Default body cap: 256 KiB, far above any real JWKS. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

    private final Duration timeout;
    private final int maxResponseBytes;
    private volatile HttpClient client;

    private HttpFetcher(Builder builder) {
        this.timeout = builder.timeout;
        this.maxResponseBytes = builder.maxResponseBytes;
    }

    /** Returns a builder with the defaults: {@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_MAX_RESPONSE_BYTES}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the deadline of one fetch. */
    public Duration timeout() {
        return timeout;
    }

    /** Returns the body cap in bytes. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Fetches {@code uri} with GET.
     *
     * @param uri an absolute http or https URL
     * @return the 2xx response, body decoded as UTF-8
     * @throws NullPointerException     if {@code uri} is null
     * @throws IllegalArgumentException if {@code uri} is not an absolute http or https URL
     * @throws FetchException           if the fetch times out, fails, is too large or is not 2xx
     */
    public Response fetch(URI uri) {
        Objects.requireNonNull(uri, "uri");
        Response response = exchange(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json").build());
        if (response.status() < 200 || response.status() > 299) {
            throw new FetchException(Reason.HTTP_STATUS,
                    "HTTP " + response.status() + " from " + uri + ", expected 2xx", null);
        }
        return response;
    }

    /**
     * Sends any request under the same deadline and body cap and returns the response whatever its
     * status, for protocols whose error responses carry a body to read (such as an OAuth 2.0 token
     * endpoint's {@code {"error":"invalid_grant"}}). The request's own timeout is replaced by this
     * fetcher's.
     *
     * @param request a request to an absolute http or https URL
     * @return the response, body decoded as UTF-8
     * @throws NullPointerException     if {@code request} is null
     * @throws IllegalArgumentException if the URL is not an absolute http or https URL
     * @throws FetchException           if the exchange times out, fails or is too large
     */
    public Response exchange(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        URI uri = request.uri();
        String scheme = uri.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri must be an absolute http or https URL, was " + uri);
        }
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
        AtomicBoolean tooLarge = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> future =
                client().sendAsync(bounded, info -> cappedBody(info, tooLarge));
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(Reason.TIMEOUT, "no complete response from " + uri + " within " + timeout, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(Reason.INTERRUPTED, "interrupted while fetching " + uri, e);
        } catch (ExecutionException e) {
            // Cancelling an oversized stream makes the client report its own "cancelled" error.
            throw failure(uri, tooLarge.get() ? new TooLargeException() : e.getCause());
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        return new Response(response.statusCode(), contentType, new String(response.body(), StandardCharsets.UTF_8));
    }

    private FetchException failure(URI uri, Throwable cause) {
        if (cause instanceof TooLargeException) {
            return new FetchException(Reason.TOO_LARGE,
                    "response from " + uri + " exceeds " + maxResponseBytes + " bytes", cause);
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new FetchException(Reason.TIMEOUT, "no complete response from " + uri + " within " + timeout, cause);
        }
        return new FetchException(Reason.CONNECTION_FAILED, "cannot fetch " + uri + " ("
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")", cause);
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    private HttpResponse.BodySubscriber<byte[]> cappedBody(HttpResponse.ResponseInfo info, AtomicBoolean tooLarge) {
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > maxResponseBytes) {
            return new CappedBody(-1, tooLarge);
        }
        return new CappedBody(maxResponseBytes, tooLarge);
    }

    /** A fetched response: status, content type and body. */
    public record Response(int status, String contentType, String body) {
        /**
         * Creates a response.
         *
         * @param status      the HTTP status
         * @param contentType the Content-Type header, empty when absent
         * @param body        the body decoded as UTF-8
         */
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        /** Returns a summary without the body, which may be large. */
        @Override
        public String toString() {
            return "Response[status=" + status + ", contentType=" + contentType + ", length=" + body.length() + "]";
        }
    }

    /** Builds an {@link HttpFetcher}. Not thread-safe; the built fetcher is. */
    public static final class Builder {
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {}

        /**
         * Sets the deadline for a whole fetch: connect, headers and body together.
         *
         * @param timeout positive, at most one minute
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout must be positive and at most PT1M, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the largest body accepted, in bytes.
         *
         * @param maxResponseBytes between 1 and 16 MiB
         * @return this builder
         */
        public Builder maxResponseBytes(int maxResponseBytes) {
            if (maxResponseBytes < 1 || maxResponseBytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException(
                        "maxResponseBytes must be between 1 and 16777216, was " + maxResponseBytes);
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** Returns a new fetcher with these settings. */
        public HttpFetcher build() {
            return new HttpFetcher(this);
        }
    }

    private static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("response body too large");
        }
    }

    /** Collects the body and fails as soon as it passes the cap; a cap of -1 fails at once. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final AtomicBoolean tooLarge;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap, AtomicBoolean tooLarge) {
            this.cap = cap;
            this.tooLarge = tooLarge;
        }

        private void refuse() {
            tooLarge.set(true);
            result.completeExceptionally(new TooLargeException());
            subscription.cancel();
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cap < 0) {
                refuse();
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (out.size() + b.remaining() > cap) {
                    refuse();
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
