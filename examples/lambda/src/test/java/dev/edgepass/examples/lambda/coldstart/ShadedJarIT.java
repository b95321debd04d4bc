package dev.edgepass.examples.lambda.coldstart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment jars are complete: in a fresh JVM whose class path holds only the shaded jar
 * (and the tiny child main), the function URL handler, built from the environment, verifies a
 * token and answers a 302 with signed cookies. Catches a dependency that the unit tests' class
 * path supplies but the jar lacks.
 */
class ShadedJarIT {

    @ParameterizedTest
    @ValueSource(strings = {"coldstart.jar", "coldstart.jarNoAccp"})
    void shadedJar_answersLoginWithCookies(String property, @TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty(property));
        assertTrue(Files.isRegularFile(jar), jar + " exists");
        String testClasses = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Map<String, String> env = ColdStartBenchmark.environment(dir);

        long[] result = ColdStartBenchmark.run(ColdStartBenchmark.command(jar + File.pathSeparator + testClasses,
                EdgepassColdStart.class), env);

        assertTrue(result[3] > 0, "the child reported its class count after the 302");
    }
}
