/** Internals of edgepass-core shared with the other edgepass modules; not a public API. */
package dev.edgepass.core.internal;
