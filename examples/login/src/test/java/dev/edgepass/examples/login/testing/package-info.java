/**
 * Shared test fixtures of the examples: a WireMock Cognito stand-in (JWKS, hosted-UI authorize
 * step, token endpoint that checks PKCE), Cognito-shaped token minting with jose4j, CloudFront key
 * pairs, and a fixed clock. Published in the module's test jar for the servlet and Lambda tests.
 */
package dev.edgepass.examples.login.testing;
