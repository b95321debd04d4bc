package dev.edgepass.cloudfront;

import dev.edgepass.core.SigningKey;
import java.security.Provider;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Follows a rotating signing key: returns a {@link CloudFrontSigner} for the key its supplier
 * currently yields, building a new signer only when the key changes.
 *
 * <p>Give it to {@link SignedCookieFactory.Builder#signers(Supplier)} or
 * {@link SignedUrlFactory#following(Supplier)}; with a {@code RefreshingKeySource} from {@code edgepass-core}
 * as the supplier, new cookies carry the new key pair id as soon as a refresh has loaded it, and
 * signature reuse never hands out a signature made with the previous key (its cache is keyed by
 * signer).
 *
 * <pre>{@code
 * RefreshingKeySource keys = RefreshingKeySource.builder(SigningKeySources.secretsManagerExtension("prod/cloudfront-key")).build();
 * SignedCookieFactory cookies = SignedCookieFactory.builder()
 *         .signers(RotatingSigner.of(keys, HashAlgorithm.SHA256))
 *         .reuseSignatures(Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 *
 * <p>{@link #get()} costs the supplier's call and one identity comparison while the key is
 * unchanged; a new key costs one signer build (a key conversion and a test signature set-up) on
 * the thread that sees it first. Thread-safe.
 */
public final class RotatingSigner implements Supplier<CloudFrontSigner> {

    private final Supplier<SigningKey> keys;
    private final HashAlgorithm hashAlgorithm;
    private final Provider provider;
    private final boolean providerSet;
    private volatile Current current;

    private record Current(SigningKey key, CloudFrontSigner signer) {}

    private RotatingSigner(Builder b) {
        this.keys = b.keys;
        this.hashAlgorithm = b.hashAlgorithm;
        this.provider = b.provider;
        this.providerSet = b.providerSet;
    }

    /**
     * Returns a rotating signer with the preferred signature provider.
     *
     * @param keys          yields the current key, such as a {@code RefreshingKeySource}
     * @param hashAlgorithm SHA1 or SHA256
     * @return the rotating signer
     * @throws NullPointerException if an argument is null
     */
    public static RotatingSigner of(Supplier<SigningKey> keys, HashAlgorithm hashAlgorithm) {
        return builder().keys(keys).hashAlgorithm(hashAlgorithm).build();
    }

    /**
     * Starts a rotating signer with full control over the provider.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the signer for the current key.
     *
     * @return the signer
     * @throws RuntimeException what the key supplier throws, such as {@code KeySourceException}
     *                          before any key has loaded
     * @throws NullPointerException if the supplier returns null
     */
    @Override
    public CloudFrontSigner get() {
        SigningKey key = Objects.requireNonNull(keys.get(), "the key supplier returned null");
        Current c = current;
        if (c != null && c.key == key) {
            return c.signer;
        }
        return rebuild(key);
    }

    private synchronized CloudFrontSigner rebuild(SigningKey key) {
        Current c = current;
        if (c != null && c.key == key) {
            return c.signer;
        }
        CloudFrontSigner.Builder b = CloudFrontSigner.builder().signingKey(key).hashAlgorithm(hashAlgorithm);
        if (providerSet) {
            if (provider == null) {
                b.jdkProvider();
            } else {
                b.provider(provider);
            }
        }
        CloudFrontSigner signer = b.build();
        current = new Current(key, signer);
        return signer;
    }

    /**
     * Returns the hash every signer uses.
     *
     * @return SHA1 or SHA256
     */
    public HashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    /** Names the current signer, if any; never key material. */
    @Override
    public String toString() {
        Current c = current;
        return "RotatingSigner[" + hashAlgorithm + ", keys=" + keys + (c == null ? "" : ", current=" + c.signer) + "]";
    }

    /** Builds a {@link RotatingSigner}. Not thread-safe; the built signer is. */
    public static final class Builder {
        private Supplier<SigningKey> keys;
        private HashAlgorithm hashAlgorithm = HashAlgorithm.SHA1;
        private Provider provider;
        private boolean providerSet;

        private Builder() {}

        /**
         * Sets what yields the current key (required); it must return the same instance until the
         * key changes, as {@code RefreshingKeySource} does.
         *
         * @param keys the key supplier
         * @return this builder
         * @throws NullPointerException if {@code keys} is null
         */
        public Builder keys(Supplier<SigningKey> keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * Sets the hash (default {@link HashAlgorithm#SHA1}).
         *
         * @param hashAlgorithm SHA1 or SHA256
         * @return this builder
         * @throws NullPointerException if {@code hashAlgorithm} is null
         */
        public Builder hashAlgorithm(HashAlgorithm hashAlgorithm) {
            this.hashAlgorithm = Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
            return this;
        }

        /**
         * Sets the JCA provider of every signer, as {@link CloudFrontSigner.Builder#provider(Provider)}.
         *
         * @param provider the provider
         * @return this builder
         * @throws NullPointerException if {@code provider} is null
         */
        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.providerSet = true;
            return this;
        }

        /**
         * Signs with the JDK's default provider, as {@link CloudFrontSigner.Builder#jdkProvider()}.
         *
         * @return this builder
         */
        public Builder jdkProvider() {
            this.provider = null;
            this.providerSet = true;
            return this;
        }

        /**
         * Builds the rotating signer. Does not call the supplier.
         *
         * @return the rotating signer
         * @throws IllegalStateException if no key supplier is set
         */
        public RotatingSigner build() {
            if (keys == null) {
                throw new IllegalStateException("keys is required");
            }
            return new RotatingSigner(this);
        }
    }
}
