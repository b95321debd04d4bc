package dev.edgepass.examples.lambda.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.core.testing.LambdaExtensionStandIn;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key sources in the deployment jars, each started in a fresh JVM: a function configured with a PEM
 * key or the Lambda extension loads no AWS SDK class on the way to its first 302 (checked with
 * {@code -Xlog:class+load}, the extension served by a stand-in on loopback); the default jars,
 * which leave the SDK out, refuse an SDK source with a message naming what to add; and the
 * {@code -aws-sdk} jar signs the login's cookies through KMS (a stand-in that really signs).
 */
class KeySourceStartPathIT {

    @Test
    void pemKey_loadsNoSdkClass(@TempDir Path dir) throws Exception {
        List<String> loaded = start(ColdStartBenchmark.environment(dir), dir);

        assertFalse(loaded.stream().anyMatch(l -> l.contains("software.amazon.awssdk")), "an SDK class was loaded");
        assertFalse(loaded.stream().anyMatch(l -> l.contains("dev.edgepass.aws.")), "an edgepass-aws class was loaded");
    }

    @Test
    void lambdaExtensionKey_loadsNoSdkClass(@TempDir Path dir) throws Exception {
        Map<String, String> env = ColdStartBenchmark.environment(dir);
        String pem = Files.readString(Path.of(env.remove("EDGEPASS_PRIVATE_KEY_FILE")));
        try (LambdaExtensionStandIn extension = new LambdaExtensionStandIn()) {
            extension.secret("prod/cloudfront-key", "{\"keyPairId\":\"K2JCJMDEHXQW5F\",\"privateKey\":"
                    + dev.edgepass.core.testing.Keys.quote(pem) + "}");
            env.remove("EDGEPASS_KEY_PAIR_ID");
            env.put("EDGEPASS_KEY_SOURCE", "secrets-extension");
            env.put("EDGEPASS_KEY_SECRET_ID", "prod/cloudfront-key");
            env.put("AWS_SESSION_TOKEN", LambdaExtensionStandIn.TOKEN);
            env.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port()));

            List<String> loaded = start(env, dir);

            assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.edgepass.core.LambdaExtensionKeySource ")),
                    "the extension source was used");
            assertFalse(loaded.stream().anyMatch(l -> l.contains("software.amazon.awssdk")), "an SDK class was loaded");
            assertTrue(extension.requests() >= 1);
        }
    }

    @Test
    void kmsKey_withTheDefaultJar_namesTheMissingArtifacts(@TempDir Path dir) throws Exception {
        Map<String, String> env = kmsEnvironment(dir, "http://127.0.0.1:9");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(env, dir));

        assertTrue(e.getMessage().contains("needs dev.edgepass:edgepass-aws"), e.getMessage());
    }

    @Test
    void kmsKey_withTheSdkJar_signsTheLoginThroughKms(@TempDir Path dir) throws Exception {
        KeyPair pair = dev.edgepass.core.testing.Keys.rsa(2048);
        try (AwsStandIn kms = new AwsStandIn().kmsKey("alias/cloudfront", pair, "RSA_2048")) {
            Map<String, String> env = kmsEnvironment(dir, kms.endpoint().toString());

            List<String> loaded = start(env, dir, "coldstart.jarSdk");

            assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.edgepass.aws.KmsSigner ")), "KMS signed");
            assertEquals(1, kms.count("GetPublicKey"));
            assertEquals(1, kms.count("Sign"));
        }
    }

    private static Map<String, String> kmsEnvironment(Path dir, String endpoint) throws Exception {
        Map<String, String> env = ColdStartBenchmark.environment(dir);
        env.remove("EDGEPASS_PRIVATE_KEY_FILE");
        env.put("EDGEPASS_KEY_SOURCE", "kms");
        env.put("EDGEPASS_KMS_KEY_ID", "alias/cloudfront");
        env.put("EDGEPASS_STATE_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("AWS_REGION", AwsStandIn.REGION);
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("EDGEPASS_AWS_ENDPOINT", endpoint);
        return env;
    }

    private static List<String> start(Map<String, String> env, Path dir) throws Exception {
        return start(env, dir, "coldstart.jarNoAccp");
    }

    private static List<String> start(Map<String, String> env, Path dir, String jarProperty) throws Exception {
        Path jar = Path.of(System.getProperty(jarProperty));
        assertTrue(Files.isRegularFile(jar), jar + " exists");
        String testClasses = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Path log = dir.resolve("classes.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[] result = ColdStartBenchmark.run(List.of(java, "-XX:TieredStopAtLevel=1",
                "-Xlog:class+load=info:file=" + log, "-cp", jar + File.pathSeparator + testClasses,
                EdgepassColdStart.class.getName()), env);
        assertTrue(result[3] > 0, "the child answered the login");
        return Files.readAllLines(log);
    }
}
