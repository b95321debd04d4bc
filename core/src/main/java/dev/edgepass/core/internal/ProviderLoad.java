package dev.edgepass.core.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.Signature;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time load of an optional signature provider, run on a background daemon thread so that
 * nobody waits for it unless they choose to; {@link #ACCP} is the load of the Amazon Corretto
 * Crypto Provider.
 *
 * <p>Loading ACCP extracts and loads a native library and runs self-tests: hundreds of
 * milliseconds, which a Lambda cold start must not spend before its first answer. {@link #start()}
 * starts the load on a daemon thread and returns at once; {@link #ifLoaded()} tells without waiting
 * whether it has finished; {@link #await()} waits for it. The load runs exactly once, whoever asks
 * first.
 *
 * <p>Thread-safe.
 */
public final class ProviderLoad {

    /** The load of ACCP, by reflection so that it stays an optional dependency. */
    public static final ProviderLoad ACCP = new ProviderLoad(new AccpLoad(), "edgepass-accp-loader");

    private final FutureTask<Optional<Provider>> task;
    private final String threadName;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * Creates a load that has not started.
     *
     * @param load       loads the provider: empty when it is absent or unhealthy; it should not
     *                   throw, and a load that throws counts as empty
     * @param threadName the name of the thread that runs it
     */
    public ProviderLoad(Callable<Optional<Provider>> load, String threadName) {
        this.task = new FutureTask<>(Objects.requireNonNull(load, "load"));
        this.threadName = Objects.requireNonNull(threadName, "threadName");
    }

    /** Starts the load on a daemon thread, unless it has started already; never waits. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            try {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                thread.start();
            } catch (RuntimeException | OutOfMemoryError e) {
                // No thread to be had (a restrictive environment): load here instead.
                task.run();
            }
        }
    }

    /**
     * Returns the outcome when the load has finished, or null while it is still running or has
     * not started. Never waits, never starts the load.
     *
     * @return the provider, empty when absent or unhealthy, or null when not loaded yet
     */
    public Optional<Provider> ifLoaded() {
        return task.isDone() ? outcome() : null;
    }

    /**
     * Returns whether the load has started, on a thread of its own or on a caller of {@link #await()}.
     *
     * @return true once started
     */
    public boolean started() {
        return started.get();
    }

    /**
     * Returns the outcome, loading on this thread when nobody has started the load, or waiting
     * for the loader thread otherwise. An interrupt does not cut the wait short; the thread's
     * interrupt status is kept.
     *
     * @return the provider, or empty when it is absent or unhealthy
     */
    public Optional<Provider> await() {
        if (started.compareAndSet(false, true)) {
            task.run();
        }
        return outcome();
    }

    private Optional<Provider> outcome() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return Optional.empty();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Loads ACCP and runs its self-test; a class rather than a lambda, which a cold start would pay to spin. */
    private static final class AccpLoad implements Callable<Optional<Provider>> {

        private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
        // What edgepass asks ACCP for; loading these classes here keeps that work off the first
        // request that moves to ACCP, too.
        private static final String[] SIGNATURES = {"SHA1withRSA", "SHA256withRSA", "SHA384withRSA", "SHA512withRSA",
            "SHA1withECDSA", "SHA256withECDSA"};
        private static final String[] KEY_FACTORIES = {"RSA", "EC"};

        @Override
        public Optional<Provider> call() {
            // Looked up here, on the loader thread, so that the logging back end starts there too.
            // Named after the public class that documents the provider choice.
            Logger log = LoggerFactory.getLogger("dev.edgepass.core.SignatureProviders");
            Class<?> type;
            try {
                type = Class.forName(ACCP_CLASS, true, ProviderLoad.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("ACCP is not on the class path; using the JDK providers");
                return Optional.empty();
            }
            Provider provider;
            try {
                Field field = type.getField("INSTANCE");
                provider = (Provider) field.get(null);
                Method assertHealthy = type.getMethod("assertHealthy");
                assertHealthy.invoke(provider);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                log.warn("ACCP is on the class path but failed its self-test; using the JDK providers ({})",
                        e.getClass().getSimpleName());
                return Optional.empty();
            }
            // Only a head start: signers and verifiers ask again and report what fails.
            for (String algorithm : SIGNATURES) {
                try {
                    Signature.getInstance(algorithm, provider);
                } catch (GeneralSecurityException | RuntimeException e) {
                    log.debug("ACCP has no {} signature ({})", algorithm, e.getClass().getSimpleName());
                }
            }
            for (String algorithm : KEY_FACTORIES) {
                try {
                    KeyFactory.getInstance(algorithm, provider);
                } catch (GeneralSecurityException | RuntimeException e) {
                    log.debug("ACCP has no {} key factory ({})", algorithm, e.getClass().getSimpleName());
                }
            }
            log.debug("using {} {} for signatures", provider.getName(), provider.getVersionStr());
            return Optional.of(provider);
        }
    }
}
