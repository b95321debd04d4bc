package dev.edgepass.cognito.testing;

import dev.edgepass.cognito.CognitoTokenVerifier;
import dev.edgepass.cognito.TokenUse;
import java.security.Provider;
import java.security.Security;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import dev.edgepass.core.SignatureProviders;

/** Verifier builders pointed at a {@link JwksServer}, and the providers to test with. */
public final class Fixtures {

    private Fixtures() {}

    /** A builder for the server's issuer, the test client id, any token use, the clock fixed at {@link Tokens#NOW}. */
    public static CognitoTokenVerifier.Builder verifier(JwksServer server) {
        return CognitoTokenVerifier.builder()
                .issuer(server.issuer())
                .clientId(Tokens.CLIENT_ID)
                .tokenUse(TokenUse.ANY)
                .clock(Clock.fixed(Tokens.NOW, ZoneOffset.UTC));
    }

    /** The JDK's RSA provider and, when it loads on this machine, ACCP. */
    public static List<Provider> providers() {
        List<Provider> providers = new ArrayList<>();
        providers.add(Security.getProvider("SunRsaSign"));
        SignatureProviders.accp().ifPresent(providers::add);
        return providers;
    }

    /** A clock tests can move. */
    public static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        /** Starts at {@code start}. */
        public MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        /** Moves the clock to {@code instant}. */
        public void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
