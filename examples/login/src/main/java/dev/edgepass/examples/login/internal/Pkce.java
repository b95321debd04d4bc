package dev.edgepass.examples.login.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random values for the authorization-code flow: PKCE verifiers and challenges (RFC 7636), and state. */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {}

    /** Returns a code verifier: 32 random bytes, base64url, 43 characters (RFC 7636 section 4.1). */
    public static String newVerifier() {
        return random(32);
    }

    /** Returns an unguessable {@code state} value: 16 random bytes, base64url. */
    public static String newState() {
        return random(16);
    }

    /**
     * Returns the S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))).
     *
     * @param verifier the code verifier
     * @return the challenge
     */
    public static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return BASE64URL.encodeToString(b);
    }
}
