package dev.edgepass.cloudfront;

import static dev.edgepass.core.internal.Redaction.quote;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Mints CloudFront signed cookies, with their {@code Set-Cookie} attributes, for policies.
 *
 * <p>A canned policy gives {@code CloudFront-Expires}, a custom one {@code CloudFront-Policy};
 * both get {@code CloudFront-Signature} and {@code CloudFront-Key-Pair-Id}, and
 * {@code CloudFront-Hash-Algorithm=SHA256} when the signer uses SHA-256. Defaults are the safe
 * ones: {@code Path=/; Secure; HttpOnly; SameSite=Lax}, a host-only cookie (no {@code Domain}) and
 * no {@code Max-Age}, so the browser drops the cookies when it closes, as the CloudFront guide
 * recommends. A cookie whose {@code Set-Cookie} value would pass the 4096 bytes browsers keep per
 * cookie is refused with {@link CloudFrontException}.
 *
 * <p>With {@link Builder#reuseSignatures(Duration)}, expiries are rounded up to the granularity
 * and identical policies inside one bucket share one signature from a small bounded cache, so a
 * login burst costs one signature per bucket rather than per user.
 *
 * <p>With {@link Builder#signers(Supplier)} instead of a fixed signer, each {@link #create(Policy)}
 * asks the supplier for the current signer (see {@link RotatingSigner}) and uses it for both the
 * signature and the key pair id; reused signatures are keyed by signer, so a new key never gets a
 * signature made with the old one.
 *
 * <pre>{@code
 * SignedCookieFactory factory = SignedCookieFactory.builder()
 *         .signer(CloudFrontSigner.of("K2JCJMDEHXQW5F", key))
 *         .domain("d111111abcdef8.cloudfront.net")
 *         .build();
 * SignedCookies cookies = factory.create(Policy.builder()
 *         .resource("https://d111111abcdef8.cloudfront.net/private/*")
 *         .expiresAt(Instant.now().plus(Duration.ofHours(1)))
 *         .build());
 * List<String> headers = cookies.setCookieHeaders();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #create(Policy)} takes no lock of its own.
 */
public final class SignedCookieFactory {

    /** The most bytes a browser keeps per cookie: RFC 6265 section 6.1, name, value and attributes together. */
    public static final int MAX_COOKIE_BYTES = 4096;

    private static final String[] CANNED_SHA1 = {SignedCookies.EXPIRES, SignedCookies.SIGNATURE, SignedCookies.KEY_PAIR_ID};
    private static final String[] CUSTOM_SHA1 = {SignedCookies.POLICY, SignedCookies.SIGNATURE, SignedCookies.KEY_PAIR_ID};
    private static final String[] CANNED_SHA256 =
            {SignedCookies.EXPIRES, SignedCookies.SIGNATURE, SignedCookies.KEY_PAIR_ID, SignedCookies.HASH_ALGORITHM};
    private static final String[] CUSTOM_SHA256 =
            {SignedCookies.POLICY, SignedCookies.SIGNATURE, SignedCookies.KEY_PAIR_ID, SignedCookies.HASH_ALGORITHM};

    // Each thread's buffer for rendering a header; a subclass rather than withInitial and a
    // lambda, which a cold start would pay to spin.
    private static final ThreadLocal<byte[]> RENDER = new ThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[MAX_COOKIE_BYTES];
        }
    };
    private static final byte[] POLICY_PREFIX = (SignedCookies.POLICY + "=").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE_PREFIX = (SignedCookies.SIGNATURE + "=").getBytes(StandardCharsets.US_ASCII);

    private final CloudFrontSigner signer;
    private final Supplier<CloudFrontSigner> signers;
    private final String attributes;
    private final byte[] attributeBytes;
    private final String hashAlgorithmHeader;
    // The Key-Pair-Id header of the signer used last: a fixed signer's never changes, a rotating
    // one's changes with the key. Immutable, so a race only renders it once more.
    private volatile KeyPairIdHeader keyPairIdHeader;
    private final List<String> clearHeaders;
    private final Duration granularity;
    private final Cache<ReuseKey, SignedCookies> reuse;
    private final String domain;
    private final String path;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;
    private final Duration maxAge;

    private SignedCookieFactory(Builder b) {
        this.signer = b.signer;
        this.signers = b.signers;
        this.domain = b.domain;
        this.path = b.path;
        this.secure = b.secure;
        this.httpOnly = b.httpOnly;
        this.sameSite = b.sameSite;
        this.maxAge = b.maxAge;
        this.attributes = attributes(b.maxAge == null ? null : Long.toString(b.maxAge.getSeconds()), false);
        this.attributeBytes = attributes.getBytes(StandardCharsets.US_ASCII);
        this.hashAlgorithmHeader = SignedCookies.HASH_ALGORITHM + "=" + HashAlgorithm.SHA256.id() + attributes;
        String clear = attributes("0", true);
        List<String> headers = new ArrayList<>();
        for (String name : new String[] {SignedCookies.POLICY, SignedCookies.EXPIRES, SignedCookies.SIGNATURE,
                SignedCookies.KEY_PAIR_ID, SignedCookies.HASH_ALGORITHM}) {
            headers.add(name + "=" + clear);
        }
        this.clearHeaders = List.copyOf(headers);
        this.granularity = b.granularity;
        if (b.granularity == null) {
            this.reuse = null;
        } else {
            Clock clock = b.clock;
            this.reuse = Caffeine.newBuilder()
                    .maximumSize(b.reuseCacheSize)
                    .expireAfterWrite(b.granularity)
                    .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                    .executor(Runnable::run)
                    .build();
        }
    }

    private String attributes(String maxAgeSeconds, boolean clear) {
        StringBuilder sb = new StringBuilder(96);
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        sb.append("; Path=").append(path);
        if (maxAgeSeconds != null) {
            sb.append("; Max-Age=").append(maxAgeSeconds);
        }
        if (clear) {
            sb.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        sb.append("; SameSite=").append(sameSite.attribute());
        return sb.toString();
    }

    /**
     * Starts a factory.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs a policy and returns its cookies. With signature reuse on, the policy's expiry is
     * first rounded up to the granularity and a cached result for the same rounded policy is
     * returned when there is one.
     *
     * @param policy the policy; canned gives {@code CloudFront-Expires}, custom {@code CloudFront-Policy}
     * @return the cookies
     * @throws NullPointerException if {@code policy} is null
     * @throws CloudFrontException  with {@code POLICY_TOO_LARGE} or {@code COOKIE_TOO_LARGE} if a
     *                              cookie would not fit in a browser, or {@code SIGNING_FAILED}
     */
    public SignedCookies create(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        CloudFrontSigner s = signer != null ? signer : currentSigner();
        if (reuse == null) {
            return mint(policy, s);
        }
        long step = granularity.getSeconds();
        long rounded = Math.floorDiv(policy.expiresAt().getEpochSecond() + step - 1, step) * step;
        // The key is built from fields the policy already holds, so a cache hit allocates one small
        // record and never rebuilds the statement. The signer is part of it: a rotated key never
        // receives a signature made with the key before it.
        ReuseKey key = new ReuseKey(s, policy.resource(), rounded, policy.activeFromSeconds(), policy.sourceIpOrNull());
        return reuse.get(key, k -> mint(policy.withExpiryRoundedUp(granularity), s));
    }

    private CloudFrontSigner currentSigner() {
        return Objects.requireNonNull(signers.get(), "the signer supplier returned null");
    }

    /** Identifies a rounded policy and its signer: same resource, bucket, start and range mean the same statement. */
    private record ReuseKey(CloudFrontSigner signer, String resource, long expiresAt, long activeFrom, String sourceIp) {}

    /** A signer and its rendered {@code CloudFront-Key-Pair-Id} header. */
    private record KeyPairIdHeader(CloudFrontSigner signer, String header) {}

    /**
     * Signs the policy. The headers are rendered when asked for ({@link #render}): the policy and
     * the signature are base64-encoded straight into their headers, and the headers that depend
     * only on the factory and the signer are rendered once.
     */
    private SignedCookies mint(Policy policy, CloudFrontSigner signer) {
        boolean canned = policy.isCanned();
        if (!canned) {
            int alone = SignedCookies.POLICY.length() + 1 + CloudFrontBase64.encodedLength(policy.statementBytes().length);
            if (alone > MAX_COOKIE_BYTES) {
                throw new CloudFrontException(CloudFrontException.Reason.POLICY_TOO_LARGE,
                        "CloudFront-Policy cookie would be " + alone + " bytes before attributes, browsers keep at most "
                                + MAX_COOKIE_BYTES + " per cookie (RFC 6265 section 6.1); shorten the resource");
            }
            int total = alone + attributes.length();
            if (total > MAX_COOKIE_BYTES) {
                throw new CloudFrontException(CloudFrontException.Reason.COOKIE_TOO_LARGE,
                        "CloudFront-Policy Set-Cookie header would be " + total + " bytes, browsers keep at most "
                                + MAX_COOKIE_BYTES + " per cookie (RFC 6265 section 6.1)");
            }
        }
        byte[] signature = signer.signStatement(policy);
        int signatureCookie = SignedCookies.SIGNATURE.length() + 1 + CloudFrontBase64.encodedLength(signature.length)
                + attributes.length();
        if (signatureCookie > MAX_COOKIE_BYTES) {
            throw new CloudFrontException(CloudFrontException.Reason.COOKIE_TOO_LARGE,
                    "CloudFront-Signature Set-Cookie header would be " + signatureCookie + " bytes, browsers keep at most "
                            + MAX_COOKIE_BYTES + " per cookie (RFC 6265 section 6.1)");
        }
        boolean sha256 = signer.hashAlgorithm() == HashAlgorithm.SHA256;
        String[] names = canned ? (sha256 ? CANNED_SHA256 : CANNED_SHA1) : (sha256 ? CUSTOM_SHA256 : CUSTOM_SHA1);
        return new SignedCookies(this, policy, names, signature, keyPairIdHeader(signer));
    }

    /**
     * Renders the {@code Set-Cookie} headers of cookies this factory minted, in the order of
     * {@code names}: the policy (or expiry), the signature, the key pair id, and the hash
     * algorithm when {@code names} has four.
     */
    List<String> render(Policy policy, String[] names, byte[] signature, String keyPairIdHeader) {
        String first = policy.isCanned()
                ? SignedCookies.EXPIRES + "=" + policy.expiresAt().getEpochSecond() + attributes
                : encodedHeader(POLICY_PREFIX, policy.statementBytes());
        String signed = encodedHeader(SIGNATURE_PREFIX, signature);
        return names.length == 4 ? List.of(first, signed, keyPairIdHeader, hashAlgorithmHeader)
                : List.of(first, signed, keyPairIdHeader);
    }

    /** The length of the attributes that end every header, after the cookie's value. */
    int attributesLength() {
        return attributes.length();
    }

    /**
     * Renders {@code prefix}, {@code bytes} in CloudFront base64 and the attributes as one header,
     * in the calling thread's buffer, so that the header's own bytes are the one allocation. Only
     * headers already checked to fit in {@link #MAX_COOKIE_BYTES} come here.
     */
    private String encodedHeader(byte[] prefix, byte[] bytes) {
        byte[] out = RENDER.get();
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = CloudFrontBase64.encode(bytes, out, prefix.length);
        System.arraycopy(attributeBytes, 0, out, at, attributeBytes.length);
        return new String(out, 0, at + attributeBytes.length, StandardCharsets.ISO_8859_1);
    }

    private String keyPairIdHeader(CloudFrontSigner signer) {
        KeyPairIdHeader last = keyPairIdHeader;
        if (last != null && last.signer() == signer) {
            return last.header();
        }
        String header = SignedCookies.KEY_PAIR_ID + "=" + signer.keyPairId() + attributes;
        keyPairIdHeader = new KeyPairIdHeader(signer, header);
        return header;
    }

    /**
     * Returns {@code Set-Cookie} headers that delete every CloudFront cookie this factory can set
     * ({@code Max-Age=0}, an {@code Expires} in 1970, same {@code Domain} and {@code Path}), for
     * sign-out.
     *
     * @return an unmodifiable list of five headers
     */
    public List<String> clearCookieHeaders() {
        return clearHeaders;
    }

    /**
     * Returns the signer, or the supplier's current one when the factory follows a rotating key.
     *
     * @return the signer
     */
    public CloudFrontSigner signer() {
        return signer != null ? signer : currentSigner();
    }

    /** Returns the configuration; never key material. */
    @Override
    public String toString() {
        return "SignedCookieFactory[" + (signer != null ? signer : "signers=" + signers) + ", domain=" + (domain == null ? "(host-only)" : domain) + ", path=" + path
                + ", secure=" + secure + ", httpOnly=" + httpOnly + ", sameSite=" + sameSite.attribute()
                + (maxAge == null ? "" : ", maxAge=" + maxAge)
                + (granularity == null ? "" : ", reuseSignatures=" + granularity) + "]";
    }

    /**
     * Builds a {@link SignedCookieFactory}. Defaults: no {@code Domain} (host-only), {@code Path=/},
     * {@code Secure}, {@code HttpOnly}, {@code SameSite=Lax}, no {@code Max-Age}, no signature
     * reuse, the system UTC clock.
     *
     * <pre>{@code
     * SignedCookieFactory factory = SignedCookieFactory.builder()
     *         .signer(signer)
     *         .path("/private/")
     *         .maxAge(Duration.ofHours(1))
     *         .reuseSignatures(Duration.ofMinutes(1))
     *         .build();
     * }</pre>
     *
     * <p>Not thread-safe; the built factory is.
     */
    public static final class Builder {

        private CloudFrontSigner signer;
        private Supplier<CloudFrontSigner> signers;
        private String domain;
        private String path = "/";
        private boolean secure = true;
        private boolean httpOnly = true;
        private SameSite sameSite = SameSite.LAX;
        private Duration maxAge;
        private Duration granularity;
        private int reuseCacheSize = 256;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Sets the signer (required).
         *
         * @param signer the signer
         * @return this builder
         * @throws NullPointerException if {@code signer} is null
         */
        public Builder signer(CloudFrontSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /**
         * Follows a rotating key: each {@link SignedCookieFactory#create(Policy)} signs with the
         * signer {@code signers} returns at that moment, such as a {@link RotatingSigner}. The
         * supplier must return the same instance until the key changes, or signature reuse never
         * hits. Excludes {@link #signer(CloudFrontSigner)}.
         *
         * @param signers yields the current signer
         * @return this builder
         * @throws NullPointerException if {@code signers} is null
         */
        public Builder signers(Supplier<CloudFrontSigner> signers) {
            this.signers = Objects.requireNonNull(signers, "signers");
            return this;
        }

        /**
         * Sets the {@code Domain} attribute (default: none, a host-only cookie).
         *
         * @param domain a host name such as {@code d111111abcdef8.cloudfront.net} or {@code example.com}
         * @return this builder
         * @throws NullPointerException     if {@code domain} is null
         * @throws IllegalArgumentException if it is empty, over 253 characters, or has a character
         *                                  other than letters, digits, {@code -} and {@code .}
         */
        public Builder domain(String domain) {
            Objects.requireNonNull(domain, "domain");
            boolean ok = !domain.isEmpty() && domain.length() <= 253;
            for (int i = 0; ok && i < domain.length(); i++) {
                char c = domain.charAt(i);
                ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            }
            if (!ok) {
                throw new IllegalArgumentException("domain must be a host name of letters, digits, '-' and '.', was "
                        + quote(domain));
            }
            this.domain = domain;
            return this;
        }

        /**
         * Sets the {@code Path} attribute (default {@code /}).
         *
         * @param path starts with {@code /}; printable ASCII without {@code ;}, at most 1024 characters
         * @return this builder
         * @throws NullPointerException     if {@code path} is null
         * @throws IllegalArgumentException if it breaks those rules
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            boolean ok = path.startsWith("/") && path.length() <= 1024;
            for (int i = 0; ok && i < path.length(); i++) {
                char c = path.charAt(i);
                ok = c > 0x20 && c < 0x7f && c != ';';
            }
            if (!ok) {
                throw new IllegalArgumentException("path must start with '/' and hold printable ASCII without ';' or"
                        + " spaces, was " + quote(path));
            }
            this.path = path;
            return this;
        }

        /**
         * Sets whether cookies carry {@code Secure} (default true).
         *
         * @param secure false only for plain-http local testing
         * @return this builder
         */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /**
         * Sets whether cookies carry {@code HttpOnly} (default true).
         *
         * @param httpOnly false lets page scripts read the cookies
         * @return this builder
         */
        public Builder httpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
            return this;
        }

        /**
         * Sets the {@code SameSite} attribute (default {@link SameSite#LAX}).
         *
         * @param sameSite the value
         * @return this builder
         * @throws NullPointerException if {@code sameSite} is null
         */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
            return this;
        }

        /**
         * Sets {@code Max-Age} (default: none, the cookies end with the browser session).
         *
         * @param maxAge at least one second; cut to whole seconds
         * @return this builder
         * @throws NullPointerException     if {@code maxAge} is null
         * @throws IllegalArgumentException if it is under one second
         */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.getSeconds() < 1) {
                throw new IllegalArgumentException("maxAge must be at least one second, was " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * Turns on signature reuse: each policy's expiry is rounded up to the next multiple of
         * {@code granularity} since the epoch, and identical rounded policies share one signature
         * (and one {@link SignedCookies}) from a bounded cache. Cookies then live up to one
         * granularity longer than asked, and every user in a bucket gets the same cookies.
         *
         * @param granularity the bucket width, one second to one day
         * @return this builder
         * @throws NullPointerException     if {@code granularity} is null
         * @throws IllegalArgumentException if it is outside one second to one day
         */
        public Builder reuseSignatures(Duration granularity) {
            Objects.requireNonNull(granularity, "granularity");
            if (granularity.getSeconds() < 1 || granularity.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("granularity must be between one second and one day, was " + granularity);
            }
            this.granularity = Duration.ofSeconds(granularity.getSeconds());
            return this;
        }

        /**
         * Sets how many distinct policies the reuse cache holds (default 256).
         *
         * @param size 1 to 65536
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is outside that range
         */
        public Builder reuseCacheSize(int size) {
            if (size < 1 || size > 65_536) {
                throw new IllegalArgumentException("reuseCacheSize must be between 1 and 65536, was " + size);
            }
            this.reuseCacheSize = size;
            return this;
        }

        /**
         * Sets the clock that ages the reuse cache (default the system UTC clock).
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the factory.
         *
         * @return the factory
         * @throws IllegalStateException if neither or both of a signer and a signer supplier are
         *                               set, or {@code SameSite=None} is combined with
         *                               {@code secure(false)} (browsers reject that)
         */
        public SignedCookieFactory build() {
            if (signer == null && signers == null) {
                throw new IllegalStateException("signer is required");
            }
            if (signer != null && signers != null) {
                throw new IllegalStateException("set either signer or signers, not both");
            }
            if (sameSite == SameSite.NONE && !secure) {
                throw new IllegalStateException("sameSite NONE requires secure(true); browsers drop SameSite=None"
                        + " cookies without Secure");
            }
            return new SignedCookieFactory(this);
        }
    }
}
