package dev.edgepass.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.RotatingSigner;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.core.RefreshingKeySource;
import dev.edgepass.core.testing.Keys;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The README's two examples, as written there but for the stand-in endpoint, region and credentials. */
class ReadmeSnippetsTest {

    @Test
    void secretsManagerExample_mintsCookiesWithTheSecretsKeyId() {
        KeyPair pair = Keys.rsa(2048);
        try (AwsStandIn aws = new AwsStandIn().secret("prod/cloudfront-signing-key", Keys.jsonSecret("K2JCJMDEHXQW5F", pair))) {
            URI endpoint = aws.endpoint();
            // README
            SecretsManagerClient client = SecretsManagerClient.builder()
                    .endpointOverride(endpoint).region(Region.EU_WEST_2).credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(5)))
                    .build();
            RefreshingKeySource keys = RefreshingKeySource.builder(SecretsManagerKeySource.builder()
                            .client(client)
                            .secretId("prod/cloudfront-signing-key")
                            .build())
                    .refreshAfter(Duration.ofMinutes(5))
                    .build();
            keys.refresh();
            SignedCookieFactory cookies = SignedCookieFactory.builder()
                    .signers(RotatingSigner.of(keys, HashAlgorithm.SHA256))
                    .build();
            // end README

            assertEquals("K2JCJMDEHXQW5F", cookies.create(policy()).asMap().get("CloudFront-Key-Pair-Id"));
            client.close();
        }
    }

    @Test
    void kmsExample_mintsCookiesThroughKms() {
        KeyPair pair = Keys.rsa(2048);
        String keyId = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        try (AwsStandIn aws = new AwsStandIn().kmsKey(keyId, pair, "RSA_2048")) {
            URI endpoint = aws.endpoint();
            // README
            KmsSigner kms = KmsSigner.builder()
                    .client(KmsClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_2)
                            .credentialsProvider(AnonymousCredentialsProvider.create())
                            .httpClient(UrlConnectionHttpClient.create()).build())
                    .keyId(keyId)
                    .keyPairId("K2JCJMDEHXQW5F")
                    .keySpec(KeySpec.RSA_2048)
                    .build();
            SignedCookieFactory cookies = SignedCookieFactory.builder()
                    .signer(kms.signer())
                    .reuseSignatures(Duration.ofMinutes(1))
                    .build();
            // end README

            assertEquals("SHA256", cookies.create(policy()).asMap().get("CloudFront-Hash-Algorithm"));
            assertEquals(pair.getPublic(), kms.publicKey());
        }
    }

    static Policy policy() {
        return Policy.builder().resource("https://d111111abcdef8.cloudfront.net/private/app/*")
                .expiresAt(Instant.now().plus(Duration.ofHours(1))).build();
    }
}
