package dev.edgepass.cloudfront;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CloudFront cookies for one policy: {@code CloudFront-Expires} (canned) or
 * {@code CloudFront-Policy} (custom), {@code CloudFront-Signature}, {@code CloudFront-Key-Pair-Id},
 * and {@code CloudFront-Hash-Algorithm} when SHA-256 is used.
 *
 * <pre>{@code
 * SignedCookies cookies = factory.create(policy);
 * for (String header : cookies.setCookieHeaders()) {
 *     response.addHeader("Set-Cookie", header);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the cookies, never their values.
 */
public final class SignedCookies {

    /** Name of the canned-policy expiry cookie. */
    public static final String EXPIRES = "CloudFront-Expires";
    /** Name of the custom-policy cookie. */
    public static final String POLICY = "CloudFront-Policy";
    /** Name of the signature cookie. */
    public static final String SIGNATURE = "CloudFront-Signature";
    /** Name of the key id cookie. */
    public static final String KEY_PAIR_ID = "CloudFront-Key-Pair-Id";
    /** Name of the hash algorithm cookie, sent only for SHA-256. */
    public static final String HASH_ALGORITHM = "CloudFront-Hash-Algorithm";

    private final SignedCookieFactory factory;
    private final Policy policy;
    private final String[] names;
    private final byte[] signature;
    private final String keyPairIdHeader;
    // Rendered on first use, as most callers want the headers once and some never: each is
    // "name=value" and the factory's attributes. A benign race: the list is immutable.
    private List<String> headers;

    SignedCookies(SignedCookieFactory factory, Policy policy, String[] names, byte[] signature, String keyPairIdHeader) {
        this.factory = factory;
        this.policy = policy;
        this.names = names;
        this.signature = signature;
        this.keyPairIdHeader = keyPairIdHeader;
    }

    /**
     * Returns the cookies as name → value, in the order CloudFront documents them.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> asMap() {
        List<String> all = setCookieHeaders();
        int attributes = factory.attributesLength();
        Map<String, String> map = new LinkedHashMap<>(8);
        for (int i = 0; i < names.length; i++) {
            String header = all.get(i);
            map.put(names[i], header.substring(names[i].length() + 1, header.length() - attributes));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Returns one full {@code Set-Cookie} header value per cookie, with the factory's attributes,
     * such as {@code CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Path=/; Secure; HttpOnly; SameSite=Lax}.
     *
     * @return an unmodifiable list
     */
    public List<String> setCookieHeaders() {
        List<String> h = headers;
        if (h == null) {
            h = factory.render(policy, names, signature, keyPairIdHeader);
            headers = h;
        }
        return h;
    }

    /**
     * Returns the policy the cookies carry; with signature reuse, its expiry is the rounded one.
     *
     * @return the policy
     */
    public Policy policy() {
        return policy;
    }

    /** Returns the cookie names and the policy, never cookie values. */
    @Override
    public String toString() {
        return "SignedCookies" + List.of(names) + " for " + policy;
    }
}
