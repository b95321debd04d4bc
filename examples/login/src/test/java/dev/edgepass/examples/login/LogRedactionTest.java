package dev.edgepass.examples.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.login.testing.CloudFrontKeys;
import dev.edgepass.examples.login.testing.CognitoStandIn;
import dev.edgepass.examples.login.testing.Fixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs successes and failures with DEBUG logging on and checks no secret reached the log or a toString. */
class LogRedactionTest {

    @Test
    void debugLogAndToString_neverHoldTokensCodesOrCookieValues() throws Exception {
        List<String> secrets = new ArrayList<>();
        List<String> rendered = new ArrayList<>();
        try (CognitoStandIn cognito = new CognitoStandIn()) {
            CloudFrontKeys keys = CloudFrontKeys.generate();
            LoginHandler handler = LoginHandler.create(Fixtures.config(cognito, keys).build());
            for (String token : List.of(cognito.idToken("alice"), cognito.expiredIdToken("alice"),
                    cognito.forgedIdToken("alice"), cognito.accessToken("alice"))) {
                secrets.add(token.substring(token.lastIndexOf('.') + 1));
                LoginRequest request = LoginRequest.builder().path("/private/login").rawQuery("id_token=" + token)
                        .header("Authorization", "Bearer " + token).build();
                LoginResponse response = handler.handle(request);
                rendered.add(request.toString());
                rendered.add(response.toString());
                for (String cookie : response.setCookies()) {
                    String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
                    // the key pair id is an identifier, logged on purpose; policy and signature are not
                    if (cookie.startsWith("CloudFront-Policy=") || cookie.startsWith("CloudFront-Signature=")) {
                        secrets.add(value);
                    }
                }
            }
            LoginResponse start = handler.handle(LoginRequest.builder().path("/private/login").build());
            URI callback = URI.create(cognito.authorize(start.header("Location").orElseThrow(), "alice"));
            String stateCookie = start.setCookies().get(0).split(";")[0];
            secrets.add(stateCookie.substring(stateCookie.indexOf('=') + 1));
            secrets.add(callback.getRawQuery().replaceAll(".*code=([^&]+).*", "$1"));
            LoginResponse done = handler.handle(LoginRequest.builder().path(callback.getPath())
                    .rawQuery(callback.getRawQuery()).header("Cookie", stateCookie).build());
            assertEquals(302, done.status());
            rendered.add(done.toString());
            rendered.add(handler.toString());
        }

        String log = Files.readString(Path.of(System.getProperty("edgepass.testLog")), StandardCharsets.UTF_8);
        assertTrue(log.contains("token rejected"), "DEBUG logging was on during the test");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret reached the log");
            for (String text : rendered) {
                assertFalse(text.contains(secret), "a secret reached a toString");
            }
        }
    }
}
