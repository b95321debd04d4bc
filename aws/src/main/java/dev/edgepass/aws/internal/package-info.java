/** Internals of edgepass-aws: how AWS SDK failures map to edgepass reasons. Not part of the API. */
package dev.edgepass.aws.internal;
