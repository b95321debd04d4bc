/**
 * Shared plumbing for edgepass: {@link dev.edgepass.core.PemKeys} loads RSA and EC keys from PEM
 * or DER, {@link dev.edgepass.core.SignatureProviders} picks the signature provider (ACCP when
 * present, else the JDK), and {@link dev.edgepass.core.HttpFetcher} fetches small documents with a
 * deadline and a size cap.
 */
package dev.edgepass.core;
