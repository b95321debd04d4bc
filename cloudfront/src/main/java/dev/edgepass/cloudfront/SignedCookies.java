package dev.edgepass.cloudfront;

import java.util.ArrayList;
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

    private final Policy policy;
    private final String[] names;
    private final String[] values;
    private final String attributes;

    SignedCookies(Policy policy, String[] names, String[] values, String attributes) {
        this.policy = policy;
        this.names = names;
        this.values = values;
        this.attributes = attributes;
    }

    /**
     * Returns the cookies as name → value, in the order CloudFront documents them.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>(8);
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
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
        List<String> headers = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            headers.add(names[i] + "=" + values[i] + attributes);
        }
        return Collections.unmodifiableList(headers);
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
