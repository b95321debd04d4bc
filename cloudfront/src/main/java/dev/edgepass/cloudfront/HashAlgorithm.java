package dev.edgepass.cloudfront;

/**
 * The hash CloudFront applies before the RSA or ECDSA signature check.
 *
 * <p>{@link #SHA1} is the default that CloudFront has always accepted and that needs no extra
 * cookie or parameter. {@link #SHA256} makes edgepass add {@code CloudFront-Hash-Algorithm=SHA256}
 * (cookies) or {@code Hash-Algorithm=SHA256} (URLs), which CloudFront requires to know the hash.
 *
 * <pre>{@code
 * CloudFrontSigner signer = CloudFrontSigner.of("K2JCJMDEHXQW5F", key, HashAlgorithm.SHA256);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum HashAlgorithm {
    /** SHA-1, CloudFront's default; no hash-algorithm cookie or parameter is sent. */
    SHA1("SHA1", "SHA1"),
    /** SHA-256; sent as {@code Hash-Algorithm=SHA256}. */
    SHA256("SHA256", "SHA256");

    private final String id;
    private final String jcaDigest;

    HashAlgorithm(String id, String jcaDigest) {
        this.id = id;
        this.jcaDigest = jcaDigest;
    }

    /**
     * Returns the value CloudFront expects in {@code CloudFront-Hash-Algorithm} and
     * {@code Hash-Algorithm}: {@code SHA1} or {@code SHA256}.
     *
     * @return the CloudFront name
     */
    public String id() {
        return id;
    }

    /**
     * Returns the JCA signature algorithm for a key algorithm, such as {@code SHA256withECDSA}.
     *
     * @param keyAlgorithm {@code RSA} or {@code EC}
     * @return the JCA algorithm name
     * @throws IllegalArgumentException if the key algorithm is neither RSA nor EC
     */
    public String jcaAlgorithm(String keyAlgorithm) {
        if ("RSA".equals(keyAlgorithm)) {
            return jcaDigest + "withRSA";
        }
        if ("EC".equals(keyAlgorithm)) {
            return jcaDigest + "withECDSA";
        }
        throw new IllegalArgumentException("keyAlgorithm must be RSA or EC, was " + keyAlgorithm);
    }

    /**
     * Returns the constant for a CloudFront name, or null when CloudFront does not know it.
     *
     * @param id the value of a hash-algorithm cookie or parameter, may be null
     * @return the constant, or null
     */
    public static HashAlgorithm fromId(String id) {
        if ("SHA1".equals(id)) {
            return SHA1;
        }
        if ("SHA256".equals(id)) {
            return SHA256;
        }
        return null;
    }
}
