/**
 * edgepass cloudfront: CloudFront policies, signed cookies and URLs, and a validator that decides
 * as CloudFront does.
 *
 * <p>Exports only {@code dev.edgepass.cloudfront}; {@code dev.edgepass.cloudfront.internal} is not
 * part of the API.
 */
module dev.edgepass.cloudfront {
    requires transitive dev.edgepass.core;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.edgepass.cloudfront;
}
