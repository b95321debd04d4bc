package dev.edgepass.examples.lambda;

import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cognito.TokenRejectedException;
import dev.edgepass.examples.login.LoginConfig;
import dev.edgepass.examples.login.LoginHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda SnapStart hooks of a login handler: before the snapshot it fetches the user pool's JWKS
 * and makes one CloudFront signature, so a restored instance answers its first login without a
 * fetch and with the signature code already loaded and compiled; after a restore it fetches the
 * JWKS again if the snapshot is older than {@link #jwksMaxAge()}, and reads the signing key again
 * if it is older than the key source's refresh interval ({@code EDGEPASS_KEY_REFRESH}), because a
 * snapshot can be restored days after it was taken: Cognito may have retired a key since, and the
 * CloudFront key may have been rotated.
 *
 * <p>SnapStart runs the handler's constructor once, when a version is published, and restores
 * that memory for every new instance; Lambda's Java runtime calls the {@link Resource} hooks
 * registered with {@link Core#getGlobalContext()} around it. Off Lambda the hooks are never called.
 * A failing hook never fails the snapshot or the restore: it is logged, the verifier fetches on
 * demand as it does without priming, and the last key read keeps signing.
 *
 * <p>No AWS SDK connection outlives the snapshot: the login example's SDK clients (key sources,
 * KMS signer) send {@code Connection: close} on every call, so none is kept alive for a restored
 * instance to find dead.
 *
 * <pre>{@code
 * public FunctionUrlLoginHandler() {
 *     this(Handlers.fromEnvironment(System.getenv()));
 *     SnapStartPriming.register(login);
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SnapStartPriming implements Resource {

    /**
     * Default age after which a restored snapshot's JWKS is fetched again. Cognito rarely rotates
     * its signing keys; an hour bounds how long a removed key can keep verifying in a restored
     * instance, and costs one fetch per restore of an older snapshot.
     */
    public static final Duration DEFAULT_JWKS_MAX_AGE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(SnapStartPriming.class);
    // The CRaC global context holds its resources weakly; this list keeps them alive.
    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final LoginConfig config;
    private final Clock clock;
    private final Duration jwksMaxAge;
    private volatile Instant jwksFetchedAt;

    /**
     * Creates the hooks of one login handler.
     *
     * @param login      the handler to prime
     * @param clock      the clock that dates the snapshot
     * @param jwksMaxAge how old a snapshot's JWKS may be when restored before it is fetched again
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code jwksMaxAge} is not positive
     */
    public SnapStartPriming(LoginHandler login, Clock clock, Duration jwksMaxAge) {
        this.config = Objects.requireNonNull(login, "login").config();
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jwksMaxAge, "jwksMaxAge");
        if (jwksMaxAge.isNegative() || jwksMaxAge.isZero()) {
            throw new IllegalArgumentException("jwksMaxAge must be positive, was " + jwksMaxAge);
        }
        this.jwksMaxAge = jwksMaxAge;
    }

    /**
     * Registers hooks for {@code login} with the CRaC global context (system clock,
     * {@link #DEFAULT_JWKS_MAX_AGE}) and keeps them alive for the life of the process.
     *
     * @param login the handler to prime
     * @return the registered hooks
     * @throws NullPointerException if {@code login} is null
     */
    public static SnapStartPriming register(LoginHandler login) {
        SnapStartPriming priming = new SnapStartPriming(login, Clock.systemUTC(), DEFAULT_JWKS_MAX_AGE);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Returns how old a restored snapshot's JWKS may be before it is fetched again. */
    public Duration jwksMaxAge() {
        return jwksMaxAge;
    }

    /**
     * Before the snapshot: fetches the JWKS and makes one signature. Never throws.
     *
     * @param context the CRaC context (unused; may be null)
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        fetchJwks("before the snapshot");
        try {
            Instant now = clock.instant();
            config.cookieFactory().create(Policy.builder().resource(config.resource())
                    .expiresAt(now.plus(config.cookieLifetime())).build());
            log.debug("primed: one CloudFront signature made before the snapshot");
        } catch (RuntimeException e) {
            // Signing is retried on the first login; the snapshot must still be taken.
            log.warn("could not make a CloudFront signature before the snapshot ({})", e.getClass().getName());
        }
    }

    /**
     * After a restore: fetches the JWKS again if the snapshot's copy is older than
     * {@link #jwksMaxAge()} (or was never fetched), and reads the signing key again if it is older
     * than its source's refresh interval (a key from Secrets Manager or SSM; a PEM key and a KMS
     * signer have nothing to refresh). Never throws: a failed key read keeps the snapshot's key,
     * as any failed refresh does, and is tried again on a later login.
     *
     * @param context the CRaC context (unused; may be null)
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Instant fetched = jwksFetchedAt;
        Instant now = clock.instant();
        if (fetched == null || Duration.between(fetched, now).compareTo(jwksMaxAge) >= 0) {
            fetchJwks("after restoring a snapshot from " + (fetched == null ? "an unprimed init" : fetched));
        } else {
            log.debug("restored snapshot's JWKS is {} old, within {}; no fetch", Duration.between(fetched, now), jwksMaxAge);
        }
        config.signingKeys().ifPresent(keys -> {
            try {
                // Reads the source only when the key is due, by the source's own interval and the
                // time the key was read; otherwise returns the snapshot's key without I/O. Done here,
                // the read is part of the restore instead of the first login's wait.
                keys.get();
                log.debug("signing key checked after the restore ({})", keys);
            } catch (RuntimeException e) {
                // Only possible when no key was ever loaded, which fromEnvironment does not allow.
                log.warn("could not read the signing key after the restore ({})", e.getClass().getName());
            }
        });
    }

    private void fetchJwks(String when) {
        try {
            config.verifier().warmUp();
            jwksFetchedAt = clock.instant();
            log.debug("JWKS fetched {}", when);
        } catch (TokenRejectedException e) {
            // Known keys keep verifying and unknown ones are fetched on demand.
            log.warn("JWKS could not be fetched {} ({}); fetching on demand", when, e.reason());
        }
    }
}
