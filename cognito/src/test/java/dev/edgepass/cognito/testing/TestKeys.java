package dev.edgepass.cognito.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/** Generated RSA keys with key ids, cached per name so each test run generates each key once. */
public final class TestKeys {

    private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

    private TestKeys() {}

    /** Returns the 2048-bit RSA key pair named {@code name}, generating it on first use. */
    public static KeyPair rsa(String name) {
        return PAIRS.computeIfAbsent(name, n -> generate(2048));
    }

    /** Returns a fresh RSA key pair of {@code bits} bits. */
    public static KeyPair generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the public JWK for {@code pair}: kty RSA, use sig, alg RS256, the given kid. */
    public static RsaJsonWebKey jwk(String kid, KeyPair pair) {
        return jwk(kid, pair, "sig", "RS256");
    }

    /** Returns the public JWK for {@code pair} with the given use and alg (either may be null). */
    public static RsaJsonWebKey jwk(String kid, KeyPair pair, String use, String alg) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(kid);
        if (use != null) {
            jwk.setUse(use);
        }
        if (alg != null) {
            jwk.setAlgorithm(alg);
        }
        return jwk;
    }

    /** Returns a JWKS document holding {@code keys}, public parts only, as Cognito serves it. */
    public static String jwks(JsonWebKey... keys) {
        return new JsonWebKeySet(new ArrayList<>(List.of(keys))).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Returns a JWKS with one RS256 signing key per name, the name being the kid. */
    public static String jwksFor(String... names) {
        JsonWebKey[] keys = new JsonWebKey[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = jwk(names[i], rsa(names[i]));
        }
        return jwks(keys);
    }
}
