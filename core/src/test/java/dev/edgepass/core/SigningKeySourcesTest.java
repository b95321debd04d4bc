package dev.edgepass.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.testing.Keys;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeySourcesTest {

    static final KeyPair RSA = Keys.rsa(2048);

    @TempDir
    Path dir;

    @Test
    void pemFile_readsTheKeyWithTheGivenId() throws IOException {
        Path file = Files.writeString(dir.resolve("key.pem"), Keys.privatePem(RSA));

        SigningKey key = SigningKeySources.pemFile("K2JCJMDEHXQW5F", file).load();

        assertEquals("K2JCJMDEHXQW5F", key.keyPairId());
        assertEquals(RSA.getPrivate(), key.privateKey());
    }

    @Test
    void file_jsonFile_readsIdAndKey() throws IOException {
        Path file = Files.writeString(dir.resolve("key.json"), Keys.jsonSecret("K9", RSA));

        assertEquals("K9", SigningKeySources.file(file, SecretFormat.json()).load().keyPairId());
    }

    @Test
    void file_missing_isNotFound() {
        KeySourceException e = assertThrows(KeySourceException.class,
                () -> SigningKeySources.pemFile("K1", dir.resolve("absent.pem")).load());

        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("absent.pem"));
    }

    @Test
    void file_derBytes_isMalformedWithAHint() throws IOException {
        Path file = Files.write(dir.resolve("key.der"), RSA.getPrivate().getEncoded());

        KeySourceException e = assertThrows(KeySourceException.class, () -> SigningKeySources.pemFile("K1", file).load());

        assertEquals(Reason.MALFORMED_SECRET, e.reason());
    }

    @Test
    void environment_readsAndReportsAbsence() {
        Map<String, String> env = Map.of("CF_KEY", Keys.jsonSecret("K7", RSA));

        assertEquals("K7", SigningKeySources.environment("CF_KEY", SecretFormat.json(), env).load().keyPairId());
        KeySourceException e = assertThrows(KeySourceException.class,
                () -> SigningKeySources.environment("OTHER", SecretFormat.json(), env).load());
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("OTHER"));
    }

    @Test
    void classpath_readsAResourceAndReportsAbsence() throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/cloudfront.pem"), Keys.privatePem(RSA), StandardCharsets.UTF_8);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            SigningKey key = SigningKeySources.classpath("keys/cloudfront.pem", SecretFormat.pem("K5"), loader).load();
            assertEquals("K5", key.keyPairId());

            KeySourceException e = assertThrows(KeySourceException.class,
                    () -> SigningKeySources.classpath("keys/none.pem", SecretFormat.pem("K5"), loader).load());
            assertEquals(Reason.NOT_FOUND, e.reason());
        }
    }

    @Test
    void factories_badArguments_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> SigningKeySources.pemFile("bad id", dir));
        assertThrows(IllegalArgumentException.class, () -> SigningKeySources.pemEnvironment("K1", " "));
        assertThrows(NullPointerException.class, () -> SigningKeySources.pemClasspath("K1", null));
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("", RSA.getPrivate()));
        assertThrows(KeyFormatException.class, () -> new SigningKey("K1", Keys.rsa(1024).getPrivate()));
    }
}
