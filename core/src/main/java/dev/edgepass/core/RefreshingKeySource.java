package dev.edgepass.core;

import dev.edgepass.core.KeySourceException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current signing key of a {@link SigningKeySource}: loads it on first use, loads it again
 * once it is older than the refresh interval, and keeps signing with the last good key when a
 * refresh fails.
 *
 * <p>{@link #get()} is the hot path: a volatile read and a clock read while the key is fresh. When
 * the key is due, the one caller that takes the refresh lock fetches while every other caller goes
 * on with the key it has; nothing ever waits for a refresh except the very first load. Fetches run
 * on the calling thread: no background thread, which suits AWS Lambda, where a frozen execution
 * environment runs none. A failed refresh logs one WARN naming the source and the reason (never
 * the value) and is tried again after the retry interval, so an outage of the source costs one
 * fetch per retry interval, not one per request. Before any key has loaded, {@link #get()} throws
 * the load's {@link KeySourceException}, and within the retry interval throws it again without
 * fetching.
 *
 * <pre>{@code
 * RefreshingKeySource keys = RefreshingKeySource.builder(SigningKeySources.secretsManagerExtension("prod/cloudfront-key"))
 *         .refreshAfter(Duration.ofMinutes(5))
 *         .build();
 * keys.refresh();              // optional: load now, at start-up, and fail fast
 * SigningKey key = keys.get(); // the current key; refreshed in passing when due
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RefreshingKeySource implements Supplier<SigningKey> {

    /** Default age after which the key is fetched again. */
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofMinutes(5);
    /** Default wait after a failed fetch before the next one. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingKeySource.class);

    private final SigningKeySource source;
    private final long refreshAfterMillis;
    private final long retryAfterMillis;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile State state = new State(null, Long.MIN_VALUE, null);

    /** The key in use (null before the first load), when the next fetch is due, and the last failure. */
    private record State(SigningKey key, long dueAtMillis, KeySourceException failure) {}

    private RefreshingKeySource(Builder b) {
        this.source = b.source;
        this.refreshAfterMillis = b.refreshAfter.toMillis();
        this.retryAfterMillis = Math.min(b.retryAfter.toMillis(), refreshAfterMillis);
        this.clock = b.clock;
    }

    /**
     * Starts a refreshing wrapper around {@code source}.
     *
     * @param source where the key comes from
     * @return a builder
     * @throws NullPointerException if {@code source} is null
     */
    public static Builder builder(SigningKeySource source) {
        return new Builder(Objects.requireNonNull(source, "source"));
    }

    /**
     * Returns the current key, loading it on first use and refreshing it in passing when it is due.
     *
     * @return the current key
     * @throws KeySourceException if no key has loaded yet: the reason of the last attempt
     */
    @Override
    public SigningKey get() {
        State s = state;
        if (s.key != null && clock.millis() < s.dueAtMillis) {
            return s.key;
        }
        return due(s);
    }

    private SigningKey due(State seen) {
        if (seen.key != null) {
            // Someone else is refreshing: go on with the key we have.
            if (!lock.tryLock()) {
                return seen.key;
            }
            try {
                State s = state;
                if (clock.millis() >= s.dueAtMillis) {
                    attempt(s);
                }
                return state.key;
            } finally {
                lock.unlock();
            }
        }
        lock.lock();
        try {
            State s = state;
            if (s.key != null) {
                return s.key;
            }
            if (s.failure != null && clock.millis() < s.dueAtMillis) {
                throw stillFailing(s.failure);
            }
            return attempt(s);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fetches the key now, whatever its age and any retry wait, and makes it current. Use it at
     * start-up to fail fast, or to pick up a rotation at once.
     *
     * @return the key just loaded
     * @throws KeySourceException if the fetch fails; the last good key, if any, stays in use
     */
    public SigningKey refresh() {
        lock.lock();
        try {
            State before = state;
            SigningKey key = attempt(before);
            if (state.failure != null) {
                throw stillFailing(state.failure);
            }
            return key;
        } finally {
            lock.unlock();
        }
    }

    /** Fetches once, under the lock; returns the key in use afterwards, or throws when there is none. */
    private SigningKey attempt(State before) {
        long now = clock.millis();
        SigningKey loaded;
        try {
            loaded = source.load();
            if (loaded == null) {
                throw new KeySourceException(Reason.MALFORMED_RESPONSE, source.description() + " returned no key");
            }
        } catch (KeySourceException e) {
            return failed(before, e, now);
        } catch (RuntimeException e) {
            // A custom source broke its contract; its message might hold the value, so it is not repeated.
            return failed(before, new KeySourceException(Reason.UNAVAILABLE, source.description()
                    + " failed unexpectedly (" + e.getClass().getName() + ")", e), now);
        }
        state = new State(loaded, now + refreshAfterMillis, null);
        if (before.key == null) {
            LOG.debug("loaded CloudFront key pair id {} from {}", loaded.keyPairId(), source.description());
        } else if (!before.key.keyPairId().equals(loaded.keyPairId())) {
            LOG.info("CloudFront key pair id changed from {} to {} ({})", before.key.keyPairId(), loaded.keyPairId(),
                    source.description());
        } else {
            LOG.debug("refreshed CloudFront key pair id {} from {}", loaded.keyPairId(), source.description());
        }
        return loaded;
    }

    private SigningKey failed(State before, KeySourceException e, long now) {
        state = new State(before.key, now + retryAfterMillis, e);
        if (before.key == null) {
            throw e;
        }
        LOG.warn("refreshing the signing key failed, still signing with key pair id {}: {} ({})",
                before.key.keyPairId(), e.reason(), e.getMessage());
        return before.key;
    }

    private static KeySourceException stillFailing(KeySourceException last) {
        return new KeySourceException(last.reason(), last.getMessage(), last);
    }

    /**
     * Returns the reason of the last fetch when it failed, for health checks.
     *
     * @return the last failure's reason, or null when the last fetch succeeded or none was made
     */
    public Reason lastFailure() {
        KeySourceException f = state.failure;
        return f == null ? null : f.reason();
    }

    /**
     * Returns the wrapped source.
     *
     * @return the source
     */
    public SigningKeySource source() {
        return source;
    }

    /** Names the source and intervals; never key material. */
    @Override
    public String toString() {
        return "RefreshingKeySource[" + source.description() + ", refreshAfter=" + Duration.ofMillis(refreshAfterMillis)
                + ", retryAfter=" + Duration.ofMillis(retryAfterMillis) + "]";
    }

    /**
     * Builds a {@link RefreshingKeySource}. Defaults: refresh after {@link #DEFAULT_REFRESH_AFTER},
     * retry after {@link #DEFAULT_RETRY_AFTER} (never longer than the refresh interval), the system
     * UTC clock.
     *
     * <p>Not thread-safe; the built wrapper is.
     */
    public static final class Builder {
        private final SigningKeySource source;
        private Duration refreshAfter = DEFAULT_REFRESH_AFTER;
        private Duration retryAfter = DEFAULT_RETRY_AFTER;
        private Clock clock = Clock.systemUTC();

        private Builder(SigningKeySource source) {
            this.source = source;
        }

        /**
         * Sets the age after which the key is fetched again.
         *
         * @param refreshAfter one second to one day
         * @return this builder
         * @throws NullPointerException     if {@code refreshAfter} is null
         * @throws IllegalArgumentException if it is outside one second to one day
         */
        public Builder refreshAfter(Duration refreshAfter) {
            this.refreshAfter = interval(refreshAfter, "refreshAfter");
            return this;
        }

        /**
         * Sets how long to wait after a failed fetch before the next one.
         *
         * @param retryAfter one second to one day; capped at the refresh interval
         * @return this builder
         * @throws NullPointerException     if {@code retryAfter} is null
         * @throws IllegalArgumentException if it is outside one second to one day
         */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = interval(retryAfter, "retryAfter");
            return this;
        }

        /**
         * Sets the clock that ages the key (default the system UTC clock).
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the wrapper. Does no I/O: the first key loads on the first {@link #get()} or
         * {@link #refresh()}.
         *
         * @return the wrapper
         */
        public RefreshingKeySource build() {
            return new RefreshingKeySource(this);
        }

        private static Duration interval(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(what + " must be between PT1S and P1D, was " + d);
            }
            return d;
        }
    }
}
