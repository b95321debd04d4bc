/**
 * Internals of edgepass-cognito: the strict JWT and JSON parsing, the JWKS cache and the
 * per-thread signature verification behind {@link dev.edgepass.cognito.CognitoTokenVerifier}.
 * Not a public API; anything here may change without notice. The entry point is
 * {@link dev.edgepass.cognito.internal.JwksCache}.
 */
package dev.edgepass.cognito.internal;
