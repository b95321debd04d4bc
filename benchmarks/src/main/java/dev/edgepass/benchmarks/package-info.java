/**
 * JMH benchmarks for edgepass, each measuring an edgepass entry point side by side with the raw
 * JCA operation it wraps and with its peers: {@link dev.edgepass.benchmarks.CookieSigningBenchmark}
 * (CloudFront signed cookies) and {@link dev.edgepass.benchmarks.TokenVerifyBenchmark} (Cognito
 * token verification). Not published; see {@code benchmarks/README.md} and
 * {@code docs/performance.md}.
 */
package dev.edgepass.benchmarks;
