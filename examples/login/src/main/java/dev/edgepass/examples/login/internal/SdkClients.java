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
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the SDK clients from the environment: region {@code AWS_REGION} (Lambda sets it),
 * credentials from the SDK's default chain (environment variables in an ordinary Lambda function,
 * the container credentials endpoint in a SnapStart function, a profile or instance role
 * elsewhere; never pinned at start-up, so credentials that expire are fetched again), the small
 * URL-connection HTTP client, a 5-second deadline per call, no kept-alive connections (see
 * {@link #CLOSE_CONNECTIONS}), and {@code EDGEPASS_AWS_ENDPOINT} as an endpoint override for local
 * stand-ins. Only {@link AwsKeySources} touches this class.
 */
final class SdkClients {

    /** The deadline of one SDK call, retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Asks for {@code Connection: close} on every request, so the JDK never keeps an SDK connection
     * alive. These clients call rarely: a key source once per refresh interval (minutes), the KMS
     * signer once per reuse window and policy, both far beyond the 5 seconds the JDK keeps an idle
     * connection, so keeping one saves nothing. But a connection kept when Lambda takes a SnapStart
     * snapshot (the key was loaded, or a signature made, moments before) is dead in every restored
     * instance, and its first call would go to it: a failed attempt, or a wait until the deadline
     * when the packets are silently dropped. Closing costs each call its own TCP and TLS handshake.
     */
    static final ExecutionInterceptor CLOSE_CONNECTIONS = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().putHeader("Connection", "close").build();
        }
    };

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
        // The default chain, not credentials pinned from env: a SnapStart function gets no
        // AWS_ACCESS_KEY_ID, only the container credentials endpoint, whose short-lived credentials
        // the chain fetches again when they expire (also after a restore).
        builder.region(Region.of(region.strip())).credentialsProvider(DefaultCredentialsProvider.builder().build());
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
        builder.overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT).addExecutionInterceptor(CLOSE_CONNECTIONS));
        return builder;
    }
}
