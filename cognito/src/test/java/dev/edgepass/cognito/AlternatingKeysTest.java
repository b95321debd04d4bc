package dev.edgepass.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.cognito.testing.Fixtures;
import dev.edgepass.cognito.testing.JwksServer;
import dev.edgepass.cognito.testing.TestKeys;
import dev.edgepass.cognito.testing.Tokens;
import java.security.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlternatingKeysTest {
    static java.util.stream.Stream<Provider> providers() {
        return Fixtures.providers().stream();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verify_alternatingKeysOnOneThread_verifiesEveryToken(Provider provider) {
        try (JwksServer server = JwksServer.start().serve(TestKeys.jwksFor("k1", "k2"))) {
            String iss = server.issuer().toString();
            CognitoTokenVerifier verifier = Fixtures.verifier(server).provider(provider).build();
            String a = Tokens.sign(Tokens.idToken(iss), "k1");
            String b = Tokens.sign(Tokens.idToken(iss), "k2");
            for (int i = 0; i < 20; i++) {
                assertEquals(Tokens.SUB, verifier.verify(i % 2 == 0 ? a : b).subject(), provider.getName() + " at " + i);
            }
        }
    }
}
