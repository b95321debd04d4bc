package dev.edgepass.examples.login.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) on the JDK's {@code SHA-256} {@link MessageDigest}.
 *
 * <p>The output is exactly {@code javax.crypto.Mac.getInstance("HmacSHA256")}'s. It exists because
 * the first use of {@code javax.crypto} in a JVM sets up the JCE (crypto policy files, provider
 * verification, and every provider listed before SunJCE, EC included), which costs a Lambda cold
 * start tens of milliseconds for two small MACs; {@code MessageDigest} lives in the provider the JDK
 * has already loaded.
 *
 * <p>Stateless and thread-safe.
 */
public final class HmacSha256 {

    private static final int BLOCK_BYTES = 64;

    private HmacSha256() {}

    /**
     * Returns {@code HMAC-SHA256(key, data)}.
     *
     * @param key  the key, any length (longer than 64 bytes is hashed first, as RFC 2104 says)
     * @param data the message
     * @return the 32-byte MAC
     */
    public static byte[] mac(byte[] key, byte[] data) {
        MessageDigest sha256 = sha256();
        byte[] block = key.length > BLOCK_BYTES ? sha256.digest(key) : key;
        byte[] pad = Arrays.copyOf(block, BLOCK_BYTES);
        for (int i = 0; i < BLOCK_BYTES; i++) {
            pad[i] ^= 0x36;
        }
        sha256.update(pad);
        sha256.update(data);
        byte[] inner = sha256.digest();
        for (int i = 0; i < BLOCK_BYTES; i++) {
            pad[i] ^= 0x36 ^ 0x5c;
        }
        sha256.update(pad);
        sha256.update(inner);
        byte[] mac = sha256.digest();
        Arrays.fill(pad, (byte) 0);
        return mac;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
