package dev.edgepass.aws.testing;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Real AWS SDK v2 clients pointed at an {@link AwsStandIn}: fixed region, static dummy credentials,
 * the URL-connection HTTP client, no retries (so each failure is one request), and a short
 * {@code apiCallTimeout} so a hanging answer is a timeout.
 */
public final class Clients {

    /** The per-call deadline of the test clients. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(1);

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private Clients() {}

    private static ClientOverrideConfiguration config() {
        return config(CALL_TIMEOUT);
    }

    private static ClientOverrideConfiguration config(Duration callTimeout) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(callTimeout)
                .build();
    }

    /** A Secrets Manager client for the stand-in. */
    public static SecretsManagerClient secretsManager(AwsStandIn standIn) {
        return SecretsManagerClient.builder().endpointOverride(standIn.endpoint()).region(Region.of(AwsStandIn.REGION))
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config()).build();
    }

    /** An SSM client for the stand-in. */
    public static SsmClient ssm(AwsStandIn standIn) {
        return SsmClient.builder().endpointOverride(standIn.endpoint()).region(Region.of(AwsStandIn.REGION))
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config()).build();
    }

    /** A KMS client for the stand-in. */
    public static KmsClient kms(AwsStandIn standIn) {
        return kms(standIn, CALL_TIMEOUT);
    }

    /** A KMS client for the stand-in with another per-call deadline (benchmarks on a loaded machine). */
    public static KmsClient kms(AwsStandIn standIn, Duration callTimeout) {
        return KmsClient.builder().endpointOverride(standIn.endpoint()).region(Region.of(AwsStandIn.REGION))
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config(callTimeout)).build();
    }
}
