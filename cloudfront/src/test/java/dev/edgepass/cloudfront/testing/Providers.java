package dev.edgepass.cloudfront.testing;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.SignedRequestValidator;
import dev.edgepass.core.SignatureProviders;
import java.util.stream.Stream;

/** The two signature providers every oracle test runs under: the JDK's and ACCP (a test dependency). */
public enum Providers {
    /** The JDK's default providers (SunRsaSign, SunEC). */
    JDK,
    /** Amazon Corretto Crypto Provider; the tests fail, never skip, when it is missing. */
    ACCP;

    /** Both providers, for {@code @MethodSource} and {@code @EnumSource}. */
    public static Stream<Providers> both() {
        return Stream.of(values());
    }

    /** Applies this provider to a signer builder. */
    public CloudFrontSigner.Builder apply(CloudFrontSigner.Builder b) {
        return this == JDK ? b.jdkProvider()
                : b.provider(SignatureProviders.accp().orElseThrow(() -> new AssertionError("ACCP is not healthy")));
    }

    /** Applies this provider to a validator builder. */
    public SignedRequestValidator.Builder apply(SignedRequestValidator.Builder b) {
        return this == JDK ? b.jdkProvider()
                : b.provider(SignatureProviders.accp().orElseThrow(() -> new AssertionError("ACCP is not healthy")));
    }
}
