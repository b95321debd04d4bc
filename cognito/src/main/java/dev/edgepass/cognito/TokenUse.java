package dev.edgepass.cognito;

/**
 * The kind of Cognito token a verifier accepts, read from the token's {@code token_use} claim.
 *
 * <pre>{@code
 * CognitoTokenVerifier verifier = CognitoTokenVerifier.builder()
 *         .userPoolId("eu-west-2_abc123").clientId("app-client-id").tokenUse(TokenUse.ID).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum TokenUse {
    /** An ID token: {@code token_use} is {@code id} and the app client id is in {@code aud}. */
    ID("id"),
    /** An access token: {@code token_use} is {@code access} and the app client id is in {@code client_id}. */
    ACCESS("access"),
    /** Either an ID or an access token; only valid as a verifier setting, never on a verified token. */
    ANY("*");

    private final String claimValue;

    TokenUse(String claimValue) {
        this.claimValue = claimValue;
    }

    /**
     * Returns the value of the {@code token_use} claim for this kind of token: {@code id},
     * {@code access}, or {@code *} for {@link #ANY}.
     *
     * @return the claim value
     */
    public String claimValue() {
        return claimValue;
    }
}
