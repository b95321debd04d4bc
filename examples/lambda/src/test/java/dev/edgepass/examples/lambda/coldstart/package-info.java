/**
 * Cold-start measurement of the Lambda login handler against the same flow written on the AWS SDK
 * for Java v2 {@code CloudFrontUtilities} and Nimbus JOSE+JWT. {@link
 * dev.edgepass.examples.lambda.coldstart.ColdStartBenchmark} is the driver; it starts one fresh JVM
 * per run of {@link dev.edgepass.examples.lambda.coldstart.EdgepassColdStart} or {@link
 * dev.edgepass.examples.lambda.coldstart.PeerColdStart}. Test scope only: none of it, and neither
 * the SDK nor Nimbus, reaches the deployment jar.
 */
package dev.edgepass.examples.lambda.coldstart;
