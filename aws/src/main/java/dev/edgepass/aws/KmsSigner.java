package dev.edgepass.aws;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.aws.internal.AwsFailures;
import dev.edgepass.cloudfront.CloudFrontException;
import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.SigningFunction;
import dev.edgepass.core.KeyFormatException;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.PemKeys;
import dev.edgepass.core.internal.KeyPairIds;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signs CloudFront policies with an asymmetric key that never leaves AWS KMS: the strongest custody
 * a CloudFront signing key can have. It returns an ordinary {@link CloudFrontSigner}, so
 * {@code SignedCookieFactory}, {@code SignedUrlFactory}, signature reuse and
 * {@code SignedRequestValidator} work unchanged.
 *
 * <p>Each signature is one KMS {@code Sign} call with {@code MessageType=DIGEST}: edgepass hashes
 * the policy statement with SHA-256 and sends only the 32-byte digest, so the policy text never
 * reaches KMS and KMS's 4 KB message limit never applies. RSA keys ({@code RSA_2048},
 * {@code RSA_3072}, {@code RSA_4096}) sign with {@code RSASSA_PKCS1_V1_5_SHA_256}, EC keys
 * ({@code ECC_NIST_P256}) with {@code ECDSA_SHA_256}; CloudFront accepts both with
 * {@code Hash-Algorithm=SHA256}, which the cookie and URL factories add. SHA-1 is refused: KMS has
 * no SHA-1 signing algorithm.
 *
 * <p>{@link Builder#build()} calls {@code GetPublicKey} once and checks the key's spec, usage
 * ({@code SIGN_VERIFY}), signing algorithms and public key against the expected spec; the public key
 * is then {@link #publicKey()}, to upload to CloudFront or to trust in a validator.
 *
 * <pre>{@code
 * KmsSigner kms = KmsSigner.builder()
 *         .client(KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).build())
 *         .keyId("arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
 *         .keyPairId("K2JCJMDEHXQW5F")
 *         .keySpec(KeySpec.RSA_2048)
 *         .build();                                       // GetPublicKey, checked
 * SignedCookieFactory cookies = SignedCookieFactory.builder()
 *         .signer(kms.signer())
 *         .reuseSignatures(Duration.ofMinutes(1))          // one Sign per minute and policy in a burst
 *         .build();
 * }</pre>
 *
 * <p>KMS limits asymmetric {@code Sign} requests per account and region (see the module README);
 * turn on signature reuse in the factory so that a login burst costs one {@code Sign} per reuse
 * window and distinct policy. A failed {@code Sign} is a {@link CloudFrontException}:
 * {@code SIGNER_UNAVAILABLE} for throttling, 5xx, network faults and timeouts (retry later),
 * {@code SIGNING_FAILED} otherwise (access denied, a disabled or deleted key); the message carries
 * the key id and the AWS error code.
 *
 * <p>Immutable and thread-safe (the SDK client is). {@link #toString()} names the key, never key
 * material.
 */
public final class KmsSigner implements SigningFunction {

    private static final Logger LOG = LoggerFactory.getLogger(KmsSigner.class);

    /** The key specs CloudFront can use, with what they sign with. */
    private static final Map<KeySpec, SigningAlgorithmSpec> ALGORITHMS = Map.of(
            KeySpec.RSA_2048, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
            KeySpec.RSA_3072, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
            KeySpec.RSA_4096, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
            KeySpec.ECC_NIST_P256, SigningAlgorithmSpec.ECDSA_SHA_256);

    private final KmsClient client;
    private final String keyId;
    private final String keyPairId;
    private final KeySpec keySpec;
    private final SigningAlgorithmSpec algorithm;
    private final PublicKey publicKey;
    private final String keyAlgorithm;
    private final int keySize;
    private final String description;
    private final CloudFrontSigner signer;

    private KmsSigner(Builder b, KeySpec keySpec, PublicKey publicKey) {
        this.client = b.client;
        this.keyId = b.keyId;
        this.keyPairId = b.keyPairId;
        this.keySpec = keySpec;
        this.algorithm = ALGORITHMS.get(keySpec);
        this.publicKey = publicKey;
        this.keyAlgorithm = keySpec == KeySpec.ECC_NIST_P256 ? "EC" : "RSA";
        this.keySize = bits(keySpec);
        this.description = "AWS KMS key " + quote(keyId);
        this.signer = CloudFrontSigner.builder().keyPairId(keyPairId).signingFunction(this).build();
    }

    /**
     * Starts a KMS signer.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hashes {@code message} with SHA-256 and has KMS sign the digest.
     *
     * @param message the policy statement, not modified; only its digest leaves the process
     * @return the signature: PKCS#1 v1.5 for RSA, DER for ECDSA
     * @throws CloudFrontException with {@code SIGNER_UNAVAILABLE} or {@code SIGNING_FAILED}
     */
    @Override
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] digest = sha256().digest(message);
        try {
            return client.sign(r -> r.keyId(keyId)
                            .message(SdkBytes.fromByteArrayUnsafe(digest))
                            .messageType(MessageType.DIGEST)
                            .signingAlgorithm(algorithm))
                    .signature().asByteArrayUnsafe();
        } catch (SdkException e) {
            Reason reason = AwsFailures.reason(e);
            CloudFrontException.Reason mapped = reason.isTransient()
                    ? CloudFrontException.Reason.SIGNER_UNAVAILABLE : CloudFrontException.Reason.SIGNING_FAILED;
            LOG.debug("KMS Sign with {} {}", description, AwsFailures.summary(e));
            throw new CloudFrontException(mapped, "KMS Sign with " + description + " " + AwsFailures.summary(e), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Returns the {@link CloudFrontSigner} that signs through this key, built once.
     *
     * @return the signer
     */
    public CloudFrontSigner signer() {
        return signer;
    }

    /**
     * Returns the key's public key, read once with {@code GetPublicKey} and checked.
     *
     * @return the public key (RSA or EC)
     */
    public PublicKey publicKey() {
        return publicKey;
    }

    /**
     * Returns the KMS key id, ARN or alias this signer was given.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * Returns the CloudFront key pair id sent with each signature.
     *
     * @return the key pair id
     */
    public String keyPairId() {
        return keyPairId;
    }

    /**
     * Returns the key spec, checked against the key.
     *
     * @return the key spec
     */
    public KeySpec keySpec() {
        return keySpec;
    }

    /**
     * Returns the KMS signing algorithm used.
     *
     * @return {@code RSASSA_PKCS1_V1_5_SHA_256} or {@code ECDSA_SHA_256}
     */
    public SigningAlgorithmSpec signingAlgorithm() {
        return algorithm;
    }

    @Override
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    @Override
    public int keySize() {
        return keySize;
    }

    /** Returns {@link HashAlgorithm#SHA256}, the only hash KMS signs CloudFront policies with. */
    @Override
    public HashAlgorithm hashAlgorithm() {
        return HashAlgorithm.SHA256;
    }

    @Override
    public String description() {
        return description;
    }

    /** Names the key, spec and key pair id; never key material. */
    @Override
    public String toString() {
        return "KmsSigner[" + description + ", " + keySpec + ", keyPairId=" + keyPairId + "]";
    }

    private static int bits(KeySpec spec) {
        return switch (spec) {
            case RSA_2048 -> 2048;
            case RSA_3072 -> 3072;
            case RSA_4096 -> 4096;
            default -> 256;
        };
    }

    /**
     * Builds a {@link KmsSigner}. Client, key id and key pair id are required; the expected key spec
     * is strongly recommended (without it, any of the four specs CloudFront can verify is accepted);
     * the hash is SHA-256 and nothing else.
     *
     * <p>Not thread-safe; the built signer is.
     */
    public static final class Builder {
        private KmsClient client;
        private String keyId;
        private String keyPairId;
        private KeySpec keySpec;

        private Builder() {}

        /**
         * Sets the KMS client (required). Set {@code apiCallTimeout} on it: every login that needs
         * a new signature waits for one {@code Sign}.
         *
         * @param client the client
         * @return this builder
         * @throws NullPointerException if {@code client} is null
         */
        public Builder client(KmsClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the KMS key (required): key id, key ARN, alias name or alias ARN.
         *
         * @param keyId the key
         * @return this builder
         * @throws NullPointerException     if {@code keyId} is null
         * @throws IllegalArgumentException if it is blank or too long
         */
        public Builder keyId(String keyId) {
            this.keyId = AwsNames.require(keyId, "keyId");
            return this;
        }

        /**
         * Sets the CloudFront public key id under which the KMS key's public key was uploaded (required).
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
         * Sets the key spec the key must have; {@link #build()} checks it. Without it, the key's own
         * spec is accepted when it is one of the four below.
         *
         * @param keySpec {@code RSA_2048}, {@code RSA_3072}, {@code RSA_4096} or {@code ECC_NIST_P256}
         * @return this builder
         * @throws NullPointerException     if {@code keySpec} is null
         * @throws IllegalArgumentException for any other spec: CloudFront verifies RSA and EC P-256 only
         */
        public Builder keySpec(KeySpec keySpec) {
            Objects.requireNonNull(keySpec, "keySpec");
            if (!ALGORITHMS.containsKey(keySpec)) {
                throw new IllegalArgumentException("keySpec must be RSA_2048, RSA_3072, RSA_4096 or ECC_NIST_P256, the"
                        + " KMS key specs CloudFront can verify, was " + keySpec);
            }
            this.keySpec = keySpec;
            return this;
        }

        /**
         * Checks the hash: only {@link HashAlgorithm#SHA256} is accepted, which is also the default.
         *
         * @param hashAlgorithm must be SHA256
         * @return this builder
         * @throws NullPointerException     if {@code hashAlgorithm} is null
         * @throws IllegalArgumentException for SHA1, with the reason
         */
        public Builder hashAlgorithm(HashAlgorithm hashAlgorithm) {
            Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
            if (hashAlgorithm != HashAlgorithm.SHA256) {
                throw new IllegalArgumentException("KMS signs CloudFront policies with SHA-256 only: its signing algorithms"
                        + " are RSASSA_PKCS1_V1_5_SHA_256 and ECDSA_SHA_256 and none uses SHA-1. Use HashAlgorithm.SHA256;"
                        + " CloudFront accepts it with Hash-Algorithm=SHA256, which edgepass sends. Was " + hashAlgorithm);
            }
            return this;
        }

        /**
         * Reads the key's public key from KMS ({@code GetPublicKey}, once), checks it against the
         * expected spec, and builds the signer.
         *
         * @return the signer
         * @throws IllegalStateException if a required option is missing
         * @throws KeySourceException    {@code NOT_FOUND}, {@code ACCESS_DENIED}, {@code UNAVAILABLE},
         *                               {@code TIMEOUT} or {@code REJECTED} when {@code GetPublicKey}
         *                               fails; {@code WRONG_KEY_SPEC} when the key's spec, usage or
         *                               algorithms differ; {@code BAD_KEY} when its public key is unusable
         */
        public KmsSigner build() {
            if (client == null) {
                throw new IllegalStateException("client is required");
            }
            if (keyId == null) {
                throw new IllegalStateException("keyId is required");
            }
            if (keyPairId == null) {
                throw new IllegalStateException("keyPairId is required: the CloudFront public key id of this KMS key");
            }
            String what = "AWS KMS key " + quote(keyId);
            GetPublicKeyResponse response;
            try {
                response = client.getPublicKey(r -> r.keyId(keyId));
            } catch (SdkException e) {
                throw AwsFailures.keySourceFailure(e, what, "GetPublicKey");
            }
            KeySpec spec = keySpec != null ? keySpec : response.keySpec();
            if (response.keySpec() != spec || !ALGORITHMS.containsKey(spec)) {
                throw new KeySourceException(Reason.WRONG_KEY_SPEC, what + " has key spec " + response.keySpecAsString()
                        + ", expected " + (keySpec != null ? keySpec : "RSA_2048, RSA_3072, RSA_4096 or ECC_NIST_P256"));
            }
            if (response.keyUsage() != KeyUsageType.SIGN_VERIFY) {
                throw new KeySourceException(Reason.WRONG_KEY_SPEC, what + " has key usage " + response.keyUsageAsString()
                        + ", expected SIGN_VERIFY");
            }
            SigningAlgorithmSpec needed = ALGORITHMS.get(spec);
            if (!response.signingAlgorithms().contains(needed)) {
                throw new KeySourceException(Reason.WRONG_KEY_SPEC, what + " does not offer " + needed + " (it offers "
                        + response.signingAlgorithmsAsStrings() + ")");
            }
            if (response.publicKey() == null) {
                throw new KeySourceException(Reason.MALFORMED_RESPONSE, what + ": GetPublicKey answered without a public key");
            }
            PublicKey key;
            try {
                key = PemKeys.publicKey(response.publicKey().asByteArray());
            } catch (KeyFormatException e) {
                throw new KeySourceException(Reason.BAD_KEY, what + ": its public key is not usable (" + e.reason() + ": "
                        + e.getMessage() + ")", e);
            }
            boolean matches = spec == KeySpec.ECC_NIST_P256
                    ? key instanceof ECKey
                    : key instanceof RSAKey rsa && rsa.getModulus().bitLength() == bits(spec);
            if (!matches) {
                throw new KeySourceException(Reason.WRONG_KEY_SPEC, what + "'s public key is " + key.getAlgorithm()
                        + (key instanceof RSAKey rsa ? "-" + rsa.getModulus().bitLength() : "") + ", not " + spec);
            }
            KmsSigner signer = new KmsSigner(this, spec, key);
            LOG.debug("CloudFront key pair id {} signs with {} ({}, {})", keyPairId, what, spec, needed);
            return signer;
        }
    }
}
