package dev.edgepass.cognito.internal;

import dev.edgepass.cognito.TokenRejectedException;
import dev.edgepass.cognito.TokenRejectedException.Reason;
import dev.edgepass.core.FetchException;
import dev.edgepass.core.HttpFetcher;
import dev.edgepass.core.internal.Redaction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of one issuer: an immutable snapshot read without locks on the hot path, and
 * a single-flight refresh for key ids not in it.
 *
 * <p>A refresh replaces the whole snapshot, so a key the issuer removed stops verifying after the
 * next successful fetch. When a fetch fails, or succeeds without the key id that caused it, the
 * cache enters a cool-down (penalty box) during which unknown key ids are rejected without a
 * fetch; a flood of forged key ids therefore costs one fetch per cool-down. Known keys keep
 * working through any outage (stale-if-error); the first failure of an outage is logged at WARN,
 * the rest at DEBUG.
 *
 * <p>Thread-safe. Reads of known keys take no lock and do no I/O.
 */
public final class JwksCache {

    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

    private final URI jwksUri;
    private final HttpFetcher fetcher;
    private final JwksParser parser;
    private final Clock clock;
    private final Duration cooldown;
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile Map<String, VerificationKey> keys;

    // Guarded by fetchLock.
    private Instant cooldownUntil;
    private boolean outage;
    private String lastFailure;

    /**
     * Creates a cache.
     *
     * @param jwksUri  where the JWKS is fetched
     * @param fetcher  bounded fetcher (its timeout bounds every fetch)
     * @param parser   JWKS parser for the verifier's algorithms and provider
     * @param clock    time source for the cool-down
     * @param cooldown how long unknown key ids are rejected without a fetch after a fruitless fetch
     * @param seed     keys to start with (from {@code .jwks(json)}), empty when none
     */
    public JwksCache(URI jwksUri, HttpFetcher fetcher, JwksParser parser, Clock clock, Duration cooldown,
            Map<String, VerificationKey> seed) {
        this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        this.keys = Map.copyOf(seed);
    }

    /**
     * Returns the URI the JWKS is fetched from.
     *
     * @return the JWKS URI
     */
    public URI jwksUri() {
        return jwksUri;
    }

    /**
     * Returns the number of keys currently usable.
     *
     * @return the key count
     */
    public int size() {
        return keys.size();
    }

    /**
     * Returns the key for {@code kid}, fetching the JWKS first when the kid is unknown and the
     * cache is not cooling down.
     *
     * @param kid the token's key id
     * @return the key
     * @throws TokenRejectedException {@link Reason#UNKNOWN_KEY} when the JWKS does not hold the
     *                                kid, {@link Reason#JWKS_UNAVAILABLE} when it cannot be fetched
     */
    public VerificationKey find(String kid) {
        VerificationKey key = keys.get(kid);
        if (key != null) {
            return key;
        }
        return findAfterFetch(kid);
    }

    /**
     * Fetches the JWKS now, whatever the cool-down, and replaces the snapshot.
     *
     * @throws TokenRejectedException {@link Reason#JWKS_UNAVAILABLE} when the fetch fails
     */
    public void refresh() {
        lock();
        try {
            String failure = fetch();
            if (failure != null) {
                cooldownUntil = clock.instant().plus(cooldown);
                throw new TokenRejectedException(Reason.JWKS_UNAVAILABLE,
                        "cannot fetch the JWKS from " + jwksUri + ": " + failure);
            }
        } finally {
            fetchLock.unlock();
        }
    }

    private VerificationKey findAfterFetch(String kid) {
        lock();
        try {
            // Another thread may have fetched while this one waited for the lock.
            VerificationKey key = keys.get(kid);
            if (key != null) {
                return key;
            }
            Instant now = clock.instant();
            if (cooldownUntil != null && now.isBefore(cooldownUntil)) {
                throw unknown(kid);
            }
            String failure = fetch();
            key = keys.get(kid);
            if (failure == null && key != null) {
                cooldownUntil = null;
                return key;
            }
            cooldownUntil = clock.instant().plus(cooldown);
            throw unknown(kid);
        } finally {
            fetchLock.unlock();
        }
    }

    private TokenRejectedException unknown(String kid) {
        if (outage) {
            return new TokenRejectedException(Reason.JWKS_UNAVAILABLE, "kid " + Redaction.quote(kid)
                    + " is not among the " + keys.size() + " known keys and the JWKS from " + jwksUri
                    + " is unavailable: " + lastFailure);
        }
        return new TokenRejectedException(Reason.UNKNOWN_KEY, "kid " + Redaction.quote(kid)
                + " is not among the " + keys.size() + " usable keys of the JWKS from " + jwksUri);
    }

    /** Fetches and swaps the snapshot; returns null on success or a description of the failure. */
    private String fetch() {
        String failure;
        try {
            String body = fetcher.fetch(jwksUri).body();
            Map<String, VerificationKey> fetched = parser.parse(body);
            keys = fetched;
            if (outage) {
                LOG.warn("JWKS from {} is available again: {} usable keys", jwksUri, fetched.size());
            } else {
                LOG.debug("fetched the JWKS from {}: {} usable keys", jwksUri, fetched.size());
            }
            outage = false;
            lastFailure = null;
            return null;
        } catch (FetchException e) {
            failure = e.reason() + " (" + e.getMessage() + ")";
        } catch (JwksParser.InvalidJwksException e) {
            failure = "bad content: " + e.getMessage();
        }
        if (!outage) {
            LOG.warn("cannot fetch the JWKS from {}: {}; still verifying with {} known keys", jwksUri, failure,
                    keys.size());
        } else {
            LOG.debug("JWKS from {} still unavailable: {}", jwksUri, failure);
        }
        outage = true;
        lastFailure = failure;
        return failure;
    }

    /** Waits for an in-flight fetch at most a little longer than a fetch may take. */
    private void lock() {
        boolean locked;
        try {
            locked = fetchLock.tryLock(fetcher.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRejectedException(Reason.JWKS_UNAVAILABLE,
                    "interrupted while waiting for the JWKS from " + jwksUri, e);
        }
        if (!locked) {
            throw new TokenRejectedException(Reason.JWKS_UNAVAILABLE,
                    "timed out waiting for another fetch of the JWKS from " + jwksUri);
        }
    }
}
