package dev.edgepass.benchmarks;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedCookies;
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
    public CookiesForCustomPolicy awsSdk() {
        return sdk.getCookiesForCustomPolicy(sdkRequest);
    }
}
