package dev.edgepass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.aws.testing.CookieOracle;
import dev.edgepass.cli.testing.Cli;
import dev.edgepass.core.PemKeys;
import dev.edgepass.core.testing.Keys;
import dev.edgepass.core.testing.LambdaExtensionStandIn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signing commands with keys from AWS, run as a separate process against in-process stand-ins:
 * Secrets Manager, SSM Parameter Store and KMS (the AWS JSON protocol the real SDK clients speak)
 * and the Lambda Parameters and Secrets extension. Cookies signed from each source are accepted by
 * {@code verify-cookies} and verify with {@code openssl dgst}; each failure of a source is one line
 * and exit code 2; the SDK stays off the start-up path of the other commands.
 */
class AwsKeySourcesIT {

    static final String ID = "K2JCJMDEHXQW5F";
    static final String EC_ID = "K3EXAMPLEEC256";

    static final KeyPair RSA = Keys.rsa(2048);
    static final KeyPair EC = Keys.ec();
    static final KeyPair KMS_RSA = Keys.rsa(2048);
    static final KeyPair KMS_EC = Keys.ec();

    @TempDir
    static Path dir;

    static AwsStandIn aws;
    static LambdaExtensionStandIn extension;

    @BeforeAll
    static void standIns() throws IOException {
        aws = new AwsStandIn()
                .secret("prod/cloudfront-key", Keys.jsonSecret(ID, RSA))
                .secret("prod/ec-pem", Keys.privatePem(EC))
                .secret("prod/malformed", "{\"keyPairId\": \"" + ID + "\", \"privateKey\": ")
                .secret("prod/wrong-field", "{\"id\": \"" + ID + "\", \"pem\": " + Keys.quote(Keys.privatePem(RSA)) + "}")
                .binarySecret("prod/binary", new byte[] {1, 2, 3})
                .fail("prod/denied", 400, "AccessDeniedException")
                .parameter("/edgepass/cloudfront-key", Keys.jsonSecret(EC_ID, EC))
                .kmsKey("cloudfront-rsa", KMS_RSA, "RSA_2048")
                .kmsKey("cloudfront-ec", KMS_EC, "ECC_NIST_P256")
                .kmsKey("encrypt-only", KMS_RSA, "RSA_2048", "ENCRYPT_DECRYPT")
                .fail("kms-denied", 400, "AccessDeniedException");
        extension = new LambdaExtensionStandIn()
                .secret("prod/cloudfront-key", Keys.jsonSecret(ID, RSA))
                .parameter("/edgepass/cloudfront-key", Keys.jsonSecret(EC_ID, EC));
        for (Map.Entry<String, KeyPair> e : Map.of("rsa", RSA, "ec", EC, "kms-rsa", KMS_RSA, "kms-ec", KMS_EC).entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".pub.pem"), Keys.publicPem(e.getValue()));
        }
    }

    @AfterAll
    static void stop() {
        aws.close();
        extension.close();
    }

    /** Credentials and Region as a developer's environment gives them, and nothing of the host's. */
    static Map<String, String> awsEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_REGION", AwsStandIn.REGION);
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** What a Lambda function's environment gives the extension. */
    static Map<String, String> lambdaEnvironment() {
        return Map.of("AWS_SESSION_TOKEN", LambdaExtensionStandIn.TOKEN,
                "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port()));
    }

    static Stream<Arguments> sources() {
        String endpoint = "--endpoint-url=" + aws.endpoint();
        return Stream.of(
                Arguments.of("Secrets Manager, JSON", List.of("--secret-id", "prod/cloudfront-key", endpoint), false, ID, "rsa"),
                Arguments.of("Secrets Manager, bare PEM", List.of("--secret-id", "prod/ec-pem", "--key-pair-id", EC_ID,
                        endpoint), false, EC_ID, "ec"),
                Arguments.of("SSM Parameter Store", List.of("--parameter", "/edgepass/cloudfront-key", endpoint), false, EC_ID,
                        "ec"),
                Arguments.of("Lambda extension, secret", List.of("--secret-id", "prod/cloudfront-key", "--lambda-extension"),
                        true, ID, "rsa"),
                Arguments.of("Lambda extension, parameter", List.of("--parameter", "/edgepass/cloudfront-key",
                        "--lambda-extension"), true, EC_ID, "ec"),
                Arguments.of("KMS, RSA_2048", List.of("--kms-key-id", "cloudfront-rsa", "--key-pair-id", ID, endpoint), false,
                        ID, "kms-rsa"),
                Arguments.of("KMS, ECC_NIST_P256", List.of("--kms-key-id", "cloudfront-ec", "--key-pair-id", EC_ID, endpoint),
                        false, EC_ID, "kms-ec"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void signCookies_keyFromSource_acceptedByVerifyCookies_andOpenssl(String name, List<String> source, boolean lambda,
            String keyPairId, String publicKey) throws Exception {
        List<String> args = new ArrayList<>(List.of("sign-cookies", "--json", "--resource", CookieOracle.RESOURCE));
        args.addAll(source);
        if (!source.contains("--kms-key-id")) {
            args.addAll(List.of("--hash", "sha256"));   // KMS signs SHA-256 without being asked
        }

        Cli.Result signed = Cli.run(dir, null, lambda ? lambdaEnvironment() : awsEnvironment(), args.toArray(new String[0]));

        assertEquals(0, signed.exit(), signed::toString);
        assertEquals("", signed.err(), "no warning");
        Map<String, Object> json = signed.json();
        assertEquals(keyPairId, json.get("keyPairId"));
        assertEquals("SHA256", json.get("hashAlgorithm"));
        @SuppressWarnings("unchecked")
        Map<String, String> cookies = (Map<String, String>) json.get("cookies");
        String header = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        Cli.Result verified = Cli.run(dir, "verify-cookies", "--cookie", header, "--url", CookieOracle.REQUEST_URL,
                "--public-key", keyPairId + "=" + publicKey + ".pub.pem");
        assertEquals(0, verified.exit(), verified::toString);
        assertTrue(verified.out().startsWith("ACCEPTED  every check passes: signed by " + keyPairId + " with SHA256"),
                verified::toString);
        CookieOracle.assertAccepted(cookies, keyPairId, PemKeys.publicKey(Files.readString(dir.resolve(publicKey + ".pub.pem"))),
                Clock.systemUTC(), dir);
    }

    @Test
    void signUrl_kmsKey_signsSha256_andVerifyUrlAccepts() {
        String url = "https://d111111abcdef8.cloudfront.net/private/report.pdf";

        Cli.Result signed = Cli.run(dir, null, awsEnvironment(), "sign-url", url, "--kms-key-id", "cloudfront-ec",
                "--key-pair-id", EC_ID, "--endpoint-url", aws.endpoint().toString(), "--region", AwsStandIn.REGION);

        assertEquals(0, signed.exit(), signed::toString);
        assertTrue(signed.out().strip().endsWith("&Key-Pair-Id=" + EC_ID + "&Hash-Algorithm=SHA256"), signed::toString);
        Cli.Result verified = Cli.run(dir, "verify-url", signed.out().strip(), "--public-key", EC_ID + "=kms-ec.pub.pem");
        assertEquals(0, verified.exit(), verified::toString);
    }

    @Test
    void keyPairIdOption_differsFromTheSecrets_warnsAndUsesTheSecrets() {
        Cli.Result r = Cli.run(dir, null, awsEnvironment(), "sign-cookies", "--resource", CookieOracle.RESOURCE,
                "--secret-id", "prod/cloudfront-key", "--key-pair-id", "K9OTHERKEYID", "--endpoint-url",
                aws.endpoint().toString());

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("CloudFront-Key-Pair-Id=" + ID + ";"), r::toString);
        assertEquals(List.of("edgepass sign-cookies: warning: Secrets Manager secret 'prod/cloudfront-key' names key pair id "
                + ID + ", which is used; --key-pair-id K9OTHERKEYID is not"), r.errLines());
    }

    static Stream<Arguments> failures() {
        String endpoint = "--endpoint-url=" + aws.endpoint();
        return Stream.of(
                Arguments.of(List.of("--secret-id", "prod/missing", endpoint), false, "NOT_FOUND",
                        "Secrets Manager secret 'prod/missing': GetSecretValue failed: ResourceNotFoundException (HTTP 400)"
                                + " (looked in Region eu-west-2)"),
                Arguments.of(List.of("--secret-id", "prod/denied", endpoint), false, "ACCESS_DENIED",
                        "Secrets Manager secret 'prod/denied': GetSecretValue failed: AccessDeniedException (HTTP 400)"
                                + " (the credentials need secretsmanager:GetSecretValue on it)"),
                Arguments.of(List.of("--secret-id", "prod/malformed", endpoint), false, "MALFORMED_SECRET",
                        "Secrets Manager secret 'prod/malformed' is not valid JSON (invalid JSON: the document ends early;"
                                + " expected a value)"),
                Arguments.of(List.of("--secret-id", "prod/wrong-field", endpoint), false, "MISSING_FIELD",
                        "Secrets Manager secret 'prod/wrong-field': field 'keyPairId' is missing, expected a string; the JSON"
                                + " has the fields 'id, pem' (edgepass reads the fields keyPairId and privateKey; a value that"
                                + " holds only the PEM needs --key-pair-id ID)"),
                Arguments.of(List.of("--secret-id", "prod/ec-pem", endpoint), false, "MISSING_FIELD",
                        "holds a bare PEM, which carries no key pair id"),
                Arguments.of(List.of("--secret-id", "prod/binary", endpoint), false, "BINARY_SECRET",
                        "Secrets Manager secret 'prod/binary' holds SecretBinary; store the key as a SecretString"),
                Arguments.of(List.of("--parameter", "/edgepass/missing", endpoint), false, "NOT_FOUND",
                        "SSM parameter '/edgepass/missing': GetParameter failed: ParameterNotFound (HTTP 400) (looked in"
                                + " Region eu-west-2)"),
                Arguments.of(List.of("--kms-key-id", "no-such-key", "--key-pair-id", ID, endpoint), false, "NOT_FOUND",
                        "AWS KMS key 'no-such-key': GetPublicKey failed: NotFoundException (HTTP 400) (looked in Region"
                                + " eu-west-2)"),
                Arguments.of(List.of("--kms-key-id", "kms-denied", "--key-pair-id", ID, endpoint), false, "ACCESS_DENIED",
                        "(the credentials need kms:GetPublicKey on it)"),
                Arguments.of(List.of("--kms-key-id", "encrypt-only", "--key-pair-id", ID, endpoint), false, "WRONG_KEY_SPEC",
                        "AWS KMS key 'encrypt-only' has key usage ENCRYPT_DECRYPT, expected SIGN_VERIFY"),
                Arguments.of(List.of("--secret-id", "prod/missing", "--lambda-extension"), true, "NOT_FOUND",
                        "Secrets Manager secret 'prod/missing' (Lambda extension): the extension answered HTTP 400"
                                + " (resourcenotfoundexception)"),
                Arguments.of(List.of("--secret-id", "prod/cloudfront-key", "--lambda-extension", "--endpoint-url",
                        "http://127.0.0.1:" + closedPort()), true, "UNAVAILABLE",
                        "Secrets Manager secret 'prod/cloudfront-key' (Lambda extension): "));
    }

    @ParameterizedTest(name = "{2}: {0}")
    @MethodSource("failures")
    void sourceFails_oneLine_exit2_reasonInJson_noKeyMaterial(List<String> source, boolean lambda, String reason,
            String expected) {
        List<String> args = new ArrayList<>(List.of("sign-cookies", "--resource", CookieOracle.RESOURCE));
        args.addAll(source);
        Map<String, String> env = lambda ? lambdaEnvironment() : awsEnvironment();

        Cli.Result text = Cli.run(dir, null, env, args.toArray(new String[0]));
        args.add("--json");
        Cli.Result json = Cli.run(dir, null, env, args.toArray(new String[0]));

        assertEquals(2, text.exit(), text::toString);
        assertEquals("", text.out());
        assertEquals(1, text.errLines().size(), text::toString);
        assertTrue(text.errLines().get(0).startsWith("edgepass sign-cookies: "), text::toString);
        assertTrue(text.err().contains(expected), () -> "expected '" + expected + "' in: " + text.err());
        assertNoKeyMaterial(text.err() + json.err());
        assertEquals(2, json.exit(), json::toString);
        assertEquals(1, json.errLines().size(), json::toString);
        assertTrue(json.err().contains(",\"reason\":\"" + reason + "\"}"), json::toString);
    }

    @Test
    void noRegion_isAUsageError_beforeAnyCall() {
        Map<String, String> env = awsEnvironment();
        env.remove("AWS_REGION");
        int before = aws.count("GetSecretValue");

        Cli.Result r = Cli.run(dir, null, env, "sign-cookies", "--resource", CookieOracle.RESOURCE, "--secret-id",
                "prod/cloudfront-key", "--endpoint-url", aws.endpoint().toString());

        assertEquals(2, r.exit(), r::toString);
        assertEquals(List.of("edgepass sign-cookies: no AWS Region: give --region, or set AWS_REGION or the region of the"
                + " profile"), r.errLines());
        assertEquals(before, aws.count("GetSecretValue"));
    }

    @Test
    void noCredentials_isAUsageError_beforeAnyCall() {
        Map<String, String> env = awsEnvironment();
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        int before = aws.count("GetSecretValue");

        Cli.Result r = Cli.run(dir, null, env, "sign-cookies", "--resource", CookieOracle.RESOURCE, "--secret-id",
                "prod/cloudfront-key", "--endpoint-url", aws.endpoint().toString());

        assertEquals(2, r.exit(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("edgepass sign-cookies: no AWS credentials: set AWS_PROFILE"), r::toString);
        assertEquals(before, aws.count("GetSecretValue"));
    }

    @Test
    void profile_givesRegionAndCredentials() throws IOException {
        Path config = dir.resolve("profile-config");
        Files.writeString(config, "[profile signer]\nregion = eu-west-2\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
                + "aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n");
        Map<String, String> env = awsEnvironment();
        env.remove("AWS_REGION");
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_PROFILE", "signer");

        Cli.Result r = Cli.run(dir, null, env, "sign-cookies", "--resource", CookieOracle.RESOURCE, "--secret-id",
                "prod/cloudfront-key", "--endpoint-url", aws.endpoint().toString());

        assertEquals(0, r.exit(), r::toString);
        List<AwsStandIn.Request> requests = aws.requests();
        assertEquals("AKIAI44QH8DHBEXAMPLE", requests.get(requests.size() - 1).accessKeyId());
    }

    @Test
    void debug_printsNoKeyMaterial() {
        Cli.Result r = Cli.run(dir, null, awsEnvironment(), "sign-cookies", "--resource", CookieOracle.RESOURCE,
                "--secret-id", "prod/cloudfront-key", "--endpoint-url", aws.endpoint().toString(), "--debug");

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("DEBUG"), "the debug log is on");
        assertNoKeyMaterial(r.err());
        assertFalse(r.err().contains("BEGIN PRIVATE KEY"), r::toString);
        assertFalse(r.err().contains("wJalrXUtnFEMI"), "the secret access key is not logged");
    }

    /**
     * Neither {@code inspect} nor signing with a PEM file loads a class of the AWS SDK: its start-up
     * cost falls only on the commands that call AWS.
     */
    @Test
    void sdkClasses_loadOnlyForAwsSources() throws IOException {
        Files.writeString(dir.resolve("rsa.pem"), Keys.privatePem(RSA));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Cli.jar().toString();

        Cli.Result signed = Cli.exec(dir, null, Map.of(), List.of(java, "-Xlog:class+load", "-jar", jar, "sign-cookies",
                "--private-key", "rsa.pem", "--key-pair-id", ID, "--resource", CookieOracle.RESOURCE));
        Files.writeString(dir.resolve("set-cookie.txt"), signed.out().lines().filter(l -> l.startsWith("Set-Cookie: "))
                .collect(Collectors.joining("\n", "", "\n")));
        Cli.Result inspected = Cli.exec(dir, null, Map.of(), List.of(java, "-Xlog:class+load", "-jar", jar, "inspect",
                "--file", "set-cookie.txt"));
        Cli.Result fromSecret = Cli.exec(dir, null, awsEnvironment(), List.of(java, "-Xlog:class+load", "-jar", jar,
                "sign-cookies", "--secret-id", "prod/cloudfront-key", "--endpoint-url", aws.endpoint().toString(),
                "--resource", CookieOracle.RESOURCE));

        assertEquals(0, signed.exit(), signed::toString);
        assertEquals(0, inspected.exit(), inspected::toString);
        assertEquals(0, fromSecret.exit(), fromSecret::toString);
        assertFalse(signed.out().contains("software.amazon.awssdk"), "sign-cookies --private-key loads no SDK class");
        assertFalse(inspected.out().contains("software.amazon.awssdk"), "inspect loads no SDK class");
        assertTrue(fromSecret.out().contains("software.amazon.awssdk.services.secretsmanager.SecretsManagerClient "),
                "the check can fail: a secret loads the SDK");
    }

    /** No line of any private key's base64 appears in {@code text}. */
    private static void assertNoKeyMaterial(String text) {
        for (KeyPair pair : List.of(RSA, EC)) {
            Keys.privatePem(pair).lines().filter(l -> !l.startsWith("-----"))
                    .forEach(l -> assertFalse(text.contains(l.substring(0, Math.min(24, l.length()))), text));
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
