package dev.edgepass.examples.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.Decision;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedRequestValidator;
import dev.edgepass.cognito.CognitoToken;
import dev.edgepass.cognito.CognitoTokenVerifier;
import dev.edgepass.cognito.TokenRejectedException;
import dev.edgepass.cognito.TokenUse;
import dev.edgepass.core.PemKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the two quick starts of the root README.md compiling and doing what they say. */
class ReadmeSnippetsTest {

    @TempDir
    Path dir;

    @Test
    void rootReadme_mintCookies_givesCookiesTheValidatorAllows() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("private_key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path keyFile = dir.resolve("private_key.pem");
        List<String> response = new ArrayList<>();

        // --- README: Quick start: mint signed cookies ---
        PrivateKey key = PemKeys.privateKey(keyFile);
        SignedCookieFactory cookies = SignedCookieFactory.builder()
                .signer(CloudFrontSigner.of("K2JCJMDEHXQW5F", key))
                .domain("d111111abcdef8.cloudfront.net")
                .path("/private/")
                .build();

        Policy policy = Policy.builder()
                .resource("https://d111111abcdef8.cloudfront.net/private/app/*")
                .expiresAt(Instant.now().plus(Duration.ofHours(1)))
                .build();
        for (String header : cookies.create(policy).setCookieHeaders()) {
            response.add(header);
        }
        // --- end ---

        assertEquals(3, response.size());
        assertTrue(response.get(0).contains("; Secure") && response.get(0).contains("; HttpOnly")
                && response.get(0).contains("SameSite=Lax"), response.get(0).split("=", 2)[0]);
        Map<String, String> jar = new HashMap<>();
        for (String header : response) {
            String pair0 = header.split(";", 2)[0];
            jar.put(pair0.substring(0, pair0.indexOf('=')), pair0.substring(pair0.indexOf('=') + 1));
        }
        Decision decision = SignedRequestValidator.builder().trust("K2JCJMDEHXQW5F", pair.getPublic()).build()
                .checkCookies("https://d111111abcdef8.cloudfront.net/private/app/index.html", jar, "192.0.2.1");
        assertTrue(decision.allowed(), decision.detail());
    }

    @Test
    void rootReadme_verifyToken_rejectsGarbageWithReasonAndNoFetch() {
        String jwt = "not.a.token";
        TokenRejectedException.Reason seen = null;
        String user = null;

        // --- README: Quick start: verify a Cognito token ---
        CognitoTokenVerifier verifier = CognitoTokenVerifier.builder()
                .userPoolId("eu-west-2_abc123")
                .clientId("1example23456789")
                .tokenUse(TokenUse.ID)
                .build();
        try {
            CognitoToken token = verifier.verify(jwt);
            user = token.username().orElse(token.subject());
        } catch (TokenRejectedException e) {
            seen = e.reason();
        }
        // --- end ---

        assertNull(user);
        assertEquals(TokenRejectedException.Reason.MALFORMED, seen);
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
