package dev.edgepass.aws;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.aws.testing.Clients;
import dev.edgepass.aws.testing.CookieOracle;
import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.core.LambdaExtensionKeySource;
import dev.edgepass.core.SecretFormat;
import dev.edgepass.core.SigningKey;
import dev.edgepass.core.SigningKeySource;
import dev.edgepass.core.SigningKeySources;
import dev.edgepass.core.testing.Keys;
import dev.edgepass.core.testing.LambdaExtensionStandIn;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Cookies signed through every key source, and through KMS, pass the validator and OpenSSL. */
class EachSourceTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final KeyPair RSA = Keys.rsa(2048);
    static final KeyPair EC = Keys.ec();

    @TempDir
    static Path dir;
    static AwsStandIn aws;
    static LambdaExtensionStandIn extension;
    static SecretsManagerClient secrets;
    static SsmClient ssm;
    static KmsClient kms;
    static URLClassLoader classpath;

    @BeforeAll
    static void start() throws IOException {
        aws = new AwsStandIn().secret("prod/cf", Keys.jsonSecret("K1SECRETSSDK", EC))
                .parameter("/prod/cf", Keys.jsonSecret("K2PARAMSSDK", RSA))
                .kmsKey("kms-rsa", RSA, "RSA_2048").kmsKey("kms-ec", EC, "ECC_NIST_P256");
        extension = new LambdaExtensionStandIn().secret("prod/cf", Keys.jsonSecret("K3SECRETSEXT", RSA))
                .parameter("/prod/cf", Keys.jsonSecret("K4PARAMSEXT", EC));
        secrets = Clients.secretsManager(aws);
        ssm = Clients.ssm(aws);
        kms = Clients.kms(aws);
        Files.writeString(dir.resolve("key.pem"), Keys.privatePem(RSA));
        Files.createDirectories(dir.resolve("cp"));
        Files.writeString(dir.resolve("cp/cloudfront.json"), Keys.jsonSecret("K5CLASSPATH", EC));
        classpath = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, null);
    }

    @AfterAll
    static void stop() throws IOException {
        secrets.close();
        ssm.close();
        kms.close();
        aws.close();
        extension.close();
        classpath.close();
    }

    static Arguments source(String name, Supplier<SigningKeySource> source, KeyPair pair) {
        return Arguments.of(name, (Supplier<CloudFrontSigner>) () -> {
            SigningKey key = source.get().load();
            return CloudFrontSigner.of(key, HashAlgorithm.SHA256);
        }, pair);
    }

    static Stream<Arguments> signers() {
        return Stream.of(
                source("PEM file", () -> SigningKeySources.pemFile("K6PEMFILE", dir.resolve("key.pem")), RSA),
                source("environment variable", () -> SigningKeySources.environment("CF_KEY", SecretFormat.json(),
                        Map.of("CF_KEY", Keys.jsonSecret("K7ENV", EC))), EC),
                source("class path", () -> SigningKeySources.classpath("cloudfront.json", SecretFormat.json(), classpath), EC),
                source("Secrets Manager, Lambda extension", () -> LambdaExtensionKeySource.secretsManager("prod/cf")
                        .endpoint(extension.endpoint()).sessionToken(LambdaExtensionStandIn.TOKEN).build(), RSA),
                source("Parameter Store, Lambda extension", () -> LambdaExtensionKeySource.parameterStore("/prod/cf")
                        .endpoint(extension.endpoint()).sessionToken(LambdaExtensionStandIn.TOKEN).build(), EC),
                source("Secrets Manager, SDK", () -> SecretsManagerKeySource.builder().client(secrets).secretId("prod/cf").build(), EC),
                source("Parameter Store, SDK", () -> ParameterStoreKeySource.builder().client(ssm).name("/prod/cf").build(), RSA),
                Arguments.of("KMS, RSA_2048", (Supplier<CloudFrontSigner>) () -> KmsSigner.builder().client(kms).keyId("kms-rsa")
                        .keyPairId("K8KMSRSA").keySpec(KeySpec.RSA_2048).build().signer(), RSA),
                Arguments.of("KMS, ECC_NIST_P256", (Supplier<CloudFrontSigner>) () -> KmsSigner.builder().client(kms).keyId("kms-ec")
                        .keyPairId("K9KMSEC").keySpec(KeySpec.ECC_NIST_P256).build().signer(), EC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signers")
    void cookies_passValidatorAndOpenSsl(String name, Supplier<CloudFrontSigner> signer, KeyPair pair) {
        CloudFrontSigner s = signer.get();
        SignedCookieFactory factory = SignedCookieFactory.builder().signer(s).build();

        CookieOracle.assertAccepted(factory.create(Policy.builder().resource(CookieOracle.RESOURCE)
                .expiresAt(NOW.plus(Duration.ofHours(1))).build()), s.keyPairId(), pair.getPublic(), CLOCK, dir);
    }
}
