package dev.edgepass.examples.login.internal;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.core.SigningKeySource;
import java.util.Map;

/**
 * The AWS SDK key sources of {@code LoginConfig.fromEnvironment}, kept behind this class so that
 * the SDK's classes are loaded only when an SDK source is configured: the Lambda start-up path with
 * a PEM or Lambda-extension key never touches them. A deployment without {@code edgepass-aws} and
 * the SDK on the class path gets a clear error instead of a {@link NoClassDefFoundError}.
 */
public final class AwsKeySources {

    private AwsKeySources() {}

    /** A Secrets Manager source on the SDK client configured from {@code env}. */
    public static SigningKeySource secretsManager(Map<String, String> env, String secretId) {
        try {
            return SdkClients.secretsManager(env, secretId);
        } catch (NoClassDefFoundError e) {
            throw missing("secrets-manager", e);
        }
    }

    /** A Parameter Store source on the SDK client configured from {@code env}. */
    public static SigningKeySource parameterStore(Map<String, String> env, String name) {
        try {
            return SdkClients.parameterStore(env, name);
        } catch (NoClassDefFoundError e) {
            throw missing("ssm", e);
        }
    }

    /** A KMS signer on the SDK client configured from {@code env}; reads the public key once. */
    public static CloudFrontSigner kmsSigner(Map<String, String> env, String keyId, String keyPairId, String keySpec) {
        try {
            return SdkClients.kmsSigner(env, keyId, keyPairId, keySpec);
        } catch (NoClassDefFoundError e) {
            throw missing("kms", e);
        }
    }

    private static IllegalStateException missing(String kind, NoClassDefFoundError e) {
        return new IllegalStateException("EDGEPASS_KEY_SOURCE=" + kind + " needs dev.edgepass:edgepass-aws and the AWS SDK"
                + " (with software.amazon.awssdk:url-connection-client) on the class path", e);
    }
}
