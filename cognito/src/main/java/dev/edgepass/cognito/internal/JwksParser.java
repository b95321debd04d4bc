package dev.edgepass.cognito.internal;

import dev.edgepass.core.internal.Jca;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.Redaction;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JWKS document (RFC 7517) into the keys a verifier may use.
 *
 * <p>A key is usable when it is RSA, has a {@code kid}, has {@code use} absent or {@code sig},
 * has {@code key_ops} absent or containing {@code verify}, has {@code alg} absent or one of the
 * allowed algorithms, and has {@code n} and {@code e} (RFC 7518 section 6.3.1) that make an RSA
 * public key with a modulus of at least {@link #MIN_MODULUS_BITS} bits. Other keys are skipped
 * (logged at DEBUG with their kid). A kid that appears twice is ambiguous, so neither copy is
 * used. The document itself must be one strict JSON object with a {@code keys} array.
 *
 * <p>It reads the JSON with the verifier's own strict parser and builds keys with the JDK's
 * {@code KeyFactory}: a Lambda cold start that verifies with a JWKS shipped in its configuration
 * loads no JOSE library. Thread-safe.
 */
public final class JwksParser {

    /** Smallest RSA modulus accepted; Cognito uses 2048 bits. */
    public static final int MIN_MODULUS_BITS = 2048;

    private final Set<String> allowedAlgorithms;
    private final ProviderChoice choice;

    /**
     * Creates a parser.
     *
     * @param allowedAlgorithms JWS algorithm names a key's {@code alg} may take
     * @param choice            the verifier's provider choice: keys are converted for it when it is
     *                          settled at parse time, else kept as the JDK's and converted later
     */
    public JwksParser(Set<String> allowedAlgorithms, ProviderChoice choice) {
        this.allowedAlgorithms = Set.copyOf(allowedAlgorithms);
        this.choice = choice;
    }

    /** Thrown when the document is not a JWKS at all. The message never quotes the document. */
    public static final class InvalidJwksException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidJwksException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Parses {@code json}.
     *
     * @param json the JWKS document
     * @return the usable keys by kid, unmodifiable, possibly empty
     * @throws InvalidJwksException if the document is not a JSON object with a {@code keys} array
     */
    public Map<String, VerificationKey> parse(String json) throws InvalidJwksException {
        ProviderChoice now = choice.current();
        Provider provider = now.settled() ? now.provider() : null;
        Map<String, Object> document;
        try {
            document = Json.parseObject(json);
        } catch (Json.JsonException e) {
            throw new InvalidJwksException("not a JWKS document (" + e.getMessage() + ")", e);
        }
        if (!(document.get("keys") instanceof List<?> jwks)) {
            throw new InvalidJwksException("not a JWKS document (no 'keys' array)", null);
        }
        Map<String, VerificationKey> keys = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (Object jwk : jwks) {
            VerificationKey key = jwk instanceof Map<?, ?> members ? usable(members, provider)
                    : skip(null, "it is not a JSON object");
            if (key == null) {
                continue;
            }
            if (keys.putIfAbsent(key.kid(), key) != null) {
                duplicates.add(key.kid());
            }
        }
        for (String kid : duplicates) {
            Log.LOG.debug("skipping JWK kid={}: the kid appears more than once", Redaction.quote(kid));
            keys.remove(kid);
        }
        return Map.copyOf(keys);
    }

    private VerificationKey usable(Map<?, ?> jwk, Provider provider) {
        Object kid = jwk.get("kid");
        if (kid != null && !(kid instanceof String)) {
            return skip(null, "its kid is not a string");
        }
        String id = (String) kid;
        Object kty = jwk.get("kty");
        if (!"RSA".equals(kty)) {
            return skip(id, "kty is " + (kty instanceof String s ? Redaction.quote(s) : "not a string") + ", expected 'RSA'");
        }
        if (id == null) {
            return skip(null, "it has no kid");
        }
        Object use = jwk.get("use");
        if (use != null && !"sig".equals(use)) {
            return skip(id, "use is " + (use instanceof String s ? Redaction.quote(s) : "not a string") + ", expected 'sig'");
        }
        Object ops = jwk.get("key_ops");
        if (ops != null && !(ops instanceof List<?> list && list.contains("verify"))) {
            return skip(id, "key_ops does not include 'verify'");
        }
        Object alg = jwk.get("alg");
        if (alg != null && !(alg instanceof String s && allowedAlgorithms.contains(s))) {
            return skip(id, "alg is " + (alg instanceof String s ? Redaction.quote(s) : "not a string")
                    + ", expected one of " + allowedAlgorithms);
        }
        BigInteger modulus = unsignedInteger(jwk.get("n"));
        BigInteger exponent = unsignedInteger(jwk.get("e"));
        if (modulus == null || exponent == null) {
            return skip(id, "n and e must be base64url unsigned integers");
        }
        if (modulus.bitLength() < MIN_MODULUS_BITS) {
            return skip(id, "its modulus has " + modulus.bitLength() + " bits, expected at least " + MIN_MODULUS_BITS);
        }
        PublicKey rsa;
        try {
            rsa = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            return skip(id, "n and e are not an RSA public key the JDK accepts (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return new VerificationKey(id, (String) alg, Jca.translate((RSAPublicKey) rsa, provider), provider);
        } catch (IllegalArgumentException e) {
            return skip(id, "the provider rejects it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Decodes a Base64urlUInt (RFC 7518 section 2): base64url without padding, big-endian, as
     * jose4j read it, trailing '=' padding tolerated. Returns null when it is not one, or zero.
     */
    private static BigInteger unsignedInteger(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        int length = text.length();
        while (length > 0 && text.charAt(length - 1) == '=') {
            length--;
        }
        byte[] bytes = length == 0 ? null : Base64Url.decode(text, 0, length);
        if (bytes == null) {
            return null;
        }
        BigInteger result = new BigInteger(1, bytes);
        return result.signum() == 0 ? null : result;
    }

    private static VerificationKey skip(String kid, String why) {
        Log.LOG.debug("skipping JWK kid={}: {}", Redaction.quote(kid), why);
        return null;
    }

    /** The logger, looked up on the first skipped key rather than on every cold start. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(JwksParser.class);
    }
}
