package dev.edgepass.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.edgepass.cognito.CognitoToken;
import dev.edgepass.cognito.CognitoTokenVerifier;
import dev.edgepass.cognito.TokenUse;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.internal.Jca;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureSpi;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures the verification of one warm Cognito id token (RS256, RSA-2048, key already known),
 * next to the raw signature check it is built on and to the Java JWT libraries people use instead.
 *
 * <p>All methods verify the same token with the same public key:
 * <ul>
 *   <li>{@code rawJdk} / {@code rawAccp}: a bare JCA {@code SHA256withRSA} {@link Signature} from the
 *       JDK provider or ACCP, initialised once per thread, checking the token's signing input
 *       against its decoded signature ({@code update} + {@code verify}). The floor.</li>
 *   <li>{@code edgepassJdk} / {@code edgepassAccp}: {@code CognitoTokenVerifier.verify} with the
 *       provider pinned, the JWKS seeded through the builder (no HTTP), no token cache.</li>
 *   <li>{@code edgepassCacheHit}: the verifier with its verified-token cache on, for a token it has
 *       already verified.</li>
 *   <li>{@code edgepassNoSignature}: a diagnostic, not a way to verify. The verifier on a provider
 *       whose {@code SHA256withRSA} accepts any signature at no cost, so that what remains is the
 *       library's own work per token (parse, decode, checks); {@code edgepassAccp} should cost
 *       about {@code rawAccp} plus this.</li>
 *   <li>{@code nimbus}: Nimbus JOSE+JWT {@code DefaultJWTProcessor} with an {@code ImmutableJWKSet}
 *       and the same issuer, audience and {@code token_use} checks.</li>
 *   <li>{@code jose4j}: plain jose4j {@code JwtConsumer} with a {@code JwksVerificationKeyResolver}.</li>
 *   <li>{@code auth0}: auth0 {@code java-jwt} with a key provider resolving the {@code kid}.</li>
 * </ul>
 * The peers use the JDK provider, as they do by default. All set-up is in {@link #setUp()}.
 *
 * <p>Run (one fork, allocation per operation included):
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar TokenVerifyBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerifyBenchmark {

    private String token;
    private byte[] signingInput;
    private byte[] signature;

    private Signature jdkSignature;
    private Signature accpSignature;

    private CognitoTokenVerifier edgepassJdk;
    private CognitoTokenVerifier edgepassAccp;
    private CognitoTokenVerifier edgepassCached;
    private CognitoTokenVerifier edgepassNoSignature;

    private DefaultJWTProcessor<SecurityContext> nimbus;
    private JwtConsumer jose4j;
    private JWTVerifier auth0;

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = Fixtures.rsa2048();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        token = Fixtures.cognitoIdToken(pair.getPrivate(), Instant.now());
        String jwks = Fixtures.jwks(publicKey);

        int lastDot = token.lastIndexOf('.');
        signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));

        Provider jdk = Fixtures.jdkProviderFor("SHA256withRSA");
        Provider accp = SignatureProviders.accp()
                .orElseThrow(() -> new IllegalStateException("ACCP is not available on this machine"));
        jdkSignature = Signature.getInstance("SHA256withRSA", jdk);
        jdkSignature.initVerify(Jca.translate((PublicKey) publicKey, jdk));
        accpSignature = Signature.getInstance("SHA256withRSA", accp);
        accpSignature.initVerify(Jca.translate((PublicKey) publicKey, accp));

        edgepassJdk = verifier(jwks).provider(jdk).build();
        edgepassAccp = verifier(jwks).provider(accp).build();
        edgepassCached = verifier(jwks).provider(accp).cacheVerifiedTokens(1024).build();
        edgepassNoSignature = verifier(jwks).provider(new FreeSignatureProvider()).build();

        nimbus = new DefaultJWTProcessor<>();
        nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(jwks))));
        nimbus.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Fixtures.CLIENT_ID,
                new JWTClaimsSet.Builder().issuer(Fixtures.ISSUER).claim("token_use", "id").build(),
                Set.of("sub", "exp", "iat")));

        jose4j = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(Fixtures.ISSUER)
                .setExpectedAudience(Fixtures.CLIENT_ID)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .build();

        Map<String, RSAPublicKey> keysById = Map.of(Fixtures.KID, publicKey);
        auth0 = JWT.require(com.auth0.jwt.algorithms.Algorithm.RSA256(new RSAKeyProvider() {
                    @Override
                    public RSAPublicKey getPublicKeyById(String keyId) {
                        return keysById.get(keyId);
                    }

                    @Override
                    public RSAPrivateKey getPrivateKey() {
                        return null;
                    }

                    @Override
                    public String getPrivateKeyId() {
                        return null;
                    }
                }))
                .withIssuer(Fixtures.ISSUER)
                .withAudience(Fixtures.CLIENT_ID)
                .withClaim("token_use", "id")
                .withClaimPresence("sub")
                .build();

        check();
    }

    private static CognitoTokenVerifier.Builder verifier(String jwks) {
        return CognitoTokenVerifier.builder()
                .userPoolId(Fixtures.USER_POOL_ID)
                .clientId(Fixtures.CLIENT_ID)
                .tokenUse(TokenUse.ID)
                .jwks(jwks);
    }

    /** Fails the run when any verifier rejects the token, so nothing measures a failure path. */
    private void check() throws Exception {
        if (!rawJdk() || !rawAccp()) {
            throw new IllegalStateException("raw signature check failed");
        }
        edgepassJdk();
        edgepassAccp();
        edgepassCacheHit();
        edgepassNoSignature();
        nimbus();
        jose4j();
        auth0();
    }

    @Benchmark
    public boolean rawJdk() throws GeneralSecurityException {
        jdkSignature.update(signingInput);
        return jdkSignature.verify(signature);
    }

    @Benchmark
    public boolean rawAccp() throws GeneralSecurityException {
        accpSignature.update(signingInput);
        return accpSignature.verify(signature);
    }

    @Benchmark
    public CognitoToken edgepassJdk() {
        return edgepassJdk.verify(token);
    }

    @Benchmark
    public CognitoToken edgepassAccp() {
        return edgepassAccp.verify(token);
    }

    @Benchmark
    public CognitoToken edgepassCacheHit() {
        return edgepassCached.verify(token);
    }

    @Benchmark
    public CognitoToken edgepassNoSignature() {
        return edgepassNoSignature.verify(token);
    }

    @Benchmark
    public JWTClaimsSet nimbus() throws Exception {
        return nimbus.process(token, null);
    }

    @Benchmark
    public JwtClaims jose4j() throws Exception {
        return jose4j.processToClaims(token);
    }

    @Benchmark
    public DecodedJWT auth0() {
        return auth0.verify(token);
    }

    /**
     * A provider whose {@code SHA256withRSA} accepts every signature and does no work, with the
     * JDK's RSA key factory, for {@link #edgepassNoSignature()} only.
     */
    static final class FreeSignatureProvider extends Provider {
        private static final long serialVersionUID = 1L;

        FreeSignatureProvider() {
            super("EdgepassBenchFree", "1", "accepts every signature; benchmark diagnostic only");
            put("Signature.SHA256withRSA", FreeSignature.class.getName());
            put("KeyFactory.RSA", "sun.security.rsa.RSAKeyFactory$Legacy");
        }
    }

    /** Accepts every signature without looking at it. */
    public static final class FreeSignature extends SignatureSpi {
        @Override
        protected void engineInitVerify(PublicKey publicKey) {}

        @Override
        protected void engineInitSign(PrivateKey privateKey) {
            throw new UnsupportedOperationException("verify only");
        }

        @Override
        protected void engineUpdate(byte b) {}

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {}

        @Override
        protected byte[] engineSign() {
            throw new UnsupportedOperationException("verify only");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return true;
        }

        // Overridden, as ACCP does, so that the JDK's default does not copy the signature: the
        // diagnostic then counts the library's work and no provider's.
        @Override
        protected boolean engineVerify(byte[] sigBytes, int offset, int length) {
            return true;
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
