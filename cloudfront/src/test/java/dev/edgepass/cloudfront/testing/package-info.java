/** Shared test fixtures for edgepass-cloudfront: OpenSSL-generated keys and the OpenSSL command line. */
package dev.edgepass.cloudfront.testing;
