/**
 * Framework-free login endpoint for the Cognito + CloudFront signed-cookie flow.
 *
 * <p>The entry point is {@link dev.edgepass.examples.login.LoginHandler}: build a
 * {@link dev.edgepass.examples.login.LoginConfig}, create the handler once, and feed it
 * {@link dev.edgepass.examples.login.LoginRequest}s from any HTTP front end (servlet container,
 * Lambda function URL, CloudFront event). It answers {@link dev.edgepass.examples.login.LoginResponse}s:
 * a 302 with CloudFront signed cookies after a verified Cognito ID token, the authorization-code +
 * PKCE redirects to the Cognito hosted UI, sign-out, and a clear 4xx for every failure.
 */
package dev.edgepass.examples.login;
