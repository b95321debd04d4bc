/**
 * The {@code edgepass} command line: {@link dev.edgepass.cli.Edgepass} is the entry point. It makes
 * CloudFront key pairs, signs cookies and URLs, decodes them, verifies Cognito tokens, and
 * explains why CloudFront refused a request. The commands live in {@code dev.edgepass.cli.internal},
 * which is not an API: the command line is.
 */
package dev.edgepass.cli;
