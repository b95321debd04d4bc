/**
 * Internals of edgepass-cloudfront: CloudFront's URL-safe base64, the wire form of resources,
 * CIDR ranges, the strict policy parser and wildcard matching. Not a public API; it may change in
 * any release. The entry points live in {@link dev.edgepass.cloudfront}.
 */
package dev.edgepass.cloudfront.internal;
