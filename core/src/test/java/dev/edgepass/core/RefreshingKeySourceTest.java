package dev.edgepass.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.testing.Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The refresh schedule, last-good-key and retry rules, with a clock the test moves. */
class RefreshingKeySourceTest {

    static final SigningKey K1 = new SigningKey("K1", Keys.rsa(2048).getPrivate());
    static final SigningKey K2 = new SigningKey("K2", Keys.ec().getPrivate());

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    final Scripted source = new Scripted();

    RefreshingKeySource keys() {
        return RefreshingKeySource.builder(source).refreshAfter(Duration.ofMinutes(5)).retryAfter(Duration.ofSeconds(30))
                .clock(clock).build();
    }

    @Test
    void get_loadsOnFirstUseThenServesFromMemory() {
        source.then(() -> K1);
        RefreshingKeySource keys = keys();

        assertEquals(0, source.calls.get());
        assertSame(K1, keys.get());
        clock.advance(Duration.ofMinutes(4));
        assertSame(K1, keys.get());
        assertEquals(1, source.calls.get());
    }

    @Test
    void get_afterTheInterval_loadsTheRotatedKey() {
        source.then(() -> K1).then(() -> K2);
        RefreshingKeySource keys = keys();
        keys.get();

        clock.advance(Duration.ofMinutes(5));

        assertSame(K2, keys.get());
        assertEquals(2, source.calls.get());
    }

    @Test
    void get_failedRefresh_keepsTheLastGoodKeyAndRetriesAfterTheRetryInterval() {
        source.then(() -> K1).then(fail(Reason.UNAVAILABLE)).then(() -> K2);
        RefreshingKeySource keys = keys();
        keys.get();
        clock.advance(Duration.ofMinutes(6));

        assertSame(K1, keys.get());
        assertEquals(Reason.UNAVAILABLE, keys.lastFailure());
        clock.advance(Duration.ofSeconds(29));
        assertSame(K1, keys.get());
        assertEquals(2, source.calls.get(), "no second fetch inside the retry interval");

        clock.advance(Duration.ofSeconds(1));
        assertSame(K2, keys.get());
        assertNull(keys.lastFailure());
    }

    @Test
    void get_firstLoadFails_throwsAndDoesNotFetchAgainUntilTheRetryInterval() {
        source.then(fail(Reason.NOT_FOUND)).then(() -> K1);
        RefreshingKeySource keys = keys();

        assertEquals(Reason.NOT_FOUND, assertThrows(KeySourceException.class, keys::get).reason());
        assertEquals(Reason.NOT_FOUND, assertThrows(KeySourceException.class, keys::get).reason());
        assertEquals(1, source.calls.get());

        clock.advance(Duration.ofSeconds(30));
        assertSame(K1, keys.get());
    }

    @Test
    void refresh_fetchesAtOnceAndThrowsOnFailureWhileTheOldKeyStays() {
        source.then(() -> K1).then(fail(Reason.MALFORMED_SECRET)).then(() -> K2);
        RefreshingKeySource keys = keys();
        assertSame(K1, keys.refresh());

        assertEquals(Reason.MALFORMED_SECRET, assertThrows(KeySourceException.class, keys::refresh).reason());
        assertSame(K1, keys.get());
        assertSame(K2, keys.refresh());
        assertSame(K2, keys.get());
    }

    @Test
    void get_sourceBreaksContract_isUnavailableWithoutItsMessage() {
        source.then(() -> {
            throw new IllegalStateException("-----BEGIN PRIVATE KEY----- secret");
        });

        KeySourceException e = assertThrows(KeySourceException.class, keys()::get);

        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void builder_intervalsOutOfRange_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> RefreshingKeySource.builder(source).refreshAfter(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RefreshingKeySource.builder(source).retryAfter(Duration.ofDays(2)));
        assertThrows(NullPointerException.class, () -> RefreshingKeySource.builder(null));
    }

    static Supplier<SigningKey> fail(Reason reason) {
        return () -> {
            throw new KeySourceException(reason, "scripted " + reason);
        };
    }

    /** A source that answers from a script, one step per load. */
    static final class Scripted implements SigningKeySource {
        final Deque<Supplier<SigningKey>> steps = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        Scripted then(Supplier<SigningKey> step) {
            steps.add(step);
            return this;
        }

        @Override
        public SigningKey load() {
            calls.incrementAndGet();
            return steps.size() > 1 ? steps.poll().get() : steps.peek().get();
        }

        @Override
        public String description() {
            return "scripted source";
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
