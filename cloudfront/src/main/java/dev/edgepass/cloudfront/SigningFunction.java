package dev.edgepass.cloudfront;

/**
 * A signature made somewhere other than in this JVM's JCA with a local {@code PrivateKey}: a key
 * management service, a hardware security module, a remote signer. {@link CloudFrontSigner}
 * accepts one in place of a private key, and the cookie and URL factories, signature reuse and
 * {@link SignedRequestValidator} then work unchanged.
 *
 * <p>{@link #sign(byte[])} receives the exact bytes CloudFront hashes (the policy statement) and
 * returns the raw signature CloudFront expects for the declared key and hash: RSASSA-PKCS1-v1_5
 * for an RSA key, an ASN.1 DER {@code ECDSA-Sig-Value} for an EC key. The implementation hashes
 * the bytes itself with {@link #hashAlgorithm()} (a remote signer may send only the digest).
 * {@code edgepass-aws}'s {@code KmsSigner} is the implementation edgepass ships.
 *
 * <pre>{@code
 * CloudFrontSigner signer = CloudFrontSigner.builder()
 *         .keyPairId("K2JCJMDEHXQW5F")
 *         .signingFunction(kmsSigner)
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe: the signer calls {@link #sign(byte[])} from every thread
 * that mints cookies. A failure should be a {@link CloudFrontException} with
 * {@link CloudFrontException.Reason#SIGNER_UNAVAILABLE} when a retry may succeed (throttling, a
 * network fault, a timeout) or {@link CloudFrontException.Reason#SIGNING_FAILED} otherwise; any
 * other runtime exception is wrapped as {@code SIGNING_FAILED}. Messages and {@link #description()}
 * must not contain key material or the signed bytes.
 */
public interface SigningFunction {

    /**
     * Signs {@code message} with the key, hashing it with {@link #hashAlgorithm()} first.
     *
     * @param message the bytes to sign, not modified
     * @return the raw signature: PKCS#1 v1.5 for RSA, DER for ECDSA
     * @throws CloudFrontException with {@code SIGNER_UNAVAILABLE} or {@code SIGNING_FAILED}
     */
    byte[] sign(byte[] message);

    /**
     * Returns the key algorithm: {@code RSA} or {@code EC}.
     *
     * @return the key algorithm
     */
    String keyAlgorithm();

    /**
     * Returns the key size in bits: the RSA modulus length (2048 or more), or 256 for EC P-256.
     *
     * @return the key size
     */
    int keySize();

    /**
     * Returns the hash applied before signing, which CloudFront must be told about.
     *
     * @return SHA1 or SHA256
     */
    HashAlgorithm hashAlgorithm();

    /**
     * Names the signer for {@code toString()} and messages, such as the KMS key id; never key material.
     *
     * @return the description
     */
    default String description() {
        return getClass().getSimpleName();
    }
}
