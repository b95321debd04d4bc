package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.core.KeyFormatException;
import dev.edgepass.core.KeySourceException;
import dev.edgepass.core.LambdaExtensionKeySource;
import dev.edgepass.core.SecretFormat;
import dev.edgepass.core.SigningKey;
import dev.edgepass.core.SigningKeySource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the signing key comes from, and the one place that loads it: a PEM (or JSON) file or
 * environment variable, an AWS Secrets Manager secret or SSM parameter (through the AWS SDK, or
 * through the Lambda Parameters and Secrets extension), or a key that stays in AWS KMS.
 *
 * <p>A file, variable, secret or parameter holds what the library's {@link SecretFormat} reads: JSON
 * {@code {"keyPairId": "K...", "privateKey": "-----BEGIN ..."}}, or a bare PEM with
 * {@code --key-pair-id}. The AWS SDK is reached only through {@link AwsKeys}, and only when a
 * source needs it, so no other path of the command line loads an SDK class. Every mistake and
 * every failure of a source is a {@link UsageException}: one line, exit code 2. Key material never
 * appears in a message.
 */
public final class SigningKeyOptions {

    @Option(names = "--private-key", paramLabel = "FILE", description = "The private key PEM file (PKCS#8, PKCS#1 or"
            + " SEC1, as keygen or openssl writes it), or a JSON file {\"keyPairId\": ..., \"privateKey\": ...}.")
    String privateKeyFile;

    @Option(names = "--private-key-env", paramLabel = "VAR", description = "Read the private key (PEM or the JSON form)"
            + " from environment variable VAR instead of a file.")
    String privateKeyEnv;

    @Option(names = "--secret-id", paramLabel = "ID", description = "Read the key from this AWS Secrets Manager secret"
            + " (name or ARN): JSON {\"keyPairId\": ..., \"privateKey\": ...}, or a bare PEM with --key-pair-id.")
    String secretId;

    @Option(names = "--parameter", paramLabel = "NAME", description = "Read the key from this SSM Parameter Store"
            + " parameter (String or SecureString, read decrypted), in the same forms.")
    String parameter;

    @Option(names = "--kms-key-id", paramLabel = "ID", description = "Sign with this AWS KMS key (key id, ARN or alias;"
            + " RSA or ECC_NIST_P256, SIGN_VERIFY), whose public key CloudFront holds as --key-pair-id. SHA-256 only.")
    String kmsKeyId;

    @Option(names = "--lambda-extension", description = "Read --secret-id or --parameter through the AWS Parameters and"
            + " Secrets Lambda Extension instead of the SDK (inside a Lambda function: port from"
            + " PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, token from AWS_SESSION_TOKEN).")
    boolean lambdaExtension;

    @Option(names = "--key-pair-id", paramLabel = "ID", description = "The CloudFront public key id of the key, such as"
            + " K2JCJMDEHXQW5F (CloudFront > Key management > Public keys). Needed for a PEM and for --kms-key-id; a"
            + " JSON key carries its own.")
    String keyPairId;

    @Option(names = "--region", paramLabel = "REGION", description = "The AWS Region of the secret, parameter or KMS key."
            + " Default: the SDK's (AWS_REGION, or the region of the AWS_PROFILE profile).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send the AWS calls (with --lambda-extension:"
            + " the extension's) to this URL instead, such as a VPC endpoint or a local stand-in.")
    String endpointUrl;

    /** A key and its CloudFront id, with where it came from for messages. */
    private record LoadedKey(SigningKey key, String source) {}

    /**
     * Loads the key from the one source given and builds a signer for it. Every option is checked
     * before any file is read or any AWS call is made.
     *
     * @param requested the hash asked for with {@code --hash}, or null for the default: SHA-1, or
     *                  SHA-256 for a KMS key
     * @param inputs    reads files and standard input
     * @param warnings  receives a warning when {@code --key-pair-id} differs from the id a JSON key carries
     * @return the signer
     * @throws UsageException if no source or two are given, an option does not fit the source, or
     *                        the source cannot give a usable key
     */
    CloudFrontSigner signer(HashAlgorithm requested, Inputs inputs, List<String> warnings) {
        checkOptions(requested);
        URI endpoint = endpoint();
        SecretFormat format;
        try {
            format = keyPairId == null ? SecretFormat.json() : SecretFormat.pem(keyPairId);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key-pair-id: " + e.getMessage(), e);
        }
        if (kmsKeyId != null) {
            AwsKeys aws = AwsKeys.connect(region, endpoint);
            try {
                return aws.kmsSigner(kmsKeyId, keyPairId);
            } catch (KeySourceException e) {
                throw failure(e, aws, "kms:GetPublicKey");
            }
        }
        LoadedKey loaded = load(format, endpoint, inputs);
        SigningKey key = loaded.key();
        if (keyPairId != null && !keyPairId.equals(key.keyPairId())) {
            warnings.add(loaded.source() + " names key pair id " + key.keyPairId() + ", which is used; --key-pair-id "
                    + keyPairId + " is not");
        }
        try {
            return CloudFrontSigner.of(key.keyPairId(), key.privateKey(), requested == null ? HashAlgorithm.SHA1 : requested);
        } catch (KeyFormatException e) {
            throw new UsageException(loaded.source() + ": " + e.getMessage(), e);
        }
    }

