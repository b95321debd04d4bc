package dev.edgepass.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one-time background load: started once, never waited for by ifLoaded, waited for by await. */
class ProviderLoadTest {

    private static final Provider SUN_RSA_SIGN = Security.getProvider("SunRsaSign");

    /** A load that runs until {@link #finish()}, counting runs and recording its thread. */
    private static final class GatedLoad implements Callable<Optional<Provider>> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        volatile Thread thread;
        private final Optional<Provider> outcome;

        GatedLoad(Optional<Provider> outcome) {
            this.outcome = outcome;
        }

        @Override
        public Optional<Provider> call() throws InterruptedException {
            runs.incrementAndGet();
            thread = Thread.currentThread();
            entered.countDown();
            release.await();
            return outcome;
        }

        void finish() {
            release.countDown();
        }
    }

    @Test
    void ifLoaded_beforeTheStart_isNullAndLeavesTheLoadAlone() {
        GatedLoad gated = new GatedLoad(Optional.of(SUN_RSA_SIGN));
        ProviderLoad load = new ProviderLoad(gated, "test-loader");

        assertNull(load.ifLoaded());
        assertNull(load.ifLoaded());

        assertFalse(load.started());
        assertEquals(0, gated.runs.get());
    }

    @Test
    void start_runsTheLoadOnceOnADaemonThread() throws Exception {
        GatedLoad gated = new GatedLoad(Optional.of(SUN_RSA_SIGN));
        ProviderLoad load = new ProviderLoad(gated, "test-loader");

        load.start();
        assertTrue(gated.entered.await(10, TimeUnit.SECONDS));
        assertNull(load.ifLoaded());
        load.start();
        gated.finish();

        assertSame(SUN_RSA_SIGN, load.await().orElseThrow());
        assertSame(SUN_RSA_SIGN, load.ifLoaded().orElseThrow());
        assertTrue(load.started());
        assertEquals(1, gated.runs.get());
        assertEquals("test-loader", gated.thread.getName());
        assertTrue(gated.thread.isDaemon());
        assertNotEquals(Thread.currentThread(), gated.thread);
    }

    @Test
    void await_whenNobodyStartedTheLoad_loadsOnTheCallingThread() {
        GatedLoad gated = new GatedLoad(Optional.empty());
        gated.finish();
        ProviderLoad load = new ProviderLoad(gated, "test-loader");

        assertTrue(load.await().isEmpty());
        assertSame(Thread.currentThread(), gated.thread);
        assertEquals(1, gated.runs.get());
    }

    @Test
    void await_whileTheLoaderThreadRuns_waitsForItsOutcome() throws Exception {
        GatedLoad gated = new GatedLoad(Optional.of(SUN_RSA_SIGN));
        ProviderLoad load = new ProviderLoad(gated, "test-loader");
        load.start();
        assertTrue(gated.entered.await(10, TimeUnit.SECONDS));

        CompletableFuture<Optional<Provider>> waiting = CompletableFuture.supplyAsync(load::await);
        gated.finish();

        assertSame(SUN_RSA_SIGN, waiting.get(10, TimeUnit.SECONDS).orElseThrow());
        assertEquals(1, gated.runs.get());
    }

    @Test
    void await_interrupted_keepsWaitingAndKeepsTheInterrupt() throws Exception {
        GatedLoad gated = new GatedLoad(Optional.of(SUN_RSA_SIGN));
        ProviderLoad load = new ProviderLoad(gated, "test-loader");
        load.start();
        assertTrue(gated.entered.await(10, TimeUnit.SECONDS));

        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        CompletableFuture<Optional<Provider>> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            Thread.currentThread().interrupt();
            outcome.complete(load.await());
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        gated.finish();

        assertSame(SUN_RSA_SIGN, outcome.get(10, TimeUnit.SECONDS).orElseThrow());
        assertTrue(interruptedAfter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void await_loadThatThrows_countsAsNothingLoaded() {
        ProviderLoad load = new ProviderLoad(() -> {
            throw new IllegalStateException("native library missing");
        }, "test-loader");

        assertTrue(load.await().isEmpty());
        assertTrue(load.ifLoaded().isEmpty());
    }
}
