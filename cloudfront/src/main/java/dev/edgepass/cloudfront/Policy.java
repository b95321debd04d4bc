package dev.edgepass.cloudfront;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.internal.IpRange;
import dev.edgepass.cloudfront.internal.ResourceForm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudFront access policy: which resource, until when, from when, and from which addresses.
 *
 * <p>A policy is <em>canned</em> when it has no start time, no IP range and no wildcard in its
 * resource; CloudFront then accepts the short {@code Expires} form. Otherwise it is <em>custom</em>
 * and travels as a base64 {@code Policy}. {@link #toJson()} is the exact statement CloudFront
 * hashes and verifies: no whitespace, the key order of the AWS documentation
 * ({@code DateLessThan}, {@code DateGreaterThan}, {@code IpAddress}), times in epoch seconds.
 *
 * <p>The builder refuses input CloudFront would reject or that would break the statement; the
 * module README lists every rule. Times are cut to whole seconds. The resource is kept in the form
 * it travels in on the wire: spaces, non-ASCII and {@code < > ` { }} are percent-encoded, existing
 * escapes are kept, so nothing is encoded twice.
 *
 * <pre>{@code
 * Policy policy = Policy.builder()
 *         .resource("https://d111111abcdef8.cloudfront.net/private/app/*")
 *         .expiresAt(Instant.now().plus(Duration.ofHours(1)))
 *         .sourceIp("192.0.2.0/24")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Equal policies produce equal statements.
 */
public final class Policy {

    // The statement's fixed parts, in the order CloudFront documents the keys.
    private static final byte[] OPEN = ascii("{\"Statement\":[{\"Resource\":\"");
    private static final byte[] EXPIRES = ascii("\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":");
    private static final byte[] ACTIVE_FROM = ascii("},\"DateGreaterThan\":{\"AWS:EpochTime\":");
    private static final byte[] SOURCE_IP = ascii("},\"IpAddress\":{\"AWS:SourceIp\":\"");
    private static final byte[] CLOSE = ascii("}}}]}");
    private static final byte[] CLOSE_AFTER_IP = ascii("\"}}}]}");
    // "00" to "99", for writing numbers two digits at a time.
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final String resource;
    private final boolean wildcard;
    private final Instant expiresAt;
    private final Instant activeFrom;
    private final String sourceIp;
    private final byte[] jsonBytes;
    // Both computed on first use, as most policies need neither (a canned one is never encoded, and
    // the statement's text is for callers). A benign race: String is immutable.
    private String json;
    private String encoded;

    private Policy(String resource, boolean wildcard, Instant expiresAt, Instant activeFrom, String sourceIp) {
        this.resource = resource;
        this.wildcard = wildcard;
        this.expiresAt = expiresAt;
        this.activeFrom = activeFrom;
        this.sourceIp = sourceIp;
        this.jsonBytes = statement(resource, expiresAt.getEpochSecond(),
                activeFrom == null ? -1 : activeFrom.getEpochSecond(), sourceIp);
    }

    /**
     * Writes the statement as ASCII straight into an array of its exact length: the resource and
     * the range are ASCII (the builder percent-encodes the one and formats the other), and the
     * times are not negative.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII, and one copy
    private static byte[] statement(String resource, long expires, long activeFrom, String sourceIp) {
        int length = OPEN.length + resource.length() + EXPIRES.length + digits(expires)
                + (activeFrom < 0 ? 0 : ACTIVE_FROM.length + digits(activeFrom))
                + (sourceIp == null ? CLOSE.length : SOURCE_IP.length + sourceIp.length() + CLOSE_AFTER_IP.length);
        byte[] out = new byte[length];
        int at = put(OPEN, out, 0);
        resource.getBytes(0, resource.length(), out, at);
        at = put(EXPIRES, out, at + resource.length());
        at = putDigits(expires, out, at);
        if (activeFrom >= 0) {
            at = putDigits(activeFrom, out, put(ACTIVE_FROM, out, at));
        }
        if (sourceIp != null) {
            at = put(SOURCE_IP, out, at);
            sourceIp.getBytes(0, sourceIp.length(), out, at);
            put(CLOSE_AFTER_IP, out, at + sourceIp.length());
        } else {
            put(CLOSE, out, at);
        }
        return out;
    }

    private static int put(byte[] part, byte[] out, int at) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private static int digits(long value) {
        // Four digits at a time: an expiry in epoch seconds has ten.
        int n = 1;
        long v = value;
        while (v >= 10_000) {
            v /= 10_000;
            n += 4;
        }
        return v >= 1000 ? n + 3 : v >= 100 ? n + 2 : v >= 10 ? n + 1 : n;
    }

    /** Writes {@code value} (not negative) in decimal at {@code at}, two digits per division. */
    private static int putDigits(long value, byte[] out, int at) {
        int end = at + digits(value);
        int i = end;
        long v = value;
        while (v >= 100) {
            int pair = (int) (v % 100) << 1;
            v /= 100;
            out[--i] = DIGIT_PAIRS[pair + 1];
            out[--i] = DIGIT_PAIRS[pair];
        }
        if (v >= 10) {
            out[--i] = DIGIT_PAIRS[((int) v << 1) + 1];
            out[--i] = DIGIT_PAIRS[(int) v << 1];
        } else {
            out[--i] = (byte) ('0' + v);
        }
        return end;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Starts a policy.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the resource in its wire form: the URL or pattern the statement names.
     *
     * @return the resource
     */
    public String resource() {
        return resource;
    }

    /**
     * Returns when access ends, in whole seconds; CloudFront allows a request only before it.
     *
     * @return the expiry
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Returns when access starts, in whole seconds; CloudFront allows a request only after it.
     *
     * @return the start, or empty for none
     */
    public Optional<Instant> activeFrom() {
        return Optional.ofNullable(activeFrom);
    }

    /**
     * Returns the client address range as CIDR, with the prefix always present.
     *
     * @return the range, or empty for any address
     */
    public Optional<String> sourceIp() {
        return Optional.ofNullable(sourceIp);
    }

    /**
     * Returns true when the resource contains a wildcard ({@code *}, or a {@code ?} outside the
     * query string of a plain URL).
     *
     * @return whether the resource is a pattern
     */
    public boolean hasWildcard() {
        return wildcard;
    }

    /**
     * Returns true when CloudFront accepts this policy in the short canned form: no start time, no
     * IP range and no wildcard.
     *
     * @return whether the policy is canned
     */
    public boolean isCanned() {
        return activeFrom == null && sourceIp == null && !wildcard;
    }

    /**
     * Returns the exact policy statement CloudFront hashes, for example
     * {@code {"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/a.jpg","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400}}}]}}.
     *
     * @return the statement, ASCII only
     */
    public String toJson() {
        String j = json;
        if (j == null) {
            j = new String(jsonBytes, StandardCharsets.ISO_8859_1);
            json = j;
        }
        return j;
    }

    /**
     * Returns a copy whose expiry is rounded up to the next multiple of {@code granularity}
     * since the epoch (unchanged if already on one).
     *
     * @param granularity the bucket width, at least one second
     * @return the rounded policy, or this policy when nothing changes
     * @throws NullPointerException     if {@code granularity} is null
     * @throws IllegalArgumentException if {@code granularity} is under one second
     */
    public Policy withExpiryRoundedUp(Duration granularity) {
        Objects.requireNonNull(granularity, "granularity");
        long step = granularity.getSeconds();
        if (step < 1) {
            throw new IllegalArgumentException("granularity must be at least one second, was " + granularity);
        }
        long seconds = expiresAt.getEpochSecond();
        long rounded = Math.floorDiv(seconds + step - 1, step) * step;
        if (rounded == seconds) {
            return this;
        }
        return new Policy(resource, wildcard, Instant.ofEpochSecond(rounded), activeFrom, sourceIp);
    }

    /** The statement bytes that are signed (ASCII). Not copied: callers in this package do not modify it. */
    byte[] statementBytes() {
        return jsonBytes;
    }

    /** The statement in CloudFront base64, the value of {@code CloudFront-Policy} and {@code Policy}. */
    String encodedStatement() {
        String e = encoded;
        if (e == null) {
            e = CloudFrontBase64.encode(jsonBytes);
            encoded = e;
        }
        return e;
    }

    /** The start in epoch seconds, or -1; avoids an Optional on the hot path. */
    long activeFromSeconds() {
        return activeFrom == null ? -1 : activeFrom.getEpochSecond();
    }

    /** The CIDR range or null; avoids an Optional on the hot path. */
    String sourceIpOrNull() {
        return sourceIp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy other && Arrays.equals(jsonBytes, other.jsonBytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(jsonBytes);
    }

    /**
     * Returns a summary naming the resource, the times and the range; a policy holds no secrets.
     */
    @Override
    public String toString() {
        return "Policy[" + (isCanned() ? "canned" : "custom") + ", resource=" + quote(resource)
                + ", expiresAt=" + expiresAt
                + (activeFrom == null ? "" : ", activeFrom=" + activeFrom)
                + (sourceIp == null ? "" : ", sourceIp=" + sourceIp) + "]";
    }

    /**
     * Builds a {@link Policy}. Each setter checks its own argument; {@link #build()} checks that
     * they fit together.
     *
     * <pre>{@code
     * Policy policy = Policy.builder().resource("https://example.com/a.jpg").expiresAt(expiry).build();
     * }</pre>
     *
     * <p>Not thread-safe; the built policy is.
     */
    public static final class Builder {

        private ResourceForm.Parsed resource;
        private Instant expiresAt;
        private Instant activeFrom;
        private String sourceIp;

        private Builder() {}

        /**
         * Sets the resource: an absolute {@code http://} or {@code https://} URL (its query string
         * included), or a pattern with {@code *} (any run of characters) or {@code ?} (one
         * character), such as {@code https://d111111abcdef8.cloudfront.net/private/*}.
         *
         * @param resource the URL or pattern; spaces and non-ASCII are percent-encoded once
         * @return this builder
         * @throws NullPointerException     if {@code resource} is null
         * @throws IllegalArgumentException if it is empty, longer than 8,192 characters, neither an
         *                                  http(s) URL nor a pattern, or contains a control character,
         *                                  {@code "}, {@code \} or {@code #}
         */
        public Builder resource(String resource) {
            Objects.requireNonNull(resource, "resource");
            this.resource = ResourceForm.parse(resource, "resource");
            return this;
        }

        /**
         * Sets when access ends (required). Cut to whole seconds.
         *
         * @param expiresAt the expiry
         * @return this builder
         * @throws NullPointerException     if {@code expiresAt} is null
         * @throws IllegalArgumentException if it is not after 1970-01-01T00:00:00Z
         */
        public Builder expiresAt(Instant expiresAt) {
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (expiresAt.getEpochSecond() <= 0) {
                throw new IllegalArgumentException("expiresAt must be after 1970-01-01T00:00:00Z, was " + expiresAt);
            }
            this.expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
            return this;
        }

        /**
         * Sets when access starts (optional; makes the policy custom). Cut to whole seconds.
         * CloudFront refuses requests on or before this second.
         *
         * @param activeFrom the start
         * @return this builder
         * @throws NullPointerException     if {@code activeFrom} is null
         * @throws IllegalArgumentException if it is before 1970-01-01T00:00:00Z
         */
        public Builder activeFrom(Instant activeFrom) {
            Objects.requireNonNull(activeFrom, "activeFrom");
            if (activeFrom.getEpochSecond() < 0) {
                throw new IllegalArgumentException("activeFrom must not be before 1970-01-01T00:00:00Z, was " + activeFrom);
            }
            this.activeFrom = Instant.ofEpochSecond(activeFrom.getEpochSecond());
            return this;
        }

        /**
         * Sets the client address range (optional; makes the policy custom): IPv4 or IPv6 CIDR such
         * as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address means {@code /32} or
         * {@code /128}.
         *
         * @param cidr the range
         * @return this builder
         * @throws NullPointerException     if {@code cidr} is null
         * @throws IllegalArgumentException if it is not a valid IPv4 or IPv6 address or CIDR range
         */
        public Builder sourceIp(String cidr) {
            Objects.requireNonNull(cidr, "cidr");
            IpRange range = IpRange.parse(cidr);
            if (range == null) {
                throw new IllegalArgumentException("sourceIp must be an IPv4 or IPv6 address or CIDR range such as"
                        + " 192.0.2.0/24 or 2001:db8::/32, was " + quote(cidr));
            }
            this.sourceIp = range.toString();
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalStateException if the resource or expiry is missing, or the start is not
         *                               before the expiry
         */
        public Policy build() {
            if (resource == null) {
                throw new IllegalStateException("resource is required");
            }
            if (expiresAt == null) {
                throw new IllegalStateException("expiresAt is required");
            }
            if (activeFrom != null && !activeFrom.isBefore(expiresAt)) {
                throw new IllegalStateException("activeFrom must be before expiresAt, was activeFrom=" + activeFrom
                        + " expiresAt=" + expiresAt);
            }
            return new Policy(resource.wire(), resource.wildcard(), expiresAt, activeFrom, sourceIp);
        }
    }
}
