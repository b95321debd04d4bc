package dev.edgepass.cognito;

import dev.edgepass.cognito.internal.Payload;
import dev.edgepass.core.internal.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A verified Cognito ID or access token: the claims a login endpoint needs, typed, plus every
 * claim as parsed.
 *
 * <p>Instances come only from {@link CognitoTokenVerifier#verify(String)}, so holding one means
 * the signature, issuer, audience, token use and validity period were checked.
 * {@link #toString()} names the subject, token use and expiry but no other claim values.
 *
 * <pre>{@code
 * CognitoToken token = verifier.verify(jwt);
 * if (token.groups().contains("admins")) {
 *     grantAdmin(token.subject());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CognitoToken {

    private final String subject;
    private final String username;
    private final List<String> groups;
    private final Set<String> scopes;
    private final String clientId;
    private final TokenUse tokenUse;
    private final String issuer;
    private final Instant authTime;
    private final Instant expiresAt;
    private final Instant issuedAt;
    // The verified token itself: the full claims map is built from it only when asked for, as
    // most callers need no more than the typed claims above.
    private final String jwt;
    private volatile Map<String, Object> claims;

    CognitoToken(String subject, String username, List<String> groups, Set<String> scopes, String clientId,
            TokenUse tokenUse, String issuer, Instant authTime, Instant expiresAt, Instant issuedAt, String jwt) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.username = username;
        this.groups = Objects.requireNonNull(groups, "groups");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.tokenUse = Objects.requireNonNull(tokenUse, "tokenUse");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.authTime = authTime;
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.issuedAt = issuedAt;
        this.jwt = Objects.requireNonNull(jwt, "jwt");
    }

    /**
     * Returns the {@code sub} claim: the user's stable, unique id in the user pool.
     *
     * @return the subject, never null
     */
    public String subject() {
        return subject;
    }

    /**
     * Returns the user name: {@code cognito:username} in an ID token, {@code username} in an
     * access token.
     *
     * @return the user name, or empty when the token has none
     */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /**
     * Returns the {@code cognito:groups} claim, in token order.
     *
     * @return an unmodifiable list, empty when the user is in no group
     */
    public List<String> groups() {
        return groups;
    }

    /**
     * Returns the space-separated {@code scope} claim of an access token as a set.
     *
     * @return an unmodifiable set, empty for ID tokens and access tokens without scopes
     */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * Returns the app client id the token was issued to: {@code aud} of an ID token,
     * {@code client_id} of an access token.
     *
     * @return the client id, never null
     */
    public String clientId() {
        return clientId;
    }

    /**
     * Returns the kind of token, from {@code token_use}.
     *
     * @return {@link TokenUse#ID} or {@link TokenUse#ACCESS}, never {@link TokenUse#ANY}
     */
    public TokenUse tokenUse() {
        return tokenUse;
    }

    /**
     * Returns the {@code iss} claim, one of the verifier's configured issuers.
     *
     * @return the issuer, never null
     */
    public String issuer() {
        return issuer;
    }

    /**
     * Returns the {@code auth_time} claim: when the user authenticated.
     *
     * @return the authentication time, or empty when the token has none
     */
    public Optional<Instant> authTime() {
        return Optional.ofNullable(authTime);
    }

    /**
     * Returns the {@code exp} claim: the token is valid strictly before this instant (plus the
     * verifier's clock skew).
     *
     * @return the expiry, never null
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Returns the {@code iat} claim: when Cognito issued the token.
     *
     * @return the issue time, or empty when the token has none
     */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /**
     * Returns every claim of the payload as parsed: JSON strings as {@link String}, integers as
     * {@link Long} (or {@link java.math.BigInteger} when too large), other numbers as
     * {@link Double}, booleans as {@link Boolean}, arrays as unmodifiable {@link List}s, objects
     * as unmodifiable {@link Map}s and JSON null as {@code null}. Built on the first call, from
     * the payload the verifier already checked.
     *
     * @return an unmodifiable map in token order
     */
    public Map<String, Object> claims() {
        Map<String, Object> result = claims;
        if (result == null) {
            result = Payload.claims(jwt);
            claims = result;
        }
        return result;
    }

    /**
     * Returns one claim as parsed, see {@link #claims()}.
     *
     * @param name the claim name
     * @return the value, or empty when the claim is absent or JSON null
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims().get(Objects.requireNonNull(name, "name")));
    }

    /** Returns a summary naming the subject, token use, client id and expiry; no other claim values. */
    @Override
    public String toString() {
        return "CognitoToken[subject=" + Redaction.quote(subject) + ", tokenUse=" + tokenUse + ", clientId=" + Redaction.quote(clientId)
                + ", expiresAt=" + expiresAt + ", claims=" + claims().keySet() + "]";
    }
}
