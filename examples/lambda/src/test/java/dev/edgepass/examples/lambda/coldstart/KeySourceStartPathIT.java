package dev.edgepass.examples.lambda.coldstart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.core.testing.LambdaExtensionStandIn;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment jar carries the AWS SDK for the SDK key sources, but a function configured with a
 * PEM key or the Lambda extension loads none of its classes on the way to its first 302: checked
 * in a fresh JVM with {@code -Xlog:class+load}, the extension served by a stand-in on loopback.
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

    private static List<String> start(Map<String, String> env, Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("coldstart.jarNoAccp"));
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
