package dev.edgepass.examples.login.internal;

import dev.edgepass.aws.KmsSigner;
import dev.edgepass.aws.ParameterStoreKeySource;
import dev.edgepass.aws.SecretsManagerKeySource;
import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.core.SigningKeySource;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the SDK clients from the environment: region {@code AWS_REGION} (Lambda sets it),
 * credentials from {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} /
 * {@code AWS_SESSION_TOKEN} when present (as in Lambda) or else the SDK's default chain, the small
 * URL-connection HTTP client, a 5-second deadline per call, and {@code EDGEPASS_AWS_ENDPOINT} as an
 * endpoint override for local stand-ins. Only {@link AwsKeySources} touches this class.
 */
final class SdkClients {

    /** The deadline of one SDK call, retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private SdkClients() {}

    static SigningKeySource secretsManager(Map<String, String> env, String secretId) {
        return SecretsManagerKeySource.builder().client(configure(SecretsManagerClient.builder(), env).build())
                .secretId(secretId).build();
    }

    static SigningKeySource parameterStore(Map<String, String> env, String name) {
        return ParameterStoreKeySource.builder().client(configure(SsmClient.builder(), env).build()).name(name).build();
    }

    static CloudFrontSigner kmsSigner(Map<String, String> env, String keyId, String keyPairId, String keySpec) {
        KmsSigner.Builder b = KmsSigner.builder().client(configure(KmsClient.builder(), env).build())
                .keyId(keyId).keyPairId(keyPairId);
        if (keySpec != null) {
            KeySpec spec = KeySpec.fromValue(keySpec.toUpperCase(Locale.ROOT));
            if (spec == null || spec == KeySpec.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException("EDGEPASS_KMS_KEY_SPEC must be RSA_2048, RSA_3072, RSA_4096 or"
                        + " ECC_NIST_P256, was " + keySpec);
            }
            try {
                b.keySpec(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EDGEPASS_KMS_KEY_SPEC: " + e.getMessage(), e);
            }
        }
        return b.build().signer();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Map<String, String> env) {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("AWS_REGION must be set for an AWS SDK key source");
        }
        builder.region(Region.of(region.strip())).credentialsProvider(credentials(env));
        String endpoint = env.get("EDGEPASS_AWS_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                builder.endpointOverride(URI.create(endpoint.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EDGEPASS_AWS_ENDPOINT must be a URL", e);
            }
        }
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        builder.overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT));
        return builder;
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null || token.isBlank()
                ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token));
    }
}
