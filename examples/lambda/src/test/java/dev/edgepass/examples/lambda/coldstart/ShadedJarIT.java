package dev.edgepass.examples.lambda.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment jars are complete: in a fresh JVM whose class path holds only the shaded jar
 * (and the tiny child main), the function URL handler, built from the environment, verifies a
 * token and answers a 302 with signed cookies. Catches a dependency that the unit tests' class
 * path supplies but the jar lacks. And, in the same fresh JVM, the order of the signature
 * provider's life: the first login on the JDK, ACCP loaded after it, the signer moved to ACCP
 * (or, without ACCP, settled on the JDK).
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

    @Test
    void shadedJarWithAccp_answersTheFirstLoginOnTheJdkThenMovesToAccp(@TempDir Path dir) throws Exception {
        List<String> lines = providerMove(System.getProperty("coldstart.jar"), dir);

        int first = indexOf(lines, "LOGIN1 302 signed");
        int loaded = indexOf(lines, "using AmazonCorrettoCryptoProvider");
        int moved = indexOf(lines, "now signs with AmazonCorrettoCryptoProvider");
        int third = indexOf(lines, "LOGIN3 302 signed");
        assertTrue(first >= 0 && loaded > first && moved > loaded && third > moved,
                "first login, then ACCP loaded, then the signer moved, then the third login:\n" + String.join("\n", lines));
        assertTrue(indexOf(lines, "LOGIN2 302 signed") >= 0, String.join("\n", lines));
    }

    @Test
    void shadedJarWithoutAccp_settlesOnTheJdk(@TempDir Path dir) throws Exception {
        List<String> lines = providerMove(System.getProperty("coldstart.jarNoAccp"), dir);

        int first = indexOf(lines, "LOGIN1 302 signed");
        int absent = indexOf(lines, "ACCP is not on the class path");
        int settled = indexOf(lines, "now signs with JDK default");
        assertTrue(first >= 0 && absent > first && settled > absent && indexOf(lines, "LOGIN3 302 signed") > settled,
                String.join("\n", lines));
    }

    @ParameterizedTest
    @ValueSource(strings = {"coldstart.jar", "coldstart.jarNoAccp"})
    void shadedJar_readsEveryKeyFormat(String property, @TempDir Path dir) throws Exception {
        openssl(dir, "genrsa", "-traditional", "-out", "pkcs1.pem", "2048");
        openssl(dir, "pkcs8", "-topk8", "-nocrypt", "-in", "pkcs1.pem", "-out", "pkcs8.pem");
        openssl(dir, "rsa", "-in", "pkcs1.pem", "-pubout", "-out", "spki.pem");
        openssl(dir, "rsa", "-in", "pkcs1.pem", "-RSAPublicKey_out", "-out", "pkcs1-public.pem");
        openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1-with-params.pem");
        openssl(dir, "ec", "-in", "sec1-with-params.pem", "-pubout", "-out", "ec-spki.pem");
        openssl(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret", "-in", "pkcs1.pem",
                "-out", "encrypted.pem");
        openssl(dir, "req", "-x509", "-new", "-key", "pkcs1.pem", "-subj", "/CN=edgepass", "-days", "1", "-out", "cert.pem");
        openssl(dir, "genrsa", "-traditional", "-out", "small.pem", "1024");
        String[] files = {"private:pkcs1.pem", "private:pkcs8.pem", "public:spki.pem", "public:pkcs1-public.pem",
            "private:sec1-with-params.pem", "public:ec-spki.pem", "private:encrypted.pem", "private:cert.pem",
            "private:small.pem", "public:pkcs1.pem"};
        String testClasses = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty(property) + File.pathSeparator + testClasses, PemFormsChild.class.getName()));
        for (String file : files) {
            command.add(file.replace(":", ":" + dir + File.separator));
        }

        List<String> lines = output(new ProcessBuilder(command));

        assertEquals(List.of("pkcs1.pem OK RSA 2048", "pkcs8.pem OK RSA 2048", "spki.pem OK RSA 2048",
                "pkcs1-public.pem OK RSA 2048", "sec1-with-params.pem OK EC", "ec-spki.pem OK EC",
                "encrypted.pem REFUSED ENCRYPTED", "cert.pem REFUSED UNSUPPORTED_TYPE", "small.pem REFUSED KEY_TOO_SMALL",
                "pkcs1.pem REFUSED UNSUPPORTED_TYPE"), lines);
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl finished");
        assertEquals(0, process.exitValue(), "openssl " + command + ":\n" + out);
    }

    private static List<String> output(ProcessBuilder pb) throws Exception {
        Process process = pb.redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().toList();
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child finished");
        assertEquals(0, process.exitValue(), String.join("\n", lines));
        return lines;
    }

    /** Runs {@link ProviderMoveChild} on the jar alone, with edgepass's debug log on stdout; returns its output. */
    private static List<String> providerMove(String jar, Path dir) throws Exception {
        String testClasses = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dorg.slf4j.simpleLogger.log.dev.edgepass=debug",
                "-Dorg.slf4j.simpleLogger.logFile=System.out", "-cp", jar + File.pathSeparator + testClasses,
                ProviderMoveChild.class.getName()).redirectErrorStream(true);
        pb.environment().putAll(ColdStartBenchmark.environment(dir));
        return output(pb);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
