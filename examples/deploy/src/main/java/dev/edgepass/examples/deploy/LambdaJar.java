package dev.edgepass.examples.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks the login function's deployment jar before it becomes an asset: that it exists, holds
 * the handler, holds the AWS SDK key sources when the configuration reads or signs through the SDK
 * (without them the function would fail at its first start), and that the native library of the
 * Amazon Corretto Crypto Provider inside it (if any) was built for the architecture the function
 * runs on. An ACCP mismatch would not break the function (edgepass falls back to the JDK's
 * provider) but would silently cost the native speed.
 *
 * <p>Stateless and thread-safe.
 */
final class LambdaJar {

    static final String HANDLER_CLASS = "dev/edgepass/examples/lambda/FunctionUrlLoginHandler.class";
    static final String ACCP_LIBRARY = "com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so";
    /** What {@code EDGEPASS_KEY_SOURCE=secrets-manager} loads: edgepass-aws's source and the SDK client. */
    static final List<String> SECRETS_MANAGER_SDK = List.of("dev/edgepass/aws/SecretsManagerKeySource.class",
            "software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.class",
            "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
    /** What {@code EDGEPASS_KEY_SOURCE=kms} loads: edgepass-aws's signer and the SDK client. */
    static final List<String> KMS_SDK = List.of("dev/edgepass/aws/KmsSigner.class",
            "software/amazon/awssdk/services/kms/KmsClient.class",
            "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");

    private LambdaJar() {}

    /**
     * Checks the jar.
     *
     * @param jar          the shaded jar
     * @param architecture the function's architecture
     * @param required     further entries the configuration needs, such as {@link #SECRETS_MANAGER_SDK}
     * @return the jar, absolute
     * @throws IllegalArgumentException if the jar is missing, lacks the handler or a required entry, or
     *                                  carries ACCP for another architecture (the message says how to
     *                                  build or choose the right one)
     */
    static Path check(Path jar, DeploySettings.Architecture architecture, List<String> required) {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(required, "required");
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("lambdaJar " + absolute + " does not exist; build it first: "
                    + "mvn -B -pl examples/deploy -am package -DskipTests"
                    + (architecture == DeploySettings.Architecture.ARM64 ? " -Daccp.classifier=linux-aarch64" : ""));
        }
        try (ZipFile zip = new ZipFile(absolute.toFile())) {
            if (zip.getEntry(HANDLER_CLASS) == null) {
                throw new IllegalArgumentException("lambdaJar " + absolute + " holds no " + HANDLER_CLASS
                        + "; use the -aws-sdk.jar (or, with -c secretReader=extension, the -aws-noaccp.jar) that examples/lambda builds");
            }
            for (String entry : required) {
                if (zip.getEntry(entry) == null) {
                    throw new IllegalArgumentException("lambdaJar " + absolute + " holds no " + entry + ", which the "
                            + "function needs to read or sign with its key through the AWS SDK; use the -aws-sdk.jar that "
                            + "examples/lambda builds, or deploy with -c secretReader=extension (Secrets Manager only)");
                }
            }
            ZipEntry accp = zip.getEntry(ACCP_LIBRARY);
            if (accp != null) {
                int machine = elfMachine(zip, accp);
                if (machine != architecture.elfMachine()) {
                    throw new IllegalArgumentException("lambdaJar " + absolute + " carries ACCP for "
                            + (machine == DeploySettings.Architecture.ARM64.elfMachine() ? "arm64" : "x86_64")
                            + " but the function runs on " + architecture.contextValue() + "; rebuild with "
                            + (architecture == DeploySettings.Architecture.ARM64 ? "-Daccp.classifier=linux-aarch64" : "-Daccp.classifier=linux-x86_64")
                            + " or deploy with -c architecture="
                            + (architecture == DeploySettings.Architecture.ARM64 ? "x86_64" : "arm64"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lambdaJar " + absolute + " is not a readable jar", e);
        }
        return absolute;
    }

    private static int elfMachine(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] header = in.readNBytes(20);
            if (header.length < 20 || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
                throw new IllegalArgumentException(ACCP_LIBRARY + " in the lambdaJar is not an ELF library");
            }
            // e_machine: bytes 18-19, little-endian on both Lambda architectures (ELF header, EI_DATA=1)
            return (header[18] & 0xff) | (header[19] & 0xff) << 8;
        }
    }
}
