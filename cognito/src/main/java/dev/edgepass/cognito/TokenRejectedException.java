package dev.edgepass.cognito;

import java.util.Objects;

/**
 * Thrown by {@link CognitoTokenVerifier#verify(String)} when a token is not accepted, with a
 * machine-readable {@link #reason()}.
 *
 * <p>The message says what was found and what was expected; it quotes at most key ids,
 * algorithms, issuers, audiences and claim names, cut to 100 characters with control characters
 * escaped. It never contains the token, its signature or key material, so it is safe to log.
 *
 * <pre>{@code
 * try {
 *     CognitoToken token = verifier.verify(jwt);
 * } catch (TokenRejectedException e) {
 *     int status = e.reason() == TokenRejectedException.Reason.JWKS_UNAVAILABLE ? 503 : 401;
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenRejectedException extends RuntimeException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** Why a token was rejected. Callers may {@code switch} on it; new constants may be added. */
    public enum Reason {
        /** Not a compact JWS: wrong number of parts, bad base64url, not UTF-8, not a JSON object. */
        MALFORMED,
        /** Longer than the configured maximum token length; rejected before any parsing. */
        TOO_LARGE,
        /** The {@code alg} header is {@code none}, an HMAC algorithm, not allowed, or differs from the key's {@code alg}. */
        UNSUPPORTED_ALGORITHM,
        /** The header carries {@code crit} or an embedded key reference ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}). */
        UNSUPPORTED_HEADER,
        /** The {@code kid} is missing or not among the usable keys of the issuer's JWKS. */
        UNKNOWN_KEY,
        /** The signature does not verify with the key named by {@code kid}. */
        BAD_SIGNATURE,
        /** A registered claim has the wrong JSON type or a required claim ({@code sub}, {@code exp}) is missing. */
        INVALID_CLAIM,
        /** The current time is at or after {@code exp} plus the clock skew. */
        EXPIRED,
        /** The current time is before {@code nbf}, or before {@code iat}, minus the clock skew. */
        NOT_YET_VALID,
        /** {@code iss} is missing or is not one of the configured issuers. */
        WRONG_ISSUER,
        /** {@code aud} (ID token) or {@code client_id} (access token) is missing or not a configured client id. */
        WRONG_AUDIENCE,
        /** {@code token_use} is missing or is not the configured {@link TokenUse}. */
        WRONG_TOKEN_USE,
        /** {@code cognito:groups} holds none of the required groups. */
        MISSING_GROUP,
        /** {@code scope} holds none of the required scopes. */
        MISSING_SCOPE,
        /** A custom check added with {@code Builder.check(..)} returned false or threw. */
        CUSTOM_CHECK_FAILED,
        /** The key is not known and the JWKS could not be fetched (timeout, error status, bad content). */
        JWKS_UNAVAILABLE
    }

    /** Why the token was rejected. */
    private final Reason reason;

    /**
     * Creates an exception.
     *
     * @param reason  why the token was rejected
     * @param message what was found and what was expected, without token content
     */
    public TokenRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param reason  why the token was rejected
     * @param message what was found and what was expected, without token content
     * @param cause   the underlying failure, may be null
     */
    public TokenRejectedException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    /**
     * Returns why the token was rejected.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }
}
