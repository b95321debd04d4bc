package dev.edgepass.cli.internal;

import dev.edgepass.aws.KmsSigner;
import dev.edgepass.aws.ParameterStoreKeySource;
import dev.edgepass.aws.SecretsManagerKeySource;
import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.core.SecretFormat;
import dev.edgepass.core.SigningKeySource;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK side of {@link SigningKeyOptions}: the Secrets Manager and SSM key sources and the
 * KMS signer of {@code edgepass-aws}, on SDK clients with the SDK's default Region and credentials
 * (environment, profile, container or instance role), {@code --region}, {@code --endpoint-url}, the
 * URL-connection HTTP client and a deadline per call.
 *
 * <p>Only {@link SigningKeyOptions} calls this class, and only when a command names an AWS source,
 * so {@code inspect}, {@code verify-*} and signing with a PEM never load an SDK class. Its methods
 * take and return edgepass types only, so that loading {@link SigningKeyOptions} loads none either.
 */
final class AwsKeys {

    /** The deadline of one SDK call, retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;

    private AwsKeys(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /**
     * Finds the Region and the credentials, so that a missing one is a clear error before any call.
     *
     * @param region   {@code --region}, or null for the SDK's default chain
     * @param endpoint {@code --endpoint-url}, or null
     * @throws UsageException if no Region or no credentials are found
     */
    static AwsKeys connect(String region, URI endpoint) {
        Region r;
        if (region != null) {
            if (region.isBlank() || !region.matches("[a-z0-9-]{1,64}")) {
                throw new UsageException("--region must be an AWS Region such as eu-west-2, was " + Text.quote(region));
            }
            r = Region.of(region);
        } else {
            try {
                r = DefaultAwsRegionProviderChain.builder().build().getRegion();
            } catch (SdkClientException e) {
                throw new UsageException("no AWS Region: give --region, or set AWS_REGION or the region of the profile", e);
            }
        }
        AwsCredentialsProvider provider = DefaultCredentialsProvider.builder().build();
        try {
            provider.resolveCredentials();
        } catch (SdkClientException e) {
            // The SDK's message lists every provider it tried, over many lines; --debug shows it.
            throw new UsageException("no AWS credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                    + " or run where a role provides them (--debug shows what the SDK tried)", e);
        }
        return new AwsKeys(r, endpoint, provider);
    }

    /** Returns the Region the calls go to, such as {@code eu-west-2}. */
    String region() {
        return region.id();
    }

    /** A Secrets Manager source; does no I/O until loaded. */
    SigningKeySource secretsManager(String secretId, SecretFormat format) {
        return SecretsManagerKeySource.builder().client(configure(SecretsManagerClient.builder()).build())
                .secretId(secretId).format(format).build();
    }

    /** An SSM Parameter Store source; does no I/O until loaded. */
    SigningKeySource parameterStore(String name, SecretFormat format) {
        return ParameterStoreKeySource.builder().client(configure(SsmClient.builder()).build())
                .name(name).format(format).build();
    }

    /**
     * A signer whose key stays in KMS; reads and checks the public key once ({@code GetPublicKey}).
     *
     * @throws dev.edgepass.core.KeySourceException if the key cannot be read or is not usable
     * @throws UsageException                       if the key id is malformed
     */
    CloudFrontSigner kmsSigner(String keyId, String keyPairId) {
        KmsSigner.Builder b = KmsSigner.builder().client(configure(KmsClient.builder()).build());
        try {
            b.keyId(keyId).keyPairId(keyPairId);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kms-key-id: " + e.getMessage(), e);
        }
        return b.build().signer();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
