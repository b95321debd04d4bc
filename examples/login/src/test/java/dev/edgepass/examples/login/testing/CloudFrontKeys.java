package dev.edgepass.examples.login.testing;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedRequestValidator;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A freshly generated CloudFront RSA-2048 key pair, its id, and the factory and validator on it. */
public final class CloudFrontKeys {

    /** The key pair id used in tests. */
    public static final String KEY_PAIR_ID = "K2JCJMDEHXQW5F";

    private final KeyPair keyPair;

    private CloudFrontKeys(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** Generates a new key pair. */
    public static CloudFrontKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new CloudFrontKeys(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the key pair. */
    public KeyPair keyPair() {
        return keyPair;
    }

    /** Returns the private key as PKCS#8 PEM. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
    }

    /** Returns the public key as X.509 SubjectPublicKeyInfo PEM, as CloudFront stores it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", keyPair.getPublic().getEncoded());
    }

    /** Returns a cookie factory with the default attributes ({@code Secure}, {@code HttpOnly}, {@code Path=/}). */
    public SignedCookieFactory cookieFactory() {
        return SignedCookieFactory.builder()
                .signer(CloudFrontSigner.of(KEY_PAIR_ID, keyPair.getPrivate()))
                .build();
    }

    /** Returns a validator trusting this key, at the fixtures' clock. */
    public SignedRequestValidator validator() {
        return SignedRequestValidator.builder()
                .trust(KEY_PAIR_ID, keyPair.getPublic())
                .clock(Fixtures.CLOCK)
                .build();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
