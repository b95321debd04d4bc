package dev.edgepass.core;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.core.KeySourceException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The signing-key sources edgepass ships without the AWS SDK: a PEM (or JSON) file, an environment
 * variable, a class path resource, and AWS Secrets Manager or SSM Parameter Store through the AWS
 * Parameters and Secrets Lambda Extension. The AWS SDK sources are in {@code edgepass-aws}.
 *
 * <pre>{@code
 * SigningKeySource local = SigningKeySources.pemFile("K2JCJMDEHXQW5F", Path.of("private_key.pem"));
 * SigningKeySource inLambda = SigningKeySources.secretsManagerExtension("prod/cloudfront-signing-key");
 * RefreshingKeySource keys = RefreshingKeySource.builder(inLambda).refreshAfter(Duration.ofMinutes(5)).build();
 * }</pre>
 *
 * <p>Every source built here is immutable and thread-safe, reads its value on each
 * {@link SigningKeySource#load()}, and never puts the value into a message or {@code toString()}.
 */
public final class SigningKeySources {

    private SigningKeySources() {}

    /**
     * Returns a source reading a PEM private key from a file, for the key pair id given.
     *
     * @param keyPairId the CloudFront key pair id, such as {@code K2JCJMDEHXQW5F}
     * @param path      the PEM file; a JSON file in {@link SecretFormat}'s form works too
     * @return the source
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code keyPairId} is malformed
     */
    public static SigningKeySource pemFile(String keyPairId, Path path) {
        return file(path, SecretFormat.pem(keyPairId));
    }

    /**
     * Returns a source reading a file in the given format (JSON with key pair id and key, or PEM).
     *
     * @param path   the file, read as UTF-8 on each load
     * @param format how the file holds the key
     * @return the source
     * @throws NullPointerException if an argument is null
     */
    public static SigningKeySource file(Path path, SecretFormat format) {
        return new FileSource(Objects.requireNonNull(path, "path"), Objects.requireNonNull(format, "format"));
    }

    /**
     * Returns a source reading a PEM private key from an environment variable of this process.
     *
     * @param keyPairId the CloudFront key pair id
     * @param variable  the variable's name, such as {@code CLOUDFRONT_PRIVATE_KEY}
     * @return the source
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code keyPairId} is malformed or {@code variable} blank
     */
    public static SigningKeySource pemEnvironment(String keyPairId, String variable) {
        return environment(variable, SecretFormat.pem(keyPairId));
    }

    /**
     * Returns a source reading an environment variable of this process in the given format.
     *
     * @param variable the variable's name
     * @param format   how the variable holds the key
     * @return the source
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code variable} is blank
     */
    public static SigningKeySource environment(String variable, SecretFormat format) {
        return environment(variable, format, System.getenv());
    }

    /**
     * Returns a source reading a variable from the given environment map (tests, or a
     * configuration map standing in for the process environment).
     *
     * @param variable    the variable's name
     * @param format      how the variable holds the key
     * @param environment the environment, read on each load
     * @return the source
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code variable} is blank
     */
    public static SigningKeySource environment(String variable, SecretFormat format, Map<String, String> environment) {
        Objects.requireNonNull(variable, "variable");
        if (variable.isBlank()) {
            throw new IllegalArgumentException("variable must not be blank");
        }
        return new EnvironmentSource(variable, Objects.requireNonNull(format, "format"),
                Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Returns a source reading a PEM private key from a class path resource of this class's loader.
     *
     * @param keyPairId the CloudFront key pair id
     * @param resource  the resource name, such as {@code keys/cloudfront.pem} (no leading {@code /})
     * @return the source
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code keyPairId} is malformed or {@code resource} blank
     */
    public static SigningKeySource pemClasspath(String keyPairId, String resource) {
        return classpath(resource, SecretFormat.pem(keyPairId), SigningKeySources.class.getClassLoader());
    }

    /**
     * Returns a source reading a class path resource in the given format.
     *
     * @param resource the resource name as for {@link ClassLoader#getResourceAsStream(String)}
     * @param format   how the resource holds the key
     * @param loader   the class loader to read it from
     * @return the source
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code resource} is blank
     */
    public static SigningKeySource classpath(String resource, SecretFormat format, ClassLoader loader) {
        Objects.requireNonNull(resource, "resource");
        if (resource.isBlank()) {
            throw new IllegalArgumentException("resource must not be blank");
        }
        return new ClasspathSource(resource, Objects.requireNonNull(format, "format"), Objects.requireNonNull(loader, "loader"));
    }

    /**
     * Returns a source reading a Secrets Manager secret through the AWS Parameters and Secrets
     * Lambda Extension, with the defaults of {@link LambdaExtensionKeySource#secretsManager(String)}:
     * JSON format, port from {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT} (default 2773), token
     * from {@code AWS_SESSION_TOKEN}.
     *
     * @param secretId the secret's name or ARN
     * @return the source
     * @throws NullPointerException     if {@code secretId} is null
     * @throws IllegalArgumentException if it is blank
     * @throws IllegalStateException    if {@code AWS_SESSION_TOKEN} is not set (not inside Lambda)
     */
    public static LambdaExtensionKeySource secretsManagerExtension(String secretId) {
        return LambdaExtensionKeySource.secretsManager(secretId).build();
    }

    /**
     * Returns a source reading an SSM Parameter Store parameter (decrypted, so a
     * {@code SecureString} works) through the AWS Parameters and Secrets Lambda Extension, with
     * the defaults of {@link LambdaExtensionKeySource#parameterStore(String)}.
     *
     * @param name the parameter's name or ARN, such as {@code /edgepass/cloudfront-key}
     * @return the source
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if it is blank
     * @throws IllegalStateException    if {@code AWS_SESSION_TOKEN} is not set (not inside Lambda)
     */
    public static LambdaExtensionKeySource parameterStoreExtension(String name) {
        return LambdaExtensionKeySource.parameterStore(name).build();
    }

    private record FileSource(Path path, SecretFormat format) implements SigningKeySource {
        @Override
        public SigningKey load() {
            String what = description();
            byte[] bytes;
            try {
                if (Files.size(path) > SecretFormat.MAX_VALUE_CHARS * 4L) {
                    throw new KeySourceException(Reason.MALFORMED_SECRET, what + " is larger than any key file");
                }
                bytes = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new KeySourceException(Reason.NOT_FOUND, what + " does not exist", e);
            } catch (AccessDeniedException e) {
                throw new KeySourceException(Reason.ACCESS_DENIED, what + " is not readable", e);
            } catch (IOException e) {
                throw new KeySourceException(Reason.UNAVAILABLE, what + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
            }
            return format.parse(utf8(bytes, what), what);
        }

        @Override
        public String description() {
            return "key file " + quote(path.toString());
        }

        @Override
        public String toString() {
            return description();
        }
    }

    private record EnvironmentSource(String variable, SecretFormat format, Map<String, String> environment)
            implements SigningKeySource {
        @Override
        public SigningKey load() {
            String value = environment.get(variable);
            if (value == null) {
                throw new KeySourceException(Reason.NOT_FOUND, description() + " is not set");
            }
            return format.parse(value, description());
        }

        @Override
        public String description() {
            return "environment variable " + quote(variable);
        }

        @Override
        public String toString() {
            return description();
        }
    }

    private record ClasspathSource(String resource, SecretFormat format, ClassLoader loader) implements SigningKeySource {
        @Override
        public SigningKey load() {
            byte[] bytes;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new KeySourceException(Reason.NOT_FOUND, description() + " is not on the class path");
                }
                bytes = in.readNBytes(SecretFormat.MAX_VALUE_CHARS * 4 + 1);
            } catch (IOException e) {
                throw new KeySourceException(Reason.UNAVAILABLE, description() + " cannot be read ("
                        + e.getClass().getSimpleName() + ")", e);
            }
            if (bytes.length > SecretFormat.MAX_VALUE_CHARS * 4) {
                throw new KeySourceException(Reason.MALFORMED_SECRET, description() + " is larger than any key file");
            }
            return format.parse(utf8(bytes, description()), description());
        }

        @Override
        public String description() {
            return "class path resource " + quote(resource);
        }

        @Override
        public String toString() {
            return description();
        }
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KeySourceException(Reason.MALFORMED_SECRET, what + " is not UTF-8 text (a DER file? convert it with"
                    + " openssl pkey -inform DER -in key.der -out key.pem)", e);
        }
    }
}
