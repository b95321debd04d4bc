/**
 * Verifies Amazon Cognito ID and access tokens: signature against the user pool's JWKS, issuer,
 * app client, token use, validity period, groups and scopes.
 *
 * <p>The entry point is {@link dev.edgepass.cognito.CognitoTokenVerifier}; a verified token is a
 * {@link dev.edgepass.cognito.CognitoToken}, a rejected one a
 * {@link dev.edgepass.cognito.TokenRejectedException} with a
 * {@link dev.edgepass.cognito.TokenRejectedException.Reason}.
 *
 * <pre>{@code
 * CognitoTokenVerifier verifier = CognitoTokenVerifier.builder()
 *         .userPoolId("eu-west-2_abc123").clientId("app-client-id").tokenUse(TokenUse.ID).build();
 * CognitoToken token = verifier.verify(jwt);
 * }</pre>
 */
package dev.edgepass.cognito;
