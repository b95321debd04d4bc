package dev.edgepass.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaJarTest {

    @TempDir
    Path dir;

    /** Writes a jar with the handler class entry and an ACCP library whose ELF header names {@code machine}. */
    static Path jarWithAccp(Path dir, int machine) {
        try {
            Files.createDirectories(dir);
            Path jar = dir.resolve("lambda-" + Integer.toHexString(machine) + ".jar");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                zip.putNextEntry(new ZipEntry(LambdaJar.HANDLER_CLASS));
                zip.write(new byte[] {(byte) 0xca, (byte) 0xfe});
                zip.closeEntry();
                if (machine >= 0) {
                    zip.putNextEntry(new ZipEntry(LambdaJar.ACCP_LIBRARY));
                    byte[] elf = new byte[64];
                    elf[0] = 0x7f;
                    elf[1] = 'E';
                    elf[2] = 'L';
                    elf[3] = 'F';
                    elf[18] = (byte) machine;
                    zip.write(elf);
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void check_accpForTheFunctionsArchitecture_passes() {
        Path jar = jarWithAccp(dir, 0xB7);
        assertEquals(jar.toAbsolutePath(), LambdaJar.check(jar, DeploySettings.Architecture.ARM64, List.of()));
        assertEquals(jarWithAccp(dir, 0x3E).toAbsolutePath(),
                LambdaJar.check(jarWithAccp(dir, 0x3E), DeploySettings.Architecture.X86_64, List.of()));
    }

    @Test
    void check_accpForAnotherArchitecture_failsWithTheBuildFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LambdaJar.check(jarWithAccp(dir, 0x3E), DeploySettings.Architecture.ARM64, List.of()));
        assertTrue(e.getMessage().contains("carries ACCP for x86_64") && e.getMessage().contains("-Daccp.classifier=linux-aarch64"),
                e.getMessage());
    }

    @Test
    void check_jarWithoutAccp_passes() {
        Path jar = jarWithAccp(dir, -1);
        assertEquals(jar.toAbsolutePath(), LambdaJar.check(jar, DeploySettings.Architecture.ARM64, List.of()));
    }

    @Test
    void check_missingJar_saysHowToBuildIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LambdaJar.check(dir.resolve("none.jar"), DeploySettings.Architecture.X86_64, List.of()));
        assertTrue(e.getMessage().contains("mvn -B -pl examples/deploy -am package -DskipTests"), e.getMessage());
    }

    @Test
    void check_jarWithoutTheHandler_isRefused() throws IOException {
        Path jar = dir.resolve("other.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.closeEntry();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LambdaJar.check(jar, DeploySettings.Architecture.X86_64, List.of()));
        assertTrue(e.getMessage().contains("FunctionUrlLoginHandler"), e.getMessage());
    }

    @Test
    void check_sdkConfigurationWithTheJarWithoutTheSdk_namesTheSdkJar() {
        Path jar = Path.of(System.getProperty("edgepass.lambdaJar"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LambdaJar.check(jar, hostArchitecture(), LambdaJar.SECRETS_MANAGER_SDK));
        assertTrue(e.getMessage().contains("holds no dev/edgepass/aws/SecretsManagerKeySource.class")
                && e.getMessage().contains("-aws-sdk.jar") && e.getMessage().contains("secretReader=extension"), e.getMessage());
    }

    @Test
    void check_theReactorsSdkJar_holdsTheSecretsManagerAndKmsClients() {
        Path jar = Path.of(System.getProperty("edgepass.lambdaSdkJar"));
        assertEquals(jar.toAbsolutePath().normalize(), LambdaJar.check(jar, hostArchitecture(), LambdaJar.SECRETS_MANAGER_SDK));
        assertEquals(jar.toAbsolutePath().normalize(), LambdaJar.check(jar, DeploySettings.Architecture.ARM64, LambdaJar.KMS_SDK));
    }

    private static boolean zipHas(Path jar, String entry) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeploySettings.Architecture hostArchitecture() {
        return System.getProperty("os.arch").equals("aarch64")
                ? DeploySettings.Architecture.ARM64 : DeploySettings.Architecture.X86_64;
    }

    @Test
    void check_theReactorsJar_matchesThisBuildsAccp() {
        // The -aws.jar examples/lambda built in this reactor carries ACCP for the build machine's platform.
        Path jar = Path.of(System.getProperty("edgepass.lambdaAccpJar"));
        assertTrue(zipHas(jar, LambdaJar.ACCP_LIBRARY), "the -aws.jar carries ACCP");
        DeploySettings.Architecture host = System.getProperty("os.arch").equals("aarch64")
                ? DeploySettings.Architecture.ARM64 : DeploySettings.Architecture.X86_64;
        assertEquals(jar.toAbsolutePath().normalize(), LambdaJar.check(jar, host, List.of()));
    }
}
