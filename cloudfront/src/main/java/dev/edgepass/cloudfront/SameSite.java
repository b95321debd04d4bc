package dev.edgepass.cloudfront;

/**
 * The {@code SameSite} attribute of the CloudFront cookies.
 *
 * <pre>{@code
 * SignedCookieFactory.builder().signer(signer).sameSite(SameSite.STRICT).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum SameSite {
    /** Sent only on same-site requests. */
    STRICT("Strict"),
    /** Sent on same-site requests and top-level cross-site navigations; the default. */
    LAX("Lax"),
    /** Sent on every request; browsers require {@code Secure} with it. */
    NONE("None");

    private final String attribute;

    SameSite(String attribute) {
        this.attribute = attribute;
    }

    /**
     * Returns the attribute value as written in {@code Set-Cookie}, such as {@code Lax}.
     *
     * @return the attribute value
     */
    public String attribute() {
        return attribute;
    }
}
