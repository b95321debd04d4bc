package dev.edgepass.core;

import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.ProviderLoad;
import java.security.Provider;
import java.util.Optional;

/**
 * Chooses the JCA provider that edgepass signs and verifies with.
 *
 * <p>The JDK's RSA and EC code is several times slower than the hardware allows. When the
 * Amazon Corretto Crypto Provider (ACCP, {@code software.amazon.cryptools:AmazonCorrettoCryptoProvider})
 * is on the class path and passes its self-test, edgepass uses it; otherwise it uses the JDK's
 * default provider for each algorithm. It is never installed globally: edgepass asks for
 * {@code Signature.getInstance(alg, provider)} and leaves {@link java.security.Security} alone.
 * Signers and verifiers accept {@code .provider(Provider)} to override the choice per instance.
 *
 * <p>Loading ACCP (its native library and self-tests) takes a few hundred milliseconds of CPU,
 * once per JVM. So that no request waits for it, or shares the CPU with it, on a cold start:
 * <ul>
 *   <li>A signer or verifier built without {@code .provider(Provider)} before ACCP has loaded
 *       signs and verifies with the JDK.</li>
 *   <li>Its first use leaves ACCP alone; its second use starts the load on a background daemon
 *       thread (unless {@link #preload()} or another signer has already).</li>
 *   <li>Its first use after the load has finished moves it to ACCP, converting its keys once.</li>
 * </ul>
 * A Lambda function therefore answers its first request with the JDK and moves to ACCP a few
 * requests later. Results do not change: RSA PKCS#1 v1.5 signatures are byte-identical from both
 * providers, and every signature verifies the same. To use ACCP from the very first signature
 * instead (a long-running server, a SnapStart snapshot), call {@link #preferred()} before
 * building: it waits for the load.
 *
 * <p>Set the system property {@code edgepass.provider=jdk} to ignore ACCP even when present; it is
 * then never loaded.
 *
 * <pre>{@code
 * SignatureProviders.preload();   // start loading ACCP now, in the background
 * String using = SignatureProviders.preferred().map(Provider::getName).orElse("JDK default");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SignatureProviders {

    /** System property that disables ACCP when set to {@code jdk}. */
    public static final String PROPERTY = ProviderChoice.PROPERTY;

    private SignatureProviders() {}

    /**
     * Starts loading ACCP on a background daemon thread, unless it has started already or
     * {@value #PROPERTY}{@code =jdk} is set, and returns at once. Optional: the second use of a
     * signer or verifier built without a provider starts it too; calling this earlier gives the load
     * a head start, where a spare CPU makes that free.
     */
    public static void preload() {
        if (!ProviderChoice.jdkRequired()) {
            ProviderLoad.ACCP.start();
        }
    }

    /**
     * Returns the provider edgepass settles on when none is configured: ACCP when it is present
     * and healthy (and not disabled with {@value #PROPERTY}{@code =jdk}), otherwise empty, meaning
     * the JDK's default provider for each algorithm. Waits for ACCP's load when it is under way,
     * and loads it on this thread when nobody has started it.
     *
     * @return the preferred provider, or empty for the JDK default
     */
    public static Optional<Provider> preferred() {
        if (ProviderChoice.jdkRequired()) {
            return Optional.empty();
        }
        return accp();
    }

    /**
     * Returns ACCP when it is on the class path and passes its self-test, whatever
     * {@value #PROPERTY} says, waiting for the load as {@link #preferred()} does. Benchmarks and
     * tests use it to compare both providers.
     *
     * @return ACCP, or empty when absent or unhealthy
     */
    public static Optional<Provider> accp() {
        return ProviderLoad.ACCP.await();
    }
}
