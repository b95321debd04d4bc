package dev.edgepass.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.core.internal.Jca;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Provider choice: ACCP is on this module's test class path (an optional dependency). */
class SignatureProvidersTest {

    @Test
    void accp_onClassPath_isFoundAndHealthy() {
        Provider accp = SignatureProviders.accp().orElseThrow();

        assertEquals("AmazonCorrettoCryptoProvider", accp.getName());
    }

    @Test
    void preferred_byDefault_isAccp() {
        assertEquals(SignatureProviders.accp(), SignatureProviders.preferred());
    }

    @Test
    void preferred_withPropertyJdk_isEmpty() {
        String before = System.getProperty(SignatureProviders.PROPERTY);
        System.setProperty(SignatureProviders.PROPERTY, "jdk");
        try {
            assertTrue(SignatureProviders.preferred().isEmpty());
        } finally {
            if (before == null) {
                System.clearProperty(SignatureProviders.PROPERTY);
            } else {
                System.setProperty(SignatureProviders.PROPERTY, before);
            }
        }
    }

    @Test
    void accp_isNeverInstalledGlobally() {
        SignatureProviders.accp().orElseThrow();

        assertFalse(Arrays.stream(Security.getProviders()).anyMatch(p -> p.getName().contains("Corretto")));
    }

    @Test
    void translate_toAccp_givesProviderKeyAndByteIdenticalRsaSignature() throws Exception {
        Provider accp = SignatureProviders.accp().orElseThrow();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        byte[] data = "policy".getBytes(StandardCharsets.UTF_8);

        PrivateKey accpKey = Jca.translate(pair.getPrivate(), accp);
        PublicKey accpPublic = Jca.translate(pair.getPublic(), accp);

        assertNotSame(pair.getPrivate().getClass(), accpKey.getClass());
        byte[] fromAccp = sign(Jca.signature("SHA256withRSA", accp), accpKey, data);
        byte[] fromJdk = sign(Jca.signature("SHA256withRSA", null), pair.getPrivate(), data);
        assertArrayEquals(fromJdk, fromAccp);
        Signature verifier = Jca.signature("SHA256withRSA", accp);
        verifier.initVerify(accpPublic);
        verifier.update(data);
        assertTrue(verifier.verify(fromJdk));
    }

    private static byte[] sign(Signature signature, PrivateKey key, byte[] data) throws Exception {
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }
}
