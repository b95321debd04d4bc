package dev.edgepass.benchmarks;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedCookies;
import dev.edgepass.cloudfront.SigningFunction;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.internal.Jca;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.cookie.CookiesForCustomPolicy;
import software.amazon.awssdk.services.cloudfront.model.CustomSignerRequest;
import software.amazon.awssdk.services.cloudfront.utils.SigningHashAlgorithm;

/**
 * Measures the cost of minting one set of CloudFront signed cookies for a custom policy, next to
 * the raw signature it is built on and to the AWS SDK for Java v2.
 *
 * <p>For each {@link Algorithm} (RSA-2048 with SHA-1 or SHA-256, ECDSA P-256 with SHA-256) and the
 * same policy statement:
 * <ul>
 *   <li>{@code rawJdk} / {@code rawAccp}: a bare JCA {@link Signature} from the JDK provider or
 *       ACCP, created and initialised once per thread, signing the policy bytes
 *       ({@code update} + {@code sign}). The floor for anything that signs.</li>
 *   <li>{@code rawJdkNewSignature} / {@code rawAccpNewSignature}: the same, plus
 *       {@code Signature.getInstance} and {@code initSign} on every call, to show what a
 *       signature object per call costs.</li>
 *   <li>{@code factoryJdk} / {@code factoryAccp}: {@code SignedCookieFactory.create(Policy)} with the
 *       signer pinned to that provider; returns the cookies (signature, base64, policy, headers).</li>
 *   <li>{@code awsSdk}: {@code CloudFrontUtilities.getCookiesForCustomPolicy} (SDK v2), which always
 *       signs with the JDK's default provider and a JDK key.</li>
 *   <li>{@code factoryReuseHit}: the factory with signature reuse on, where the policy's signature
 *       is already cached (a login burst inside one expiry bucket).</li>
 *   <li>{@code loginAccp}: what a login does per user: build the {@link Policy}, mint the cookies
 *       with the ACCP factory and render the {@code Set-Cookie} headers.</li>
 *   <li>{@code factoryNoSignature} / {@code loginNoSignature}: diagnostics, not a way to sign. The
 *       same two operations with a {@link SigningFunction} that returns a fixed signature of the
 *       right length at no cost, so that what remains is edgepass's own work per operation:
 *       {@code factoryAccp} should cost about {@code rawAccp} plus {@code factoryNoSignature}.</li>
 * </ul>
 * Keys are converted once to each provider's own key object, as edgepass does; all set-up is in
 * {@link #setUp()}, outside the measured methods.
 *
 * <p>Run (one fork, allocation per operation included):
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CookieSigningBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CookieSigningBenchmark {

    /** Key type and hash: the three combinations CloudFront accepts. */
    public enum Algorithm {
        RSA_SHA1("SHA1withRSA", HashAlgorithm.SHA1, SigningHashAlgorithm.SHA1),
        RSA_SHA256("SHA256withRSA", HashAlgorithm.SHA256, SigningHashAlgorithm.SHA256),
        ECDSA_SHA256("SHA256withECDSA", HashAlgorithm.SHA256, SigningHashAlgorithm.SHA256);

        final String jca;
        final HashAlgorithm hash;
        final SigningHashAlgorithm sdk;

        Algorithm(String jca, HashAlgorithm hash, SigningHashAlgorithm sdk) {
            this.jca = jca;
            this.hash = hash;
            this.sdk = sdk;
        }

        boolean isRsa() {
            return this != ECDSA_SHA256;
        }
    }

    @Param({"RSA_SHA1", "RSA_SHA256", "ECDSA_SHA256"})
    public Algorithm algorithm;

    private byte[] policyBytes;
    private Provider jdk;
    private Provider accp;
    private PrivateKey jdkKey;
    private PrivateKey accpKey;
    private Signature jdkSignature;
    private Signature accpSignature;

    private Policy policy;
    private SignedCookieFactory jdkFactory;
    private SignedCookieFactory accpFactory;
    private SignedCookieFactory reuseFactory;
    private SignedCookieFactory freeFactory;

    private CloudFrontUtilities sdk;
    private CustomSignerRequest sdkRequest;

    @Setup
    public void setUp() throws GeneralSecurityException {
        KeyPair pair = algorithm.isRsa() ? Fixtures.rsa2048() : Fixtures.ecP256();
        policyBytes = Fixtures.policyJson().getBytes(StandardCharsets.UTF_8);

        jdk = Fixtures.jdkProviderFor(algorithm.jca);
        accp = SignatureProviders.accp()
                .orElseThrow(() -> new IllegalStateException("ACCP is not available on this machine"));
        jdkKey = Jca.translate(pair.getPrivate(), jdk);
        accpKey = Jca.translate(pair.getPrivate(), accp);

        jdkSignature = Signature.getInstance(algorithm.jca, jdk);
        jdkSignature.initSign(jdkKey);
        accpSignature = Signature.getInstance(algorithm.jca, accp);
        accpSignature.initSign(accpKey);

        policy = Policy.builder().resource(Fixtures.RESOURCE).expiresAt(Fixtures.EXPIRES).build();
        if (!Arrays.equals(policy.toJson().getBytes(StandardCharsets.UTF_8), policyBytes)) {
            throw new IllegalStateException("edgepass signs other bytes than the raw benchmarks: " + policy.toJson());
        }
        jdkFactory = factory(signer(pair.getPrivate()).provider(jdk).build()).build();
        accpFactory = factory(signer(pair.getPrivate()).provider(accp).build()).build();
        // A fixed clock keeps the one cached entry alive for the whole run: every call is a hit.
        reuseFactory = factory(signer(pair.getPrivate()).provider(accp).build())
                .reuseSignatures(Duration.ofMinutes(1))
                .clock(Clock.fixed(Fixtures.EXPIRES.minus(Duration.ofHours(1)), ZoneOffset.UTC))
                .build();
        reuseFactory.create(policy);
        freeFactory = factory(CloudFrontSigner.builder().keyPairId(Fixtures.KEY_PAIR_ID)
                .signingFunction(new FreeSigningFunction(algorithm, rawAccp())).build()).build();
        List<String> real = loginAccp();
        List<String> free = loginNoSignature();
        for (int i = 0; i < real.size(); i++) {
            boolean signature = real.get(i).startsWith(SignedCookies.SIGNATURE + "=");
            if (real.size() != free.size() || signature != free.get(i).startsWith(SignedCookies.SIGNATURE + "=")
                    || (!signature && !real.get(i).equals(free.get(i)))) {
                throw new IllegalStateException("the diagnostic mints other cookies than the real factory: " + free);
            }
        }

        sdk = CloudFrontUtilities.create();
        sdkRequest = CustomSignerRequest.builder()
                .resourceUrl(Fixtures.RESOURCE)
                .privateKey(pair.getPrivate())
                .keyPairId(Fixtures.KEY_PAIR_ID)
                .expirationDate(Fixtures.EXPIRES)
                .hashAlgorithm(algorithm.sdk)
                .build();
    }

    private CloudFrontSigner.Builder signer(PrivateKey key) {
        return CloudFrontSigner.builder().keyPairId(Fixtures.KEY_PAIR_ID).privateKey(key).hashAlgorithm(algorithm.hash);
    }

    private static SignedCookieFactory.Builder factory(CloudFrontSigner signer) {
        return SignedCookieFactory.builder().signer(signer).domain("d111111abcdef8.cloudfront.net").path("/private/");
    }

    @Benchmark
    public byte[] rawJdk() throws GeneralSecurityException {
        jdkSignature.update(policyBytes);
        return jdkSignature.sign();
    }

    @Benchmark
    public byte[] rawAccp() throws GeneralSecurityException {
        accpSignature.update(policyBytes);
        return accpSignature.sign();
    }

    @Benchmark
    public byte[] rawJdkNewSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm.jca, jdk);
        s.initSign(jdkKey);
        s.update(policyBytes);
        return s.sign();
    }

    @Benchmark
    public byte[] rawAccpNewSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm.jca, accp);
        s.initSign(accpKey);
        s.update(policyBytes);
        return s.sign();
    }

    @Benchmark
    public SignedCookies factoryJdk() {
        return jdkFactory.create(policy);
    }

    @Benchmark
    public SignedCookies factoryAccp() {
        return accpFactory.create(policy);
    }

    @Benchmark
    public SignedCookies factoryReuseHit() {
        return reuseFactory.create(policy);
    }

    @Benchmark
    public SignedCookies factoryNoSignature() {
        return freeFactory.create(policy);
    }

    @Benchmark
    public List<String> loginAccp() {
        return accpFactory.create(loginPolicy()).setCookieHeaders();
    }

    @Benchmark
    public List<String> loginNoSignature() {
        return freeFactory.create(loginPolicy()).setCookieHeaders();
    }

    /** The policy a login builds for its user: the same statement as {@link #policy}, built afresh. */
    private static Policy loginPolicy() {
        return Policy.builder().resource(Fixtures.RESOURCE).expiresAt(Fixtures.EXPIRES).build();
    }

    @Benchmark
    public CookiesForCustomPolicy awsSdk() {
        return sdk.getCookiesForCustomPolicy(sdkRequest);
    }

    /**
     * Returns one fixed signature, made once by the real key, without any work: only for the
     * {@code NoSignature} diagnostics.
     */
    private static final class FreeSigningFunction implements SigningFunction {
        private final Algorithm algorithm;
        private final byte[] signature;

        FreeSigningFunction(Algorithm algorithm, byte[] signature) {
            this.algorithm = algorithm;
            this.signature = signature;
        }

        @Override
        public byte[] sign(byte[] message) {
            return signature;
        }

        @Override
        public String keyAlgorithm() {
            return algorithm.isRsa() ? "RSA" : "EC";
        }

        @Override
        public int keySize() {
            return algorithm.isRsa() ? 2048 : 256;
        }

        @Override
        public HashAlgorithm hashAlgorithm() {
            return algorithm.hash;
        }
    }
}
