package dev.edgepass.cloudfront;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.internal.PolicyParser;
import dev.edgepass.cloudfront.internal.PolicyParser.MalformedPolicyException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy statement read back from a {@code CloudFront-Policy} cookie or a {@code Policy} URL
 * parameter, without a key: what it grants, for inspecting cookies and explaining a refusal.
 *
 * <p>It reads what {@link SignedRequestValidator} accepts, with the same strict parser: one
 * statement, a {@code Condition} with {@code DateLessThan} and optionally {@code DateGreaterThan}
 * and {@code IpAddress}, any key order and JSON whitespace. Unlike {@link Policy}, which is what
 * edgepass writes, it keeps what it read: the resource as sent (absent in a signed URL's policy),
 * a start that may be on or after the expiry, and the JSON text itself. Reading a policy proves
 * nothing about who wrote it: only the validator checks the signature.
 *
 * <pre>{@code
 * PolicyStatement statement = PolicyStatement.decode(cookies.get(SignedCookies.POLICY));
 * boolean expired = !Instant.now().isBefore(statement.expiresAt());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicyStatement {

    /** The longest encoded policy read, in characters; the validator reads no more. */
    public static final int MAX_ENCODED_CHARS = SignedRequestValidator.MAX_VALUE_CHARS;

    private final String json;
    private final String resource;
    private final Instant expiresAt;
    private final Instant activeFrom;
    private final String sourceIp;

    private PolicyStatement(String json, PolicyParser.Statement statement) {
        this.json = json;
        this.resource = statement.resource();
        this.expiresAt = Instant.ofEpochSecond(statement.expiresAt());
        this.activeFrom = statement.activeFrom() < 0 ? null : Instant.ofEpochSecond(statement.activeFrom());
        this.sourceIp = statement.sourceIp() == null ? null : statement.sourceIp().toString();
    }

    /**
     * Reads a policy statement from its JSON text.
     *
     * @param json the statement, such as {@link Policy#toJson()}
     * @return the statement
     * @throws NullPointerException if {@code json} is null
     * @throws CloudFrontException  with {@code MALFORMED_POLICY} if it is not JSON, not exactly one
     *                              statement, has unknown keys, non-integer times or a bad CIDR; the
     *                              message says what is wrong and never holds the policy
     */
    public static PolicyStatement parse(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return new PolicyStatement(json, PolicyParser.parse(json));
        } catch (MalformedPolicyException e) {
            throw malformed(e.getMessage());
        }
    }

    /**
     * Reads a policy statement from the value of a {@code CloudFront-Policy} cookie or a
     * {@code Policy} URL parameter: CloudFront's URL-safe base64 ({@code -}, {@code _}, {@code ~}
     * for {@code +}, {@code =}, {@code /}) of UTF-8 JSON.
     *
     * @param encoded the cookie or parameter value
     * @return the statement
     * @throws NullPointerException if {@code encoded} is null
     * @throws CloudFrontException  with {@code MALFORMED_POLICY} if it is longer than
     *                              {@value #MAX_ENCODED_CHARS} characters, not CloudFront base64, not
     *                              UTF-8, or not a statement {@link #parse(String)} accepts
     */
    public static PolicyStatement decode(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length() > MAX_ENCODED_CHARS) {
            throw malformed("policy has " + encoded.length() + " characters, at most " + MAX_ENCODED_CHARS + " are read");
        }
        byte[] bytes = CloudFrontBase64.decode(encoded);
        if (bytes == null) {
            throw malformed("policy is not CloudFront base64 (A-Z a-z 0-9 with - _ ~ for + = /, padded to a multiple of 4)");
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("policy is not UTF-8");
        }
        return parse(json);
    }

    private static CloudFrontException malformed(String message) {
        return new CloudFrontException(CloudFrontException.Reason.MALFORMED_POLICY, message);
    }

    /**
     * Returns the statement's JSON text as it was read (whitespace and key order kept).
     *
     * @return the JSON text
     */
    public String json() {
        return json;
    }

    /**
     * Returns the {@code Resource}: a URL or a pattern with {@code *} and {@code ?}, as sent.
     *
     * @return the resource, or empty when the statement has none (allowed in signed URLs only)
     */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    /**
     * Returns {@code DateLessThan}: CloudFront allows requests strictly before it.
     *
     * @return the expiry
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Returns {@code DateGreaterThan}: CloudFront allows requests strictly after it.
     *
     * @return the start, or empty when the statement has none
     */
    public Optional<Instant> activeFrom() {
        return Optional.ofNullable(activeFrom);
    }

    /**
     * Returns {@code AWS:SourceIp} as CIDR with its prefix, such as {@code 192.0.2.0/24}.
     *
     * @return the range, or empty when any address is allowed
     */
    public Optional<String> sourceIp() {
        return Optional.ofNullable(sourceIp);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyStatement other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** Returns a summary naming the resource, the times and the range; a statement holds no secrets. */
    @Override
    public String toString() {
        return "PolicyStatement[resource=" + (resource == null ? "none" : quote(resource)) + ", expiresAt=" + expiresAt
                + (activeFrom == null ? "" : ", activeFrom=" + activeFrom)
                + (sourceIp == null ? "" : ", sourceIp=" + sourceIp) + "]";
    }
}
