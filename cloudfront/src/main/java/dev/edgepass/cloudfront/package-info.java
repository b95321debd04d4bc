/**
 * CloudFront signed cookies and signed URLs: {@link dev.edgepass.cloudfront.Policy} says what is
 * granted, {@link dev.edgepass.cloudfront.CloudFrontSigner} signs it with an RSA or ECDSA key,
 * {@link dev.edgepass.cloudfront.SignedCookieFactory} and
 * {@link dev.edgepass.cloudfront.SignedUrlFactory} turn the signature into cookies or a URL, and
 * {@link dev.edgepass.cloudfront.SignedRequestValidator} decides, as CloudFront does, whether a
 * request is allowed. Start with {@code SignedCookieFactory.builder()}.
 */
package dev.edgepass.cloudfront;
