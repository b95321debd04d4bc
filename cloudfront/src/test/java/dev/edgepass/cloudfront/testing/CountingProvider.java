package dev.edgepass.cloudfront.testing;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JCA provider for tests: the JDK's own RSA key factory and RSA signatures behind a provider of
 * its own, counting how often a key is converted to it, so a test can see that edgepass converts a
 * key once per provider and keeps it.
 */
public final class CountingProvider extends Provider {

    private static final long serialVersionUID = 1L;
    private static final String[] SIGNATURES = {"SHA1withRSA", "SHA256withRSA"};

    private final transient AtomicInteger keyConversions = new AtomicInteger();

    /** Creates the provider; it is never installed in {@link java.security.Security}. */
    public CountingProvider() {
        super("EdgepassCounting", "1.0", "test provider: the JDK's RSA, counting key conversions");
        putService(new Service(this, "KeyFactory", "RSA", CountingKeyFactory.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                return new CountingKeyFactory(keyConversions);
            }
        });
        for (String algorithm : SIGNATURES) {
            putService(new Service(this, "Signature", algorithm, JdkSignature.class.getName(), null, null) {
                @Override
                public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                    return new JdkSignature(algorithm);
                }
            });
        }
    }

    /** Returns how many keys have been converted to this provider ({@code KeyFactory.translateKey}). */
    public int keyConversions() {
        return keyConversions.get();
    }

    private static final class CountingKeyFactory extends KeyFactorySpi {
        private final AtomicInteger conversions;
        private final KeyFactory jdk;

        CountingKeyFactory(AtomicInteger conversions) throws NoSuchAlgorithmException {
            this.conversions = conversions;
            this.jdk = KeyFactory.getInstance("RSA");
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
            return jdk.generatePublic(spec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
            return jdk.generatePrivate(spec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type) throws InvalidKeySpecException {
            return jdk.getKeySpec(key, type);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            conversions.incrementAndGet();
            return jdk.translateKey(key);
        }
    }

    private static final class JdkSignature extends SignatureSpi {
        private final Signature jdk;

        JdkSignature(String algorithm) throws NoSuchAlgorithmException {
            this.jdk = Signature.getInstance(algorithm);
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            jdk.initVerify(key);
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            jdk.initSign(key);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            jdk.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            jdk.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return jdk.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            return jdk.verify(signature);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
