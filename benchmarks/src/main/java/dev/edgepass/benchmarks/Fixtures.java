package dev.edgepass.benchmarks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;

/** Keys, a CloudFront policy and a Cognito-shaped token shared by the benchmarks. */
final class Fixtures {

    static final String KEY_PAIR_ID = "K2JCJMDEHXQW5F";
    /** A wildcard makes the policy custom, so edgepass and the AWS SDK sign the same statement. */
    static final String RESOURCE = "https://d111111abcdef8.cloudfront.net/private/app/*";
    /** A fixed expiry, so that every run signs the same policy bytes. */
    static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    static final String REGION = "eu-west-2";
    static final String USER_POOL_ID = REGION + "_Bench1234";
    static final String ISSUER = "https://cognito-idp." + REGION + ".amazonaws.com/" + USER_POOL_ID;
    static final String CLIENT_ID = "3k7b2c9vq1q8o0d5hfk2e4m6ah";
    static final String KID = "bench-kid-1";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Fixtures() {}

    static KeyPair rsa2048() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ecP256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** The CloudFront custom policy statement for {@link #RESOURCE} and {@link #EXPIRES}. */
    static String policyJson() {
        return "{\"Statement\":[{\"Resource\":\"" + RESOURCE
                + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + EXPIRES.getEpochSecond() + "}}}]}";
    }

    /**
     * Mints an RS256 id token shaped like the ones Cognito issues (same header and claims, similar
     * length), valid from {@code issuedAt} for one hour.
     */
    static String cognitoIdToken(PrivateKey key, Instant issuedAt) throws GeneralSecurityException {
        long iat = issuedAt.getEpochSecond();
        String header = "{\"kid\":\"" + KID + "\",\"alg\":\"RS256\"}";
        String payload = "{\"sub\":\"aab3c1f0-4f1e-4a6f-9d0c-6f5a0e3b7c21\","
                + "\"cognito:groups\":[\"readers\",\"staff\"],"
                + "\"email_verified\":true,"
                + "\"iss\":\"" + ISSUER + "\","
                + "\"cognito:username\":\"aab3c1f0-4f1e-4a6f-9d0c-6f5a0e3b7c21\","
                + "\"origin_jti\":\"5e7c9d2a-8b1f-4c3e-a0d6-2f4b8e1c7a93\","
                + "\"aud\":\"" + CLIENT_ID + "\","
                + "\"event_id\":\"c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e0f\","
                + "\"token_use\":\"id\","
                + "\"auth_time\":" + iat + ","
                + "\"exp\":" + (iat + 3600) + ","
                + "\"iat\":" + iat + ","
                + "\"jti\":\"0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b\","
                + "\"email\":\"jane.doe@example.com\"}";
        String signingInput = b64url(header) + "." + b64url(payload);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL.encodeToString(s.sign());
    }

    /** The JWKS document holding {@code key} under {@link #KID}, as Cognito publishes it. */
    static String jwks(RSAPublicKey key) {
        return "{\"keys\":[{\"alg\":\"RS256\",\"e\":\"" + b64url(key.getPublicExponent())
                + "\",\"kid\":\"" + KID + "\",\"kty\":\"RSA\",\"n\":\"" + b64url(key.getModulus())
                + "\",\"use\":\"sig\"}]}";
    }

    static Provider jdkProviderFor(String algorithm) throws GeneralSecurityException {
        return Signature.getInstance(algorithm).getProvider();
    }

    private static String b64url(String s) {
        return B64URL.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64url(BigInteger i) {
        byte[] bytes = i.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] unsigned = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, unsigned, 0, unsigned.length);
            bytes = unsigned;
        }
        return B64URL.encodeToString(bytes);
    }
}
