/**
 * Shared test fixtures for edgepass-core and the modules that use its key sources: JDK-generated
 * keys, the OpenSSL command line, and a stand-in for the AWS Parameters and Secrets Lambda Extension.
 */
package dev.edgepass.core.testing;
