/**
 * The commands of the {@code edgepass} command line and what they share: input reading with size
 * caps, HAR and {@code curl -v} parsing, the 403 diagnosis, key loading and output. Not an API.
 */
package dev.edgepass.cli.internal;
