package dev.edgepass.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.core.PemKeys;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * A key pair made by openssl in a test directory: RSA-2048 as in the CloudFront guide, or EC P-256.
 *
 * @param privatePem the private key file
 * @param publicPem  the public key file ({@code BEGIN PUBLIC KEY})
 * @param privateKey the private key, loaded
 * @param publicKey  the public key, loaded
 */
public record Keys(Path privatePem, Path publicPem, PrivateKey privateKey, PublicKey publicKey) {

    /** Makes an RSA-2048 pair named {@code name} in {@code dir}. */
    public static Keys rsa(Path dir, String name) {
        sh(dir, "openssl genrsa -out " + name + ".pem 2048");
        return load(dir, name);
    }

    /** Makes an EC P-256 pair named {@code name} in {@code dir}. */
    public static Keys ec(Path dir, String name) {
        sh(dir, "openssl ecparam -name prime256v1 -genkey -noout -out " + name + ".pem");
        return load(dir, name);
    }

    private static Keys load(Path dir, String name) {
        sh(dir, "openssl pkey -in " + name + ".pem -pubout -out " + name + ".pub.pem");
        Path priv = dir.resolve(name + ".pem");
        Path pub = dir.resolve(name + ".pub.pem");
        return new Keys(priv, pub, PemKeys.privateKey(priv), PemKeys.publicKey(pub));
    }

    /** Runs {@code sh -c script} in {@code dir} and fails unless it exits 0; returns stdout and stderr. */
    public static Cli.Result sh(Path dir, String script) {
        Cli.Result r = Cli.exec(dir, null, Map.of(), List.of("sh", "-c", script));
        assertEquals(0, r.exit(), () -> "command failed: " + script + "\n" + r);
        return r;
    }
}
