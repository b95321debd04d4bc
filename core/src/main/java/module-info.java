/**
 * edgepass core: key loading, signature provider choice and a bounded HTTP fetcher.
 *
 * <p>{@code dev.edgepass.core.internal} is shared with the other edgepass modules only.
 */
// The qualified export names modules built after this one; javac cannot see them yet.
@SuppressWarnings("module")
module dev.edgepass.core {
    requires transitive java.net.http;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires org.slf4j;

    exports dev.edgepass.core;
    exports dev.edgepass.core.internal to dev.edgepass.cloudfront, dev.edgepass.cognito, dev.edgepass.aws;
}