    private void checkOptions(HashAlgorithm requested) {
        List<String> given = new ArrayList<>();
        addIf(given, privateKeyFile, "--private-key");
        addIf(given, privateKeyEnv, "--private-key-env");
        addIf(given, secretId, "--secret-id");
        addIf(given, parameter, "--parameter");
        addIf(given, kmsKeyId, "--kms-key-id");
        if (given.isEmpty()) {
            throw new UsageException("no signing key: give --private-key FILE, --private-key-env VAR, --secret-id ID,"
                    + " --parameter NAME or --kms-key-id ID");
        }
        if (given.size() > 1) {
            throw new UsageException("give one signing key source, not " + String.join(" and ", given));
        }
        boolean aws = secretId != null || parameter != null || kmsKeyId != null;
        if (lambdaExtension && (secretId == null && parameter == null)) {
            throw new UsageException("--lambda-extension reads a --secret-id or a --parameter; " + given.get(0)
                    + " does not go through it");
        }
        if (!aws && (region != null || endpointUrl != null)) {
            throw new UsageException((region != null ? "--region" : "--endpoint-url") + " applies to --secret-id,"
                    + " --parameter and --kms-key-id, not to " + given.get(0));
        }
        if (lambdaExtension && region != null) {
            throw new UsageException("--region does not apply to --lambda-extension: the extension reads in the Region"
                    + " of its function");
        }
        if (kmsKeyId != null) {
            if (keyPairId == null) {
                throw new UsageException("--kms-key-id needs --key-pair-id ID: the CloudFront public key id under which"
                        + " the KMS key's public key was uploaded");
            }
            if (requested == HashAlgorithm.SHA1) {
                throw new UsageException("--kms-key-id signs with SHA-256 only (KMS has no SHA-1 signing algorithm):"
                        + " leave out --hash, or give --hash SHA256");
            }
        }
    }

    private static void addIf(List<String> given, String value, String option) {
        if (value != null) {
            given.add(option);
        }
    }

    private URI endpoint() {
        if (endpointUrl == null) {
            return null;
        }
        try {
            URI uri = new URI(endpointUrl);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getRawQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--endpoint-url must be an absolute http or https URL without a query, was "
                + Text.quote(endpointUrl));
    }

    private LoadedKey load(SecretFormat format, URI endpoint, Inputs inputs) {
        if (privateKeyFile != null) {
            String source = "private key file " + Inputs.display(privateKeyFile);
            return parse(inputs.text(privateKeyFile, "private key file", Inputs.MAX_KEY_BYTES), source, format);
        }
        if (privateKeyEnv != null) {
            String source = "environment variable " + Text.quote(privateKeyEnv);
            String text = System.getenv(privateKeyEnv);
            if (text == null || text.isBlank()) {
                throw new UsageException(source + " is not set or empty");
            }
            if (text.length() > Inputs.MAX_KEY_BYTES) {
                throw new UsageException(source + " is longer than " + Inputs.size(Inputs.MAX_KEY_BYTES));
            }
            return parse(text, source, format);
        }
        if (lambdaExtension) {
            SigningKeySource source = extension(format, endpoint);
            try {
                return new LoadedKey(source.load(), source.description());
            } catch (KeySourceException e) {
                throw failure(e, null, null);
            }
        }
        AwsKeys aws = AwsKeys.connect(region, endpoint);
        SigningKeySource source;
        try {
            source = secretId != null ? aws.secretsManager(secretId, format) : aws.parameterStore(parameter, format);
        } catch (IllegalArgumentException e) {
            throw new UsageException((secretId != null ? "--secret-id: " : "--parameter: ") + e.getMessage(), e);
        }
        try {
            return new LoadedKey(source.load(), source.description());
        } catch (KeySourceException e) {
            throw failure(e, aws, secretId != null ? "secretsmanager:GetSecretValue" : "ssm:GetParameter");
        }
    }

    private LoadedKey parse(String text, String source, SecretFormat format) {
        if (keyPairId == null && !text.strip().startsWith("{")) {
            throw new UsageException("give --key-pair-id ID: the CloudFront public key id of the key in " + source
                    + " (a PEM carries none; a JSON key {\"keyPairId\": ..., \"privateKey\": ...} does)");
        }
        try {
            return new LoadedKey(format.parse(text, source), source);
        } catch (KeySourceException e) {
            throw failure(e, null, null);
        }
    }

    private SigningKeySource extension(SecretFormat format, URI endpoint) {
        String token = System.getenv("AWS_SESSION_TOKEN");
        if (token == null || token.isBlank()) {
            throw new UsageException("--lambda-extension needs AWS_SESSION_TOKEN, which Lambda sets inside a function:"
                    + " the extension runs only there");
        }
        LambdaExtensionKeySource.Builder b;
        try {
            b = secretId != null ? LambdaExtensionKeySource.secretsManager(secretId)
                    : LambdaExtensionKeySource.parameterStore(parameter);
        } catch (IllegalArgumentException e) {
            throw new UsageException((secretId != null ? "--secret-id: " : "--parameter: ") + e.getMessage(), e);
        }
        b.format(format);
        if (endpoint != null) {
            b.endpoint(endpoint);
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new UsageException("--lambda-extension: " + e.getMessage(), e);
        }
    }

    /**
     * Makes a source's failure one line with what to check: the Region for a name that is not
     * found, the IAM permission for a refusal, {@code --key-pair-id} for a bare PEM. The source's
     * message names the secret, parameter or key and never holds its value.
     */
    private UsageException failure(KeySourceException e, AwsKeys aws, String permission) {
        String hint = switch (e.reason()) {
            case NOT_FOUND -> aws == null ? "" : " (looked in Region " + aws.region() + ")";
            case ACCESS_DENIED -> permission == null ? "" : " (the credentials need " + permission + " on it)";
            case MISSING_FIELD -> keyPairId == null ? " (edgepass reads the fields keyPairId and privateKey; a value that"
                    + " holds only the PEM needs --key-pair-id ID)" : "";
            default -> "";
        };
        return new UsageException(e.getMessage() + hint, e);
    }
}
