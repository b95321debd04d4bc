package dev.edgepass.cloudfront;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.core.KeyFormatException;
import dev.edgepass.core.PemKeys;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.SigningKey;
import dev.edgepass.core.internal.Jca;
import dev.edgepass.core.internal.KeyPairIds;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.ProviderSwitch;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs CloudFront policy statements with one key: RSA (2048 bits or more) or ECDSA P-256, hashed
 * with SHA-1 (CloudFront's default) or SHA-256. The key is a local {@link PrivateKey}, or a
 * {@link SigningFunction} that signs elsewhere (such as AWS KMS, in {@code edgepass-aws}).
 *
 * <p>The signature provider is the one set with {@link Builder#provider(Provider)}, always; else
 * {@link SignatureProviders}' choice: ACCP when it is present and healthy, else the JDK default.
 * ACCP loads in the background, from the second signature on (see {@link SignatureProviders}); a
 * signer built before it has loaded signs with the JDK and moves to ACCP at its first signature
 * after the load, once.
 * Signatures are the same either way (RSA PKCS#1 v1.5 is deterministic; ECDSA signatures are
 * randomised by design and verify the same). The key is converted once to the provider's own key
 * object and kept. Each thread keeps one initialised {@link Signature}; the JCA contract resets a
 * {@code Signature} to its initialised state after {@code sign()}, so signing takes no lock and
 * allocates only the result.
 *
 * <pre>{@code
 * CloudFrontSigner signer = CloudFrontSigner.of("K2JCJMDEHXQW5F", PemKeys.privateKey(Path.of("private_key.pem")));
 * String signature = signer.sign(policy);
 * }</pre>
 *
 * <p>With a {@link SigningFunction}, each signature is the function's; the provider options do
 * not apply. The private-key path does not pay for the option: one field test per signature.
 *
 * <p>Immutable and thread-safe; build one per key and share it. {@link #toString()} names the key
 * id, algorithm and provider, never key material.
 */
public final class CloudFrontSigner {

    private static final Logger LOG = LoggerFactory.getLogger(CloudFrontSigner.class);

    private final String keyPairId;
    private final HashAlgorithm hashAlgorithm;
    private final String keyAlgorithm;
    private final int keyBits;
    private final PrivateKey key;
    private final String jcaAlgorithm;
    private final SigningFunction function;
    // Null with a signing function.
    private final Engines engines;

    private CloudFrontSigner(Builder b) {
        this.keyPairId = b.keyPairId;
        this.function = b.function;
        if (function != null) {
            this.hashAlgorithm = function.hashAlgorithm();
            this.keyAlgorithm = function.keyAlgorithm();
            this.keyBits = function.keySize();
            this.key = null;
            this.jcaAlgorithm = hashAlgorithm.jcaAlgorithm(keyAlgorithm);
            this.engines = null;
            LOG.debug("CloudFront signer for key id {} uses {} through {}", keyPairId, jcaAlgorithm, function.description());
            return;
        }
        this.hashAlgorithm = b.hashAlgorithm;
        this.keyAlgorithm = b.key.getAlgorithm();
        this.keyBits = b.key instanceof RSAKey rsa ? rsa.getModulus().bitLength() : 256;
        this.key = b.key;
        this.jcaAlgorithm = hashAlgorithm.jcaAlgorithm(keyAlgorithm);
        // Fails at build time, not on the first request, if the provider cannot sign with this key.
        this.engines = new Engines(new Engine(b.choice != null ? b.choice : ProviderChoice.preferred()));
        LOG.debug("CloudFront signer for key id {} uses {} from {}", keyPairId, jcaAlgorithm, providerName());
    }

    /**
     * Returns a SHA-1 signer for a key.
     *
     * @param keyPairId the CloudFront public key id (such as {@code K2JCJMDEHXQW5F}) or legacy key pair id
     * @param key       an RSA key of at least 2048 bits or an EC P-256 key
     * @return the signer
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code keyPairId} is not 1-128 letters, digits, {@code -} or {@code _}
     * @throws KeyFormatException       if the key is not RSA-2048+ or EC P-256
     */
    public static CloudFrontSigner of(String keyPairId, PrivateKey key) {
        return builder().keyPairId(keyPairId).privateKey(key).build();
    }

    /**
     * Returns a signer for a key and hash.
     *
     * @param keyPairId     the CloudFront public key id
     * @param key           an RSA key of at least 2048 bits or an EC P-256 key
     * @param hashAlgorithm SHA1 or SHA256
     * @return the signer
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code keyPairId} is malformed
     * @throws KeyFormatException       if the key is not RSA-2048+ or EC P-256
     */
    public static CloudFrontSigner of(String keyPairId, PrivateKey key, HashAlgorithm hashAlgorithm) {
        return builder().keyPairId(keyPairId).privateKey(key).hashAlgorithm(hashAlgorithm).build();
    }

    /**
     * Returns a signer for a {@link SigningKey} (key pair id and private key together) and hash.
     *
     * @param key           the key pair id and private key
     * @param hashAlgorithm SHA1 or SHA256
     * @return the signer
     * @throws NullPointerException if an argument is null
     */
    public static CloudFrontSigner of(SigningKey key, HashAlgorithm hashAlgorithm) {
        return builder().signingKey(key).hashAlgorithm(hashAlgorithm).build();
    }

    /**
     * Starts a signer with full control, including the signature provider.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs a policy's statement.
     *
     * @param policy the policy
     * @return the signature in CloudFront's URL-safe base64
     * @throws NullPointerException if {@code policy} is null
     * @throws CloudFrontException  with {@code SIGNING_FAILED} if the provider fails
     */
    public String sign(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        return CloudFrontBase64.encode(signRaw(policy.statementBytes()));
    }

    /** Signs a policy's statement and returns the raw signature, for the cookie factory to encode in place. */
    byte[] signStatement(Policy policy) {
        return signRaw(policy.statementBytes());
    }

    /**
     * Signs arbitrary bytes with this signer's key and hash, returning the raw signature (PKCS#1
     * v1.5 for RSA, DER for ECDSA). For tests and benchmarks; cookies and URLs use
     * {@link #sign(Policy)}.
     *
     * @param data the bytes, not modified
     * @return the raw signature
     * @throws NullPointerException if {@code data} is null
     * @throws CloudFrontException  with {@code SIGNING_FAILED} if the provider fails
     */
    public byte[] sign(byte[] data) {
        Objects.requireNonNull(data, "data");
        return signRaw(data);
    }

    private byte[] signRaw(byte[] data) {
        if (function != null) {
            return signWithFunction(data);
        }
        Engine e = engines.engine();
        Signature signature = e.get();
        try {
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException ex) {
            // A Signature that failed half-way is in an unknown state: start the next one afresh.
            e.remove();
            throw new CloudFrontException(CloudFrontException.Reason.SIGNING_FAILED,
                    jcaAlgorithm + " signing failed with " + e.choice.providerName() + " ("
                            + ex.getClass().getSimpleName() + ")", ex);
        }
    }

    private byte[] signWithFunction(byte[] data) {
        byte[] signature;
        try {
            signature = function.sign(data);
        } catch (CloudFrontException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CloudFrontException(CloudFrontException.Reason.SIGNING_FAILED,
                    jcaAlgorithm + " signing failed in " + function.description() + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (signature == null || signature.length == 0) {
            throw new CloudFrontException(CloudFrontException.Reason.SIGNING_FAILED,
                    function.description() + " returned no signature");
        }
        return signature;
    }

    /**
     * Returns the CloudFront key id sent as {@code Key-Pair-Id}.
     *
     * @return the key id
     */
    public String keyPairId() {
        return keyPairId;
    }

    /**
     * Returns the hash algorithm.
     *
     * @return SHA1 or SHA256
     */
    public HashAlgorithm hashAlgorithm() {
        return hashAlgorithm;
    }

    /**
     * Returns the key algorithm, {@code RSA} or {@code EC}.
     *
     * @return the key algorithm
     */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * Returns the key size in bits: the RSA modulus length, or 256 for EC P-256.
     *
     * @return the key size
     */
    public int keySize() {
        return keyBits;
    }

    /**
     * Returns the name of the signature provider in use now, {@code JDK default},
     * {@code JDK default (until ACCP has loaded)}, or the signing function's description.
     *
     * @return the provider name
     */
    public String providerName() {
        if (function != null) {
            return function.description();
        }
        return engines.current().choice.providerName();
    }

    /**
     * Returns whether this signer signs through a {@link SigningFunction} rather than a local key.
     *
     * @return true for a signing function
     */
    public boolean usesSigningFunction() {
        return function != null;
    }

    /** Returns key id, algorithm, hash and provider; never key material. */
    @Override
    public String toString() {
        return "CloudFrontSigner[keyPairId=" + keyPairId + ", " + keyAlgorithm + "-" + keyBits + ", " + hashAlgorithm
                + (function != null ? ", signingFunction=" : ", provider=") + providerName() + "]";
    }

    /**
     * The key converted for one provider, and each thread's initialised {@link Signature} from it.
     * Built whole before it is published, so a thread sees either the old engine or the new one.
     */
    private final class Engine extends ThreadLocal<Signature> implements ProviderSwitch.BuiltFor {
        final ProviderChoice choice;
        final PrivateKey providerKey;

        Engine(ProviderChoice choice) {
            this.choice = choice;
            this.providerKey = Jca.translate(key, choice.provider());
            // The calling thread's Signature: proves now that the provider can sign with the key.
            get();
        }

        @Override
        public ProviderChoice choice() {
            return choice;
        }

        @Override
        protected Signature initialValue() {
            Signature signature = Jca.signature(jcaAlgorithm, choice.provider());
            try {
                signature.initSign(providerKey);
            } catch (GeneralSecurityException e) {
                throw new CloudFrontException(CloudFrontException.Reason.SIGNING_FAILED,
                        choice.providerName() + " cannot sign " + jcaAlgorithm + " with this " + keyAlgorithm + " key", e);
            }
            return signature;
        }
    }

    /**
     * Moves to ACCP's engine once it has loaded; if ACCP cannot sign with this key, keeps the JDK
     * (the key converts once either way).
     */
    private final class Engines extends ProviderSwitch<Engine> {
        Engines(Engine first) {
            super(first);
        }

        @Override
        protected Engine engineFor(ProviderChoice settled) {
            Engine engine;
            try {
                engine = new Engine(settled);
            } catch (RuntimeException ex) {
                LOG.warn("CloudFront signer for key id {} cannot sign with {}, keeps the JDK ({})", keyPairId,
                        settled.providerName(), ex.getClass().getSimpleName());
                engine = new Engine(ProviderChoice.of(null));
            }
            LOG.debug("CloudFront signer for key id {} now signs with {}", keyPairId, engine.choice.providerName());
            return engine;
        }
    }

    /**
     * Builds a {@link CloudFrontSigner}.
     *
     * <pre>{@code
     * CloudFrontSigner signer = CloudFrontSigner.builder()
     *         .keyPairId("K2JCJMDEHXQW5F")
     *         .privateKey(key)
     *         .hashAlgorithm(HashAlgorithm.SHA256)
     *         .provider(Security.getProvider("SunRsaSign"))
     *         .build();
     * }</pre>
     *
     * <p>Not thread-safe; the built signer is.
     */
    public static final class Builder {

        private String keyPairId;
        private PrivateKey key;
        private SigningFunction function;
        private HashAlgorithm hashAlgorithm = HashAlgorithm.SHA1;
        private boolean hashSet;
        private ProviderChoice choice;

        private Builder() {}

        /**
         * Sets the CloudFront public key id (required).
         *
         * @param keyPairId 1-128 letters, digits, {@code -} or {@code _}, such as {@code K2JCJMDEHXQW5F}
         * @return this builder
         * @throws NullPointerException     if {@code keyPairId} is null
         * @throws IllegalArgumentException if it is malformed
         */
        public Builder keyPairId(String keyPairId) {
            this.keyPairId = KeyPairIds.require(keyPairId);
            return this;
        }

        /**
         * Sets the private key (required).
         *
         * @param key an RSA key of at least 2048 bits or an EC P-256 key
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         * @throws KeyFormatException   if the key is weak or of another type
         */
        public Builder privateKey(PrivateKey key) {
            this.key = PemKeys.requireSupported(Objects.requireNonNull(key, "key"));
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
            this.hashSet = true;
            return this;
        }

        /**
         * Sets the key pair id and private key from a {@link SigningKey}.
         *
         * @param signingKey the key pair id and private key
         * @return this builder
         * @throws NullPointerException if {@code signingKey} is null
         */
        public Builder signingKey(SigningKey signingKey) {
            Objects.requireNonNull(signingKey, "signingKey");
            return keyPairId(signingKey.keyPairId()).privateKey(signingKey.privateKey());
        }

        /**
         * Signs through {@code function} instead of a local private key. The hash, key algorithm
         * and key size are the function's; {@link #privateKey}, {@link #provider} and
         * {@link #jdkProvider} cannot be combined with it.
         *
         * @param function the signing function, such as {@code edgepass-aws}'s {@code KmsSigner}
         * @return this builder
         * @throws NullPointerException     if {@code function} is null or declares a null hash or algorithm
         * @throws IllegalArgumentException if it declares a key CloudFront does not accept: RSA under
         *                                  2048 or over 16384 bits, EC of another size than 256
         */
        public Builder signingFunction(SigningFunction function) {
            Objects.requireNonNull(function, "function");
            String algorithm = Objects.requireNonNull(function.keyAlgorithm(), "function.keyAlgorithm()");
            Objects.requireNonNull(function.hashAlgorithm(), "function.hashAlgorithm()");
            int size = function.keySize();
            if ("RSA".equals(algorithm)) {
                if (size < 2048 || size > 16384) {
                    throw new IllegalArgumentException("signing function declares RSA-" + size
                            + "; CloudFront signing needs RSA of 2048 to 16384 bits");
                }
            } else if ("EC".equals(algorithm)) {
                if (size != 256) {
                    throw new IllegalArgumentException("signing function declares EC-" + size
                            + "; CloudFront accepts EC keys on P-256 only");
                }
            } else {
                throw new IllegalArgumentException("signing function declares key algorithm " + quote(algorithm)
                        + "; expected RSA or EC");
            }
            this.function = function;
            return this;
        }

        /**
         * Sets the JCA provider to sign with, instead of {@link SignatureProviders#preferred()}.
         * The provider is used directly and never installed globally.
         *
         * @param provider the provider, such as ACCP or {@code Security.getProvider("SunRsaSign")}
         * @return this builder
         * @throws NullPointerException if {@code provider} is null
         */
        public Builder provider(Provider provider) {
            this.choice = ProviderChoice.of(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Signs with the JDK's default provider for the algorithm, even when ACCP is present.
         *
         * @return this builder
         */
        public Builder jdkProvider() {
            this.choice = ProviderChoice.of(null);
            return this;
        }

        /** Sets the provider choice directly; tests use it to decide when a provider load finishes. */
        Builder providerChoice(ProviderChoice choice) {
            this.choice = Objects.requireNonNull(choice, "choice");
            return this;
        }

        /**
         * Builds the signer, converting the key to the provider's key object once.
         *
         * @return the signer
         * @throws IllegalStateException if the key id is missing, neither or both of a key and a signing
         *                               function are set, or a provider or other hash is combined with a function
         * @throws IllegalArgumentException if the provider cannot use the key
         * @throws CloudFrontException   with {@code SIGNING_FAILED} if the provider cannot sign with it
         */
        public CloudFrontSigner build() {
            if (keyPairId == null) {
                throw new IllegalStateException("keyPairId is required");
            }
            if (function != null) {
                if (key != null) {
                    throw new IllegalStateException("set either privateKey or signingFunction, not both");
                }
                if (choice != null) {
                    throw new IllegalStateException("provider and jdkProvider apply to a private key, not to a signing function");
                }
                if (hashSet && hashAlgorithm != function.hashAlgorithm()) {
                    throw new IllegalStateException("hashAlgorithm " + hashAlgorithm + " differs from the signing function's "
                            + function.hashAlgorithm() + "; the function decides the hash");
                }
                return new CloudFrontSigner(this);
            }
            if (key == null) {
                throw new IllegalStateException("privateKey or signingFunction is required");
            }
            return new CloudFrontSigner(this);
        }
    }

}
