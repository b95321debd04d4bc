package dev.edgepass.examples.deploy.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Builds the CDK app the way {@code cdk synth} does, without AWS credentials or network. */
public final class Synth {

    /** The site origin the tests deploy with. */
    public static final String SITE_ORIGIN = "https://d111111abcdef8.cloudfront.net";

    private Synth() {}

    /** Returns a fresh RSA 2048 public key as CloudFront stores it. */
    public static String publicKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] der = generator.generateKeyPair().getPublic().getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n"
                    + new String(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encode(der),
                            StandardCharsets.US_ASCII)
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the context of a complete deployment with the Secrets Manager key read through the SDK (the default). */
    public static Map<String, Object> completeContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("publicKeyPem", publicKeyPem());
        context.put("siteOrigin", SITE_ORIGIN);
        return context;
    }

    /** Returns the build properties the surefire configuration passes in. */
    public static Properties buildProperties() {
        Properties properties = new Properties();
        properties.setProperty("lambdaJar", required("edgepass.lambdaJar"));
        properties.setProperty("lambdaSdkJar", required("edgepass.lambdaSdkJar"));
        properties.setProperty("repositoryRoot", required("edgepass.repositoryRoot"));
        return properties;
    }

    /** Returns the repository's root directory. */
    public static Path repositoryRoot() {
        return Path.of(required("edgepass.repositoryRoot")).toAbsolutePath().normalize();
    }

    /** Returns where the synthesized cloud assemblies go ({@code examples/deploy/target/cdk.out}). */
    public static Path synthDir() {
        return Path.of(required("edgepass.synthDir"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is set by the module's surefire configuration");
        }
        return value;
    }
}
