package dev.edgepass.benchmarks;

import dev.edgepass.aws.KmsSigner;
import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.aws.testing.Clients;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedCookies;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Measures what edgepass adds to a KMS {@code Sign} round trip, against an in-process KMS stand-in
 * (the aws module's test stand-in on loopback, signing with a generated key) reached through a real
 * AWS SDK v2 {@code KmsClient} (URL-connection HTTP client):
 * <ul>
 *   <li>{@code rawSdkSign}: the bare SDK call with a prebuilt {@code SignRequest} over a digest
 *       computed at set-up. The floor: HTTP, JSON, the stand-in's signature.</li>
 *   <li>{@code edgepassSigner}: {@code KmsSigner}'s {@code CloudFrontSigner.sign(Policy)}: the policy
 *       statement, SHA-256, the same {@code Sign} call, CloudFront base64.</li>
 *   <li>{@code edgepassCookies}: {@code SignedCookieFactory.create(Policy)} without reuse: all of the
 *       above plus the cookies and their {@code Set-Cookie} attributes.</li>
 *   <li>{@code edgepassReuseHit}: the factory with signature reuse on, inside one reuse window: what
 *       the logins of a burst after the first cost (no KMS call at all).</li>
 * </ul>
 * The ratio {@code edgepassCookies / rawSdkSign} is the signing path's share on top of the round trip;
 * {@link KmsRatios} measures it interleaved, which a loaded machine needs.
 * A real KMS round trip (milliseconds over the network) is longer than the loopback one here, so the
 * ratio measured here is an upper bound of the overhead.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar KmsSigningBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KmsSigningBenchmark {

    @Param({"RSA_2048", "ECC_NIST_P256"})
    public String keySpec;

    private AwsStandIn kms;
    private KmsClient client;
    private SignRequest raw;
    private Policy policy;
    private KmsSigner signer;
    private SignedCookieFactory cookies;
    private SignedCookieFactory reuse;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        boolean rsa = keySpec.startsWith("RSA");
        KeyPair pair = rsa ? Fixtures.rsa2048() : Fixtures.ecP256();
        kms = new AwsStandIn().kmsKey("bench-key", pair, keySpec);
        client = Clients.kms(kms, Duration.ofSeconds(30));
        policy = Policy.builder().resource(Fixtures.RESOURCE).expiresAt(Fixtures.EXPIRES).build();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(policy.toJson().getBytes(StandardCharsets.UTF_8));
        raw = SignRequest.builder().keyId("bench-key").message(SdkBytes.fromByteArray(digest))
                .messageType(MessageType.DIGEST)
                .signingAlgorithm(rsa ? SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256 : SigningAlgorithmSpec.ECDSA_SHA_256)
                .build();
        signer = KmsSigner.builder().client(client).keyId("bench-key").keyPairId(Fixtures.KEY_PAIR_ID)
                .keySpec(KeySpec.fromValue(keySpec)).build();
        cookies = SignedCookieFactory.builder().signer(signer.signer()).domain("d111111abcdef8.cloudfront.net")
                .path("/private/").build();
        reuse = SignedCookieFactory.builder().signer(signer.signer()).domain("d111111abcdef8.cloudfront.net")
                .path("/private/").reuseSignatures(Duration.ofMinutes(1))
                .clock(Clock.fixed(Fixtures.EXPIRES.minus(Duration.ofHours(1)), ZoneOffset.UTC)).build();
        reuse.create(policy);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        kms.close();
    }

    @Benchmark
    public byte[] rawSdkSign() {
        return client.sign(raw).signature().asByteArrayUnsafe();
    }

    @Benchmark
    public String edgepassSigner() {
        return signer.signer().sign(policy);
    }

    @Benchmark
    public SignedCookies edgepassCookies() {
        return cookies.create(policy);
    }

    @Benchmark
    public SignedCookies edgepassReuseHit() {
        return reuse.create(policy);
    }
}
