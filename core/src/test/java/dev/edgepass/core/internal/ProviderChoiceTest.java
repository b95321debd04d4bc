package dev.edgepass.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A provider choice: fixed when set, the JDK while a load runs, then what the load found. */
class ProviderChoiceTest {

    private static final Provider SUN_RSA_SIGN = Security.getProvider("SunRsaSign");

    @Test
    void of_provider_isSettledOnExactlyThatProvider() {
        ProviderChoice choice = ProviderChoice.of(SUN_RSA_SIGN);

        assertTrue(choice.settled());
        assertSame(SUN_RSA_SIGN, choice.provider());
        assertSame(choice, choice.next());
        assertEquals("SunRsaSign", choice.providerName());
    }

    @Test
    void of_null_isTheSettledJdkDefault() {
        ProviderChoice choice = ProviderChoice.of(null);

        assertTrue(choice.settled());
        assertNull(choice.provider());
        assertEquals("JDK default", choice.providerName());
    }

    @Test
    void whileLoading_untilTheLoadFinishes_isTheJdkThenTheLoadedProvider() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ProviderLoad load = new ProviderLoad(() -> {
            release.await();
            return Optional.of(SUN_RSA_SIGN);
        }, "test-loader");

        ProviderChoice loading = ProviderChoice.whileLoading(load);

        assertFalse(load.started());
        assertFalse(loading.settled());
        assertNull(loading.provider());
        assertEquals("JDK default (until ACCP has loaded)", loading.providerName());
        assertSame(loading, loading.next());

        release.countDown();
        load.await();
        ProviderChoice settled = loading.next();

        assertTrue(settled.settled());
        assertSame(SUN_RSA_SIGN, settled.provider());
        assertSame(settled, settled.next());
    }

    @Test
    void next_whileTheLoadHasNotStarted_startsIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        ProviderLoad load = new ProviderLoad(() -> {
            entered.countDown();
            return Optional.of(SUN_RSA_SIGN);
        }, "test-loader");
        ProviderChoice loading = ProviderChoice.whileLoading(load);
        assertFalse(load.started());
        assertSame(loading, loading.current());
        assertFalse(load.started());

        loading.next();

        assertTrue(load.started());
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        load.await();
        assertSame(SUN_RSA_SIGN, loading.next().provider());
    }

    @Test
    void whileLoading_loadFindsNothing_settlesOnTheJdk() {
        ProviderLoad load = new ProviderLoad(Optional::empty, "test-loader");
        load.await();

        ProviderChoice choice = ProviderChoice.whileLoading(load);

        assertTrue(choice.settled());
        assertNull(choice.provider());
    }

    @Test
    void preferred_withPropertyJdk_isTheSettledJdk() {
        String before = System.getProperty(ProviderChoice.PROPERTY);
        System.setProperty(ProviderChoice.PROPERTY, "jdk");
        try {
            ProviderChoice choice = ProviderChoice.preferred();

            assertTrue(choice.settled());
            assertNull(choice.provider());
        } finally {
            if (before == null) {
                System.clearProperty(ProviderChoice.PROPERTY);
            } else {
                System.setProperty(ProviderChoice.PROPERTY, before);
            }
        }
    }
}
