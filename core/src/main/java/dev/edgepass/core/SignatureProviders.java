package dev.edgepass.core;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.Provider;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the JCA provider that edgepass signs and verifies with.
 *
 * <p>The JDK's RSA and EC code is several times slower than the hardware allows. When the
 * Amazon Corretto Crypto Provider (ACCP, {@code software.amazon.cryptools:AmazonCorrettoCryptoProvider})
 * is on the class path and passes its self-test, edgepass uses it; otherwise it uses the JDK's
 * default provider for each algorithm. The choice is made once, on first use. It is never
 * installed globally: edgepass asks for {@code Signature.getInstance(alg, provider)} and leaves
 * {@link java.security.Security} alone. Signers and verifiers accept {@code .provider(Provider)}
 * to override the choice per instance.
 *
 * <p>Set the system property {@code edgepass.provider=jdk} to ignore ACCP even when present.
 *
 * <pre>{@code
 * String using = SignatureProviders.preferred().map(Provider::getName).orElse("JDK default");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SignatureProviders {

    /** System property that disables ACCP when set to {@code jdk}. */
    public static final String PROPERTY = "edgepass.provider";

    private static final Logger LOG = LoggerFactory.getLogger(SignatureProviders.class);
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private SignatureProviders() {}

    /**
     * Returns the provider edgepass uses when none is configured: ACCP when it is present and
     * healthy (and not disabled with {@value #PROPERTY}{@code =jdk}), otherwise empty, meaning
     * the JDK's default provider for each algorithm.
     *
     * @return the preferred provider, or empty for the JDK default
     */
    public static Optional<Provider> preferred() {
        if ("jdk".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            return Optional.empty();
        }
        return accp();
    }

    /**
     * Returns ACCP when it is on the class path and passes its self-test, whatever
     * {@value #PROPERTY} says. Benchmarks and tests use it to compare both providers.
     *
     * @return ACCP, or empty when absent or unhealthy
     */
    public static Optional<Provider> accp() {
        return Accp.INSTANCE;
    }

    /** Loads ACCP once, lazily, by reflection so that it stays an optional dependency. */
    private static final class Accp {
        static final Optional<Provider> INSTANCE = load();

        private static Optional<Provider> load() {
            Class<?> type;
            try {
                type = Class.forName(ACCP_CLASS, true, SignatureProviders.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("ACCP is not on the class path; using the JDK providers");
                return Optional.empty();
            }
            try {
                Field field = type.getField("INSTANCE");
                Provider provider = (Provider) field.get(null);
                Method assertHealthy = type.getMethod("assertHealthy");
                assertHealthy.invoke(provider);
                LOG.debug("using {} {} for signatures", provider.getName(), provider.getVersionStr());
                return Optional.of(provider);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.warn("ACCP is on the class path but failed its self-test; using the JDK providers ({})",
                        e.getClass().getSimpleName());
                return Optional.empty();
            }
        }
    }
}
