/**
 * A runnable, local version of the article's flow around edgepass: start it with
 * {@link dev.edgepass.examples.demo.Demo#start(DemoOptions)} (or {@code ./demo.sh}, which runs
 * {@link dev.edgepass.examples.demo.Main}).
 *
 * <p>Stand-ins for Cognito (hosted UI, token endpoint, JWKS), the article's two S3 buckets, a
 * Lambda function URL or Lambda@Edge, and CloudFront with its three behaviours, all on the
 * loopback interface. The login logic itself is edgepass's {@code LoginHandler}, unchanged.
 */
package dev.edgepass.examples.demo;
