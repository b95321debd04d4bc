/**
 * Test fixtures: {@link dev.edgepass.cli.testing.Cli} runs the built jar as a separate process,
 * {@link dev.edgepass.cli.testing.Keys} makes key pairs with openssl, {@link dev.edgepass.cli.testing.Har}
 * writes HAR files the way a browser exports them.
 */
package dev.edgepass.cli.testing;
