/**
 * Test fixtures for edgepass-aws, shared with the examples and benchmarks through the test jar: an
 * in-process stand-in for the Secrets Manager, SSM and KMS JSON protocols, real SDK clients pointed
 * at it, and the two-oracle cookie check (validator and OpenSSL).
 */
package dev.edgepass.aws.testing;
