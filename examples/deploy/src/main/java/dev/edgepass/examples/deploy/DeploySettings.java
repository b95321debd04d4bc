package dev.edgepass.examples.deploy;

import dev.edgepass.core.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What one deployment of the edgepass stack is made of, read from the CDK context
 * ({@code cdk deploy -c name=value}, {@code cdk.json} or {@code cdk.context.json}).
 *
 * <p>The deployment happens in stages, because two things cannot exist before the stack does: the
 * private key in the secret (a deploy-time value must never be in the template) and the
 * distribution's host name, which the login function needs and which only exists once the
 * distribution does (the distribution needs the function's URL, so one pass cannot give each to
 * the other). {@link #stage()} says what this synthesis contains.
 *
 * <table>
 * <caption>Context parameters</caption>
 * <tr><th>name</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code publicKeyFile} / {@code publicKeyPem}</td><td>CloudFront public key, {@code BEGIN PUBLIC KEY} PEM (RSA 2048 or EC P-256)</td><td>none: only the signing key is deployed</td></tr>
 * <tr><td>{@code previousPublicKeyFile} / {@code previousPublicKeyPem}</td><td>a key being rotated out, kept in the key group</td><td>none</td></tr>
 * <tr><td>{@code siteOrigin}</td><td>{@code https://dxxxx.cloudfront.net} of the deployed distribution (output {@code SiteUrl})</td><td>none: no login function yet</td></tr>
 * <tr><td>{@code keyCustody}</td><td>{@code secret} (Secrets Manager) or {@code kms} (KMS signing key)</td><td>{@code secret}</td></tr>
 * <tr><td>{@code secretReader}</td><td>how the function reads the secret: {@code sdk} (the AWS SDK, SnapStart on) or
 *     {@code extension} (the Parameters and Secrets Lambda Extension, no SDK, SnapStart off)</td><td>{@code sdk}</td></tr>
 * <tr><td>{@code architecture}</td><td>{@code x86_64} or {@code arm64}</td><td>{@code x86_64}</td></tr>
 * <tr><td>{@code paramsSecretsLayerArn}</td><td>AWS Parameters and Secrets Lambda Extension layer ({@code secretReader=extension})</td><td>the CDK's table for extension 1.0.103</td></tr>
 * <tr><td>{@code lambdaJar}</td><td>the login function's shaded jar</td><td>{@code examples/lambda/target/...-aws-sdk.jar} of this
 *     checkout, or {@code ...-aws-noaccp.jar} with {@code secretReader=extension}</td></tr>
 * <tr><td>{@code cookieLifetime}</td><td>ISO-8601 lifetime of the signed cookies</td><td>{@code PT1H}</td></tr>
 * <tr><td>{@code keyRefresh}</td><td>ISO-8601 interval at which the function re-reads its key</td><td>{@code PT5M}</td></tr>
 * <tr><td>{@code authDomainPrefix}</td><td>hosted-UI domain prefix ({@code https://PREFIX.auth.REGION.amazoncognito.com})</td><td>{@code edgepass-} and 12 hex digits of the stack id</td></tr>
 * <tr><td>{@code requireMfa}</td><td>{@code true} makes TOTP MFA required for every user</td><td>{@code false} (optional)</td></tr>
 * <tr><td>{@code snapStart}</td><td>Lambda SnapStart on the published version</td><td>{@code true}; {@code false} with
 *     {@code secretReader=extension}, because the extension does not work under SnapStart</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows no key material.
 *
 * @param publicKey          the CloudFront public key, if given
 * @param previousPublicKey  a key being rotated out, if given
 * @param siteOrigin         the distribution's origin, once known
 * @param keyCustody         where the private key lives
 * @param secretReader       how the function reads a key kept in Secrets Manager
 * @param architecture       the login function's instruction set
 * @param paramsSecretsLayerArn the extension layer, when not the CDK's default
 * @param lambdaJar          the login function's code
 * @param cookieLifetime     lifetime of the signed cookies
 * @param keyRefresh         how often the function re-reads its key
 * @param authDomainPrefix   the hosted-UI domain prefix, when not the derived one
 * @param requireMfa         whether MFA is required
 * @param snapStart          whether the published version runs with SnapStart
 */
public record DeploySettings(
        Optional<CloudFrontKey> publicKey,
        Optional<CloudFrontKey> previousPublicKey,
        Optional<URI> siteOrigin,
        KeyCustody keyCustody,
        SecretReader secretReader,
        Architecture architecture,
        Optional<String> paramsSecretsLayerArn,
        Path lambdaJar,
        Duration cookieLifetime,
        Duration keyRefresh,
        Optional<String> authDomainPrefix,
        boolean requireMfa,
        boolean snapStart) {

    /** Default lifetime of the signed cookies. */
    public static final Duration DEFAULT_COOKIE_LIFETIME = Duration.ofHours(1);
    /** Default interval at which the login function re-reads its signing key. */
    public static final Duration DEFAULT_KEY_REFRESH = Duration.ofMinutes(5);

    private static final Pattern LAYER_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:layer:[A-Za-z0-9_-]+:\\d+");
    private static final Pattern DOMAIN_PREFIX = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** Where the CloudFront private key lives. */
    public enum KeyCustody {
        /** A Secrets Manager secret that only the login function may read. */
        SECRET,
        /** An asymmetric KMS key (RSA_2048, SIGN_VERIFY): the private key never leaves KMS. */
        KMS
    }

    /** How the login function reads a key kept in Secrets Manager. */
    public enum SecretReader {
        /**
         * The AWS SDK for Java ({@code EDGEPASS_KEY_SOURCE=secrets-manager}, the {@code -aws-sdk}
         * jar): works under SnapStart, where the SDK's start-up cost lands in the snapshot.
         */
        SDK,
        /**
         * The AWS Parameters and Secrets Lambda Extension ({@code EDGEPASS_KEY_SOURCE=secrets-extension},
         * a layer, the smallest jar): no SDK in the function, but no SnapStart, because the
         * extension authenticates its caller with {@code AWS_SESSION_TOKEN}, which SnapStart
         * functions do not have.
         */
        EXTENSION
    }

    /** The login function's instruction set. */
    public enum Architecture {
        /** Intel/AMD 64-bit. */
        X86_64("x86_64", 0x3E),
        /** Graviton (aarch64). */
        ARM64("arm64", 0xB7);

        private final String contextValue;
        private final int elfMachine;

        Architecture(String contextValue, int elfMachine) {
            this.contextValue = contextValue;
            this.elfMachine = elfMachine;
        }

        /** Returns the value as written in the context ({@code x86_64}, {@code arm64}). */
        public String contextValue() {
            return contextValue;
        }

        /** Returns the ELF {@code e_machine} of native code built for this architecture. */
        int elfMachine() {
            return elfMachine;
        }
    }

    /** What a synthesis with these settings deploys. */
    public enum Stage {
        /** KMS custody without a public key yet: only the KMS key, to read its public key from. */
        SIGNING_KEY,
        /** Everything but the login function: the key is not in the secret yet, the site origin unknown. */
        SITE,
        /** The whole system. */
        COMPLETE
    }

    /**
     * A CloudFront public key as given at deploy time.
     *
     * @param pem         the PEM text, as CloudFront stores it
     * @param fingerprint the first 12 hex digits of the SHA-256 of the key's DER encoding
     */
    public record CloudFrontKey(String pem, String fingerprint) {

        /** Checks the key's form. */
        public CloudFrontKey {
            Objects.requireNonNull(pem, "pem");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /**
         * Reads a public key PEM and checks that CloudFront accepts its kind.
         *
         * @param name the context parameter, for messages
         * @param pem  the PEM text
         * @return the key
         * @throws IllegalArgumentException if the PEM is not an RSA 2048 or EC P-256 public key
         */
        public static CloudFrontKey parse(String name, String pem) {
            Objects.requireNonNull(pem, name);
            if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
                throw new IllegalArgumentException(name + " must be a PEM 'BEGIN PUBLIC KEY' block "
                        + "(openssl rsa -pubout output), which is what CloudFront stores");
            }
            PublicKey key;
            try {
                key = PemKeys.publicKey(pem);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " is not a readable public key: " + e.getMessage(), e);
            }
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() != 2048) {
                throw new IllegalArgumentException(name + " must be RSA 2048 (CloudFront's size), was RSA "
                        + rsa.getModulus().bitLength());
            }
            if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException(name + " must be EC P-256, was a "
                        + ec.getParams().getCurve().getField().getFieldSize() + "-bit curve");
            }
            return new CloudFrontKey(pem.strip() + "\n", fingerprint(key.getEncoded()));
        }

        private static String fingerprint(byte[] der) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(der);
                StringBuilder hex = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    hex.append(String.format(Locale.ROOT, "%02x", digest[i] & 0xff));
                }
                return hex.toString();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
        }

        @Override
        public String toString() {
            return "CloudFrontKey[" + fingerprint + "]";
        }
    }

    /** Checks that the settings fit together. */
    public DeploySettings {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(previousPublicKey, "previousPublicKey");
        Objects.requireNonNull(siteOrigin, "siteOrigin");
        Objects.requireNonNull(keyCustody, "keyCustody");
        Objects.requireNonNull(secretReader, "secretReader");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(paramsSecretsLayerArn, "paramsSecretsLayerArn");
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        Objects.requireNonNull(cookieLifetime, "cookieLifetime");
        Objects.requireNonNull(keyRefresh, "keyRefresh");
        Objects.requireNonNull(authDomainPrefix, "authDomainPrefix");
        if (publicKey.isEmpty() && keyCustody == KeyCustody.SECRET) {
            throw new IllegalArgumentException("publicKeyFile (or publicKeyPem) must be given: the CloudFront public key "
                    + "of the key pair whose private key goes into the secret (openssl rsa -pubout)");
        }
        if (previousPublicKey.isPresent() && publicKey.isEmpty()) {
            throw new IllegalArgumentException("previousPublicKeyFile needs publicKeyFile: it is the key being rotated out");
        }
        if (previousPublicKey.isPresent() && previousPublicKey.get().fingerprint().equals(publicKey.get().fingerprint())) {
            throw new IllegalArgumentException("previousPublicKeyFile is the same key as publicKeyFile");
        }
        if (siteOrigin.isPresent() && publicKey.isEmpty()) {
            throw new IllegalArgumentException("siteOrigin needs publicKeyFile: the site is deployed with the key group");
        }
        if (paramsSecretsLayerArn.isPresent() && keyCustody == KeyCustody.KMS) {
            throw new IllegalArgumentException("paramsSecretsLayerArn is for keyCustody=secret; the KMS signer needs no layer");
        }
        if (paramsSecretsLayerArn.isPresent() && secretReader != SecretReader.EXTENSION) {
            throw new IllegalArgumentException("paramsSecretsLayerArn is for secretReader=extension; the SDK reads the secret "
                    + "without a layer");
        }
        if (keyCustody == KeyCustody.KMS && secretReader != SecretReader.SDK) {
            throw new IllegalArgumentException("secretReader is for keyCustody=secret; the KMS signer always uses the AWS SDK");
        }
        if (cookieLifetime.isNegative() || cookieLifetime.isZero()) {
            throw new IllegalArgumentException("cookieLifetime must be positive, was " + cookieLifetime);
        }
        if (keyRefresh.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("keyRefresh must be at least PT1M, was " + keyRefresh);
        }
    }

    /**
     * Reads the settings from context values.
     *
     * @param context       the context lookup, usually {@code key -> node.tryGetContext(key)}
     * @param defaultJar    the login function's jar without the AWS SDK, used with
     *                      {@code secretReader=extension} when {@code lambdaJar} is not given
     * @param defaultSdkJar the login function's jar with the AWS SDK, used otherwise when
     *                      {@code lambdaJar} is not given
     * @return the settings
     * @throws IllegalArgumentException if a value is malformed or the values do not fit together
     *                                  (the message names the context parameter)
     */
    public static DeploySettings fromContext(Function<String, Object> context, Path defaultJar, Path defaultSdkJar) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(defaultJar, "defaultJar");
        Objects.requireNonNull(defaultSdkJar, "defaultSdkJar");
        Optional<CloudFrontKey> key = pem(context, "publicKeyPem", "publicKeyFile");
        Optional<CloudFrontKey> previous = pem(context, "previousPublicKeyPem", "previousPublicKeyFile");
        Optional<URI> origin = text(context, "siteOrigin").map(DeploySettings::siteOrigin);
        KeyCustody custody = text(context, "keyCustody").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "secret" -> KeyCustody.SECRET;
            case "kms" -> KeyCustody.KMS;
            default -> throw new IllegalArgumentException("keyCustody must be secret or kms, was " + v);
        }).orElse(KeyCustody.SECRET);
        Optional<SecretReader> readerGiven = text(context, "secretReader").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "sdk" -> SecretReader.SDK;
            case "extension" -> SecretReader.EXTENSION;
            default -> throw new IllegalArgumentException("secretReader must be sdk or extension, was " + v);
        });
        if (readerGiven.isPresent() && custody == KeyCustody.KMS) {
            throw new IllegalArgumentException("secretReader is for keyCustody=secret; the KMS signer always uses the AWS SDK");
        }
        SecretReader reader = readerGiven.orElse(SecretReader.SDK);
        Architecture arch = text(context, "architecture").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "x86_64" -> Architecture.X86_64;
            case "arm64" -> Architecture.ARM64;
            default -> throw new IllegalArgumentException("architecture must be x86_64 or arm64, was " + v);
        }).orElse(Architecture.X86_64);
        Optional<String> layer = text(context, "paramsSecretsLayerArn").map(v -> {
            if (!LAYER_ARN.matcher(v).matches()) {
                throw new IllegalArgumentException("paramsSecretsLayerArn must be a layer version ARN "
                        + "(arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION), was " + v);
            }
            return v;
        });
        Path jar = text(context, "lambdaJar").map(Path::of)
                .orElse(reader == SecretReader.EXTENSION ? defaultJar : defaultSdkJar);
        Duration lifetime = text(context, "cookieLifetime").map(v -> duration("cookieLifetime", v))
                .orElse(DEFAULT_COOKIE_LIFETIME);
        Duration refresh = text(context, "keyRefresh").map(v -> duration("keyRefresh", v)).orElse(DEFAULT_KEY_REFRESH);
        Optional<String> prefix = text(context, "authDomainPrefix").map(v -> {
            if (!DOMAIN_PREFIX.matcher(v).matches() || v.contains("aws") || v.contains("amazon") || v.contains("cognito")) {
                throw new IllegalArgumentException("authDomainPrefix must be lower-case letters, digits and hyphens "
                        + "without 'aws', 'amazon' or 'cognito', was " + v);
            }
            return v;
        });
        boolean mfa = text(context, "requireMfa").map(v -> bool("requireMfa", v)).orElse(false);
        // The Parameters and Secrets extension authenticates its caller with AWS_SESSION_TOKEN, which
        // Lambda does not set for SnapStart functions (they get container credentials instead).
        boolean snapStart = text(context, "snapStart").map(v -> bool("snapStart", v))
                .orElse(reader != SecretReader.EXTENSION);
        return new DeploySettings(key, previous, origin, custody, reader, arch, layer, jar, lifetime, refresh, prefix, mfa,
                snapStart);
    }

    /**
     * Returns whether the login function reads or signs with its key through the AWS SDK (and so
     * needs the {@code -aws-sdk} jar): always with KMS, and with a secret unless the extension reads it.
     */
    public boolean usesSdk() {
        return keyCustody == KeyCustody.KMS || secretReader == SecretReader.SDK;
    }

    /** Returns what this synthesis deploys. */
    public Stage stage() {
        if (publicKey.isEmpty()) {
            return Stage.SIGNING_KEY;
        }
        return siteOrigin.isEmpty() ? Stage.SITE : Stage.COMPLETE;
    }

    private static URI siteOrigin(String value) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("siteOrigin must be a URL such as https://d111111abcdef8.cloudfront.net, was "
                    + value, e);
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("siteOrigin must be https://HOST with no path, such as "
                    + "https://d111111abcdef8.cloudfront.net (the stack's SiteUrl output), was " + value);
        }
        return uri;
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was " + value);
        };
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT1H, was " + value, e);
        }
    }

    private static Optional<CloudFrontKey> pem(Function<String, Object> context, String pemName, String fileName) {
        Optional<String> pem = text(context, pemName);
        Optional<String> file = text(context, fileName);
        if (pem.isPresent() && file.isPresent()) {
            throw new IllegalArgumentException("give " + pemName + " or " + fileName + ", not both");
        }
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(fileName + " names no readable file: " + path.toAbsolutePath());
            }
            try {
                return Optional.of(CloudFrontKey.parse(fileName, Files.readString(path, StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException(fileName + " could not be read: " + path.toAbsolutePath(), e);
            }
        }
        return pem.map(p -> CloudFrontKey.parse(pemName, p.replace("\\n", "\n")));
    }

    private static Optional<String> text(Function<String, Object> context, String name) {
        Object value = context.apply(name);
        if (value == null) {
            return Optional.empty();
        }
        String s = value.toString().strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
