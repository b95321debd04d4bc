package dev.edgepass.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.aws.testing.AwsStandIn;
import dev.edgepass.aws.testing.Clients;
import dev.edgepass.aws.testing.CookieOracle;
import dev.edgepass.cloudfront.Decision;
import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.RotatingSigner;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedCookies;
import dev.edgepass.cloudfront.SignedRequestValidator;
import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.LambdaExtensionKeySource;
import dev.edgepass.core.RefreshingKeySource;
import dev.edgepass.core.SigningKeySource;
import dev.edgepass.core.testing.Keys;
import dev.edgepass.core.testing.LambdaExtensionStandIn;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A secret rotates key pair id and key together: until the refresh interval passes, logins keep the
 * old id; after it, new cookies carry the new id and verify with the new public key; a refresh that
 * fails in between loses no login.
 */
class RotationTest {

    static final KeyPair OLD = Keys.rsa(2048);
    static final KeyPair NEW = Keys.ec();

    @TempDir
    static Path dir;
    static AwsStandIn aws;
    static LambdaExtensionStandIn extension;
    static SecretsManagerClient secrets;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        aws = new AwsStandIn();
        extension = new LambdaExtensionStandIn();
        secrets = Clients.secretsManager(aws);
        ssm = Clients.ssm(aws);
    }

    @AfterAll
    static void stop() {
        secrets.close();
        ssm.close();
        aws.close();
        extension.close();
    }

    /** Where the secret lives, how to change it, and how to make it fail. */
    interface Store {
        SigningKeySource source();

        void put(String value);

        void breakIt();
    }

    static Stream<Arguments> stores() {
        Store sdkSecret = new Store() {
            public SigningKeySource source() {
                return SecretsManagerKeySource.builder().client(secrets).secretId("rotating").build();
            }

            public void put(String value) {
                aws.secret("rotating", value);
            }

            public void breakIt() {
                aws.fail("rotating", 500, "InternalServiceError");
            }
        };
        Store sdkParameter = new Store() {
            public SigningKeySource source() {
                return ParameterStoreKeySource.builder().client(ssm).name("/rotating").build();
            }

            public void put(String value) {
                aws.parameter("/rotating", value);
            }

            public void breakIt() {
                aws.fail("/rotating", 400, "ThrottlingException");
            }
        };
        Store extensionSecret = new Store() {
            public SigningKeySource source() {
                return LambdaExtensionKeySource.secretsManager("rotating").endpoint(extension.endpoint())
                        .sessionToken(LambdaExtensionStandIn.TOKEN).build();
            }

            public void put(String value) {
                extension.secret("rotating", value);
            }

            public void breakIt() {
                extension.answer("rotating", 500, "{}");
            }
        };
        return Stream.of(Arguments.of("Secrets Manager (SDK)", sdkSecret), Arguments.of("Parameter Store (SDK)", sdkParameter),
                Arguments.of("Secrets Manager (Lambda extension)", extensionSecret));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void rotation_newIdAfterTheInterval_failedRefreshLosesNoLogin(String name, Store store) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        store.put(Keys.jsonSecret("KOLDKEY1", OLD));
        RefreshingKeySource keys = RefreshingKeySource.builder(store.source()).refreshAfter(Duration.ofMinutes(5))
                .retryAfter(Duration.ofSeconds(30)).clock(clock).build();
        SignedCookieFactory factory = SignedCookieFactory.builder().signers(RotatingSigner.of(keys, HashAlgorithm.SHA256))
                .reuseSignatures(Duration.ofMinutes(1)).clock(clock).build();
        SignedRequestValidator both = SignedRequestValidator.builder().trust("KOLDKEY1", OLD.getPublic())
                .trust("KNEWKEY2", NEW.getPublic()).clock(clock).build();

        CookieOracle.assertAccepted(login(factory, clock), "KOLDKEY1", OLD.getPublic(), clock, dir);

        // The secret rotates; inside the interval the old key goes on signing.
        store.put(Keys.jsonSecret("KNEWKEY2", NEW));
        clock.advance(Duration.ofMinutes(4));
        assertEquals("KOLDKEY1", login(factory, clock).asMap().get("CloudFront-Key-Pair-Id"));

        // The source fails exactly when the refresh is due: every login still gets valid cookies.
        store.breakIt();
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 5; i++) {
            SignedCookies cookies = login(factory, clock);
            assertEquals(Decision.Reason.ALLOWED,
                    both.checkCookies(CookieOracle.REQUEST_URL, cookies.asMap(), null).reason());
            assertEquals("KOLDKEY1", cookies.asMap().get("CloudFront-Key-Pair-Id"));
        }
        assertEquals(Reason.UNAVAILABLE, keys.lastFailure());

        // The source recovers; after the retry interval the new id and key sign.
        store.put(Keys.jsonSecret("KNEWKEY2", NEW));
        clock.advance(Duration.ofSeconds(30));
        SignedCookies rotated = login(factory, clock);
        CookieOracle.assertAccepted(rotated, "KNEWKEY2", NEW.getPublic(), clock, dir);
        assertEquals(Decision.Reason.UNKNOWN_KEY, SignedRequestValidator.builder().trust("KOLDKEY1", OLD.getPublic())
                .clock(clock).build().checkCookies(CookieOracle.REQUEST_URL, rotated.asMap(), null).reason());
    }

    static SignedCookies login(SignedCookieFactory factory, Clock clock) {
        return factory.create(Policy.builder().resource(CookieOracle.RESOURCE)
                .expiresAt(clock.instant().plus(Duration.ofHours(1))).build());
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
