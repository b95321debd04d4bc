package dev.edgepass.cloudfront;

import java.util.Objects;

/**
 * The outcome of checking a request's CloudFront cookies or signed-URL parameters: allowed, or
 * denied with a {@link Reason}, plus a short explanation for logs.
 *
 * <p>The detail says what was found and what was expected (times, key ids, hash names, sizes); it
 * never holds a signature, key, policy body or cookie value.
 *
 * <pre>{@code
 * Decision decision = validator.checkCookies(requestUrl, cookies, clientIp);
 * if (!decision.allowed()) {
 *     log.debug("denied: {} ({})", decision.reason(), decision.detail());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param reason why the request is allowed or denied
 * @param detail a human-readable explanation, free of secrets
 */
public record Decision(Reason reason, String detail) {

    /** Why a request was allowed or denied, in the order the validator checks. */
    public enum Reason {
        /** Every check passed. */
        ALLOWED,
        /** The request has no CloudFront cookies, or lacks one it needs (signature, key id, or expiry/policy). */
        MISSING_COOKIES,
        /** The URL carries some signed-URL parameters but lacks one it needs. */
        MISSING_PARAMETERS,
        /** Both {@code Expires} and {@code Policy} were sent, or a signed-URL parameter repeats. */
        CONFLICTING_PARAMETERS,
        /** A cookie or parameter value is longer than the validator reads (see {@link SignedRequestValidator#MAX_VALUE_CHARS}). */
        TOO_LARGE,
        /** The request URL or client IP is not something a request can carry. */
        MALFORMED_REQUEST,
        /** The hash algorithm is neither {@code SHA1} nor {@code SHA256}. */
        UNSUPPORTED_HASH_ALGORITHM,
        /** The key id is not one the validator trusts. */
        UNKNOWN_KEY,
        /** The trusted key for this id is an RSA key under 2048 bits or an EC key off P-256. */
        WEAK_KEY,
        /** The policy is not CloudFront base64, not JSON, not one statement, or has unknown fields. */
        MALFORMED_POLICY,
        /** The signature is not CloudFront base64 or does not verify. */
        BAD_SIGNATURE,
        /** The current time is at or after {@code DateLessThan}. */
        EXPIRED,
        /** The current time is at or before {@code DateGreaterThan}. */
        NOT_YET_VALID,
        /** The client IP is missing, malformed, or outside {@code AWS:SourceIp}. */
        IP_NOT_ALLOWED,
        /** The request URL does not match the policy's {@code Resource}. */
        RESOURCE_MISMATCH
    }

    /**
     * Creates a decision.
     *
     * @param reason why the request is allowed or denied
     * @param detail a human-readable explanation, free of secrets
     * @throws NullPointerException if an argument is null
     */
    public Decision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Returns true when the request may proceed.
     *
     * @return whether the reason is {@link Reason#ALLOWED}
     */
    public boolean allowed() {
        return reason == Reason.ALLOWED;
    }

    static Decision deny(Reason reason, String detail) {
        return new Decision(reason, detail);
    }
}
