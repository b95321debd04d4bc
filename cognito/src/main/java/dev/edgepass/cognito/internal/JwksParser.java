package dev.edgepass.cognito.internal;

import dev.edgepass.core.internal.Jca;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.Redaction;
import java.security.Provider;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JWKS document into the keys a verifier may use, with jose4j as the JWK engine.
 *
 * <p>A key is usable when it is RSA, has a {@code kid}, has {@code use} absent or {@code sig},
 * has {@code key_ops} absent or containing {@code verify}, has {@code alg} absent or one of the
 * allowed algorithms, and a modulus of at least {@link #MIN_MODULUS_BITS} bits. Other keys are
 * skipped (logged at DEBUG with their kid). A kid that appears twice is ambiguous, so neither
 * copy is used. Thread-safe.
 */
public final class JwksParser {

    /** Smallest RSA modulus accepted; Cognito uses 2048 bits. */
    public static final int MIN_MODULUS_BITS = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(JwksParser.class);

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
        ProviderChoice now = choice.next();
        Provider provider = now.settled() ? now.provider() : null;
        List<JsonWebKey> jwks;
        try {
            jwks = new JsonWebKeySet(json).getJsonWebKeys();
        } catch (JoseException | RuntimeException e) {
            throw new InvalidJwksException("not a JWKS document (" + e.getClass().getSimpleName() + ")", e);
        }
        Map<String, VerificationKey> keys = new HashMap<>();
        Set<String> duplicates = new java.util.HashSet<>();
        for (JsonWebKey jwk : jwks) {
            VerificationKey key = usable(jwk, provider);
            if (key == null) {
                continue;
            }
            if (keys.putIfAbsent(key.kid(), key) != null) {
                duplicates.add(key.kid());
            }
        }
        for (String kid : duplicates) {
            LOG.debug("skipping JWK kid={}: the kid appears more than once", Redaction.quote(kid));
            keys.remove(kid);
        }
        return Map.copyOf(keys);
    }

    private VerificationKey usable(JsonWebKey jwk, Provider provider) {
        String kid = jwk.getKeyId();
        if (!(jwk instanceof RsaJsonWebKey)) {
            return skip(kid, "kty is " + Redaction.quote(jwk.getKeyType()) + ", expected 'RSA'");
        }
        if (kid == null) {
            return skip(null, "it has no kid");
        }
        String use = jwk.getUse();
        if (use != null && !"sig".equals(use)) {
            return skip(kid, "use is " + Redaction.quote(use) + ", expected 'sig'");
        }
        List<String> ops = jwk.getKeyOps();
        if (ops != null && !ops.contains("verify")) {
            return skip(kid, "key_ops does not include 'verify'");
        }
        String alg = jwk.getAlgorithm();
        if (alg != null && !allowedAlgorithms.contains(alg)) {
            return skip(kid, "alg is " + Redaction.quote(alg) + ", expected one of " + allowedAlgorithms);
        }
        RSAPublicKey rsa = ((RsaJsonWebKey) jwk).getRsaPublicKey();
        if (rsa.getModulus().bitLength() < MIN_MODULUS_BITS) {
            return skip(kid, "its modulus has " + rsa.getModulus().bitLength() + " bits, expected at least "
                    + MIN_MODULUS_BITS);
        }
        try {
            return new VerificationKey(kid, alg, Jca.translate(rsa, provider), provider);
        } catch (IllegalArgumentException e) {
            return skip(kid, "the provider rejects it (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static VerificationKey skip(String kid, String why) {
        LOG.debug("skipping JWK kid={}: {}", Redaction.quote(kid), why);
        return null;
    }
}
