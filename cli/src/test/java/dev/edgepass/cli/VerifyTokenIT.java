package dev.edgepass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.edgepass.cli.testing.Cli;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify-token} offline against a JWKS file and online against a JWKS endpoint on loopback. */
class VerifyTokenIT {

    static final String POOL = "eu-west-2_Test1234";
    static final String ISSUER = "https://cognito-idp.eu-west-2.amazonaws.com/" + POOL;
    static final String CLIENT = "3example4client5id6789abcd";
    static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    static Path dir;
    static KeyPair key;
    static KeyPair stranger;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair();
        stranger = g.generateKeyPair();
        Files.writeString(dir.resolve("jwks.json"), jwks());
    }

    static String jwks() throws Exception {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key.getPublic());
        jwk.setKeyId("kid-1");
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return new JsonWebKeySet(jwk).toJson();
    }

    static String idToken(String issuer, String audience, String kid, KeyPair signer) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        c.put("cognito:groups", List.of("admins"));
        c.put("iss", issuer);
        c.put("cognito:username", "jane");
        c.put("aud", audience);
        c.put("token_use", "id");
        c.put("auth_time", T.getEpochSecond());
        c.put("exp", T.getEpochSecond() + 3600);
        c.put("iat", T.getEpochSecond());
        c.put("email", "jane@example.com");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(c));
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(signer.getPrivate());
        return jws.getCompactSerialization();
    }

    static Cli.Result offline(String token, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("verify-token", token, "--user-pool-id", POOL, "--client-id", CLIENT,
                "--jwks", "jwks.json", "--json"));
        args.addAll(List.of(more));
        return Cli.run(dir, args.toArray(new String[0]));
    }

    @Test
    void offline_validIdToken_printsClaims() throws Exception {
        Cli.Result r = offline(idToken(ISSUER, CLIENT, "kid-1", key), "--at", T.plusSeconds(60).toString());

        assertEquals(0, r.exit(), r::toString);
        Map<String, Object> o = r.json();
        assertEquals(true, o.get("valid"));
        assertEquals("ID", o.get("tokenUse"));
        assertEquals("jane", o.get("username"));
        assertEquals("jane@example.com", ((Map<?, ?>) o.get("claims")).get("email"));
        assertEquals(List.of("admins"), o.get("groups"));
    }

    @Test
    void offline_text_namesUserAndExpiry() throws Exception {
        Cli.Result r = Cli.run(dir, "verify-token", idToken(ISSUER, CLIENT, "kid-1", key), "--user-pool-id", POOL, "--client-id",
                CLIENT, "--jwks", "jwks.json", "--at", T.plusSeconds(60).toString());

        assertEquals(0, r.exit(), r::toString);
        assertEquals("VALID  id token of 'jane' for client " + CLIENT + ", expires 2026-11-25T13:00:00Z (in 59 min)",
                r.out().lines().findFirst().orElseThrow());
    }

    @Test
    void offline_expired_rejectedWithReason() throws Exception {
        Cli.Result r = offline(idToken(ISSUER, CLIENT, "kid-1", key), "--at", T.plusSeconds(7200).toString());

        assertEquals(1, r.exit(), r::toString);
        assertEquals(false, r.json().get("valid"));
        assertEquals("EXPIRED", r.json().get("reason"));
    }

    @Test
    void offline_otherClient_rejectedWrongAudience() throws Exception {
        Cli.Result r = offline(idToken(ISSUER, "someoneelse", "kid-1", key), "--at", T.toString());

        assertEquals(1, r.exit(), r::toString);
        assertEquals("WRONG_AUDIENCE", r.json().get("reason"));
    }

    @Test
    void offline_keyNotInTheFile_rejectedUnknownKey_withoutFetching() throws Exception {
        Cli.Result r = offline(idToken(ISSUER, CLIENT, "kid-2", stranger), "--at", T.toString());

        assertEquals(1, r.exit(), r::toString);
        assertEquals("UNKNOWN_KEY", r.json().get("reason"));
        assertTrue(((String) r.json().get("message")).contains("offline, no keys are fetched"), r::toString);
    }

    @Test
    void offline_forgedSignature_rejectedBadSignature() throws Exception {
        Cli.Result r = offline(idToken(ISSUER, CLIENT, "kid-1", stranger), "--at", T.toString());

        assertEquals(1, r.exit(), r::toString);
        assertEquals("BAD_SIGNATURE", r.json().get("reason"));
    }

    @Test
    void online_fetchesTheJwksFromTheIssuer_tokenFromStandardInput() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
        server.createContext("/" + POOL + "/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + POOL;
            String token = idToken(issuer, CLIENT, "kid-1", key);

            Cli.Result r = Cli.runWithInput(dir, token + "\n", "verify-token", "--file", "-", "--issuer", issuer, "--client-id",
                    CLIENT, "--token-use", "id", "--at", T.toString(), "--json");

            assertEquals(0, r.exit(), r::toString);
            assertEquals(true, r.json().get("valid"));
            assertEquals(issuer, r.json().get("issuer"));
            assertEquals(1, fetches.get());
        } finally {
            server.stop(0);
        }
    }
}
