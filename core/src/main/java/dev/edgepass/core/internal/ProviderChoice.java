package dev.edgepass.core.internal;

import java.security.Provider;
import java.util.Optional;

/**
 * The signature provider of one signer or verifier: either settled (set with
 * {@code .provider(Provider)}, or ACCP / the JDK once ACCP's load has finished), or the JDK for
 * now, until ACCP has loaded.
 *
 * <p>A signer or verifier holds its current choice and, while it is not {@link #settled()}, asks
 * {@link #next()} at each use after its first: that starts ACCP's load on its background thread
 * when nobody has, and once the load has finished returns the settled choice, for which the signer
 * or verifier builds its key and {@code Signature} objects once and never asks again. The first
 * use does not start the load, so that a Lambda's first request never shares the CPU with it. RSA
 * PKCS#1 v1.5 signatures are byte-identical from either provider, and every signature verifies the
 * same, so the move changes speed, not results.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProviderChoice {

    /** System property that disables ACCP when set to {@code jdk}; see {@code SignatureProviders}. */
    public static final String PROPERTY = "edgepass.provider";

    private static final ProviderChoice JDK = new ProviderChoice(null, null);
    private static final ProviderChoice JDK_WHILE_ACCP_LOADS = new ProviderChoice(null, ProviderLoad.ACCP);

    private final Provider provider;
    // The load this choice waits for; null once settled.
    private final ProviderLoad load;

    private ProviderChoice(Provider provider, ProviderLoad load) {
        this.provider = provider;
        this.load = load;
    }

    /**
     * Returns the settled choice of {@code provider}, as {@code .provider(Provider)} sets it.
     *
     * @param provider the provider, or null for the JDK default of each algorithm
     * @return the choice
     */
    public static ProviderChoice of(Provider provider) {
        return provider == null ? JDK : new ProviderChoice(provider, null);
    }

    /**
     * Returns the choice of a signer or verifier built without a provider: ACCP or the JDK when
     * ACCP's load has finished (or {@value #PROPERTY}{@code =jdk} is set), otherwise the JDK for
     * now. Never waits and never starts the load.
     *
     * @return the choice
     */
    public static ProviderChoice preferred() {
        if (jdkRequired()) {
            return JDK;
        }
        Optional<Provider> accp = ProviderLoad.ACCP.ifLoaded();
        return accp == null ? JDK_WHILE_ACCP_LOADS : of(accp.orElse(null));
    }

    /**
     * Returns the JDK until {@code load} has finished, then what it loaded (or the JDK when it
     * loaded nothing). {@link #preferred()} is this for ACCP; tests use it to decide when a load
     * finishes.
     *
     * @param load the load
     * @return the choice: settled when the load has finished already
     */
    public static ProviderChoice whileLoading(ProviderLoad load) {
        Optional<Provider> loaded = load.ifLoaded();
        return loaded == null ? new ProviderChoice(null, load) : of(loaded.orElse(null));
    }

    /**
     * Returns whether {@value #PROPERTY}{@code =jdk} is set.
     *
     * @return true when ACCP must not be used by default
     */
    public static boolean jdkRequired() {
        return "jdk".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
    }

    /**
     * Returns this choice when it is settled or its load is still running, else the settled
     * choice; starts the load when nobody has. Never waits.
     *
     * @return the choice to use now
     */
    public ProviderChoice next() {
        ProviderChoice now = current();
        if (now == this && load != null && !load.started()) {
            load.start();
        }
        return now;
    }

    /**
     * Returns this choice when it is settled or its load has not finished, else the settled
     * choice, like {@link #next()} but never starting the load: for work that is not a use, such
     * as reading a JWKS while the verifier is built.
     *
     * @return the choice that holds now
     */
    public ProviderChoice current() {
        if (load == null) {
            return this;
        }
        Optional<Provider> loaded = load.ifLoaded();
        return loaded == null ? this : of(loaded.orElse(null));
    }

    /**
     * Returns the provider to ask for {@code Signature} and {@code KeyFactory} objects.
     *
     * @return the provider, or null for the JDK default of each algorithm
     */
    public Provider provider() {
        return provider;
    }

    /**
     * Returns whether this choice is final.
     *
     * @return false only while ACCP is loading and the JDK stands in
     */
    public boolean settled() {
        return load == null;
    }

    /**
     * Returns the provider's name, {@code JDK default}, or {@code JDK default (until ACCP has
     * loaded)}.
     *
     * @return the name, for {@code toString()} and logs
     */
    public String providerName() {
        if (provider != null) {
            return provider.getName();
        }
        return load == null ? "JDK default" : "JDK default (until ACCP has loaded)";
    }

    /** Returns {@link #providerName()}. */
    @Override
    public String toString() {
        return providerName();
    }
}
