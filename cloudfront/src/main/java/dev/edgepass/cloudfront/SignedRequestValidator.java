package dev.edgepass.cloudfront;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.cloudfront.Decision.Reason;
import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.internal.IpRange;
import dev.edgepass.cloudfront.internal.PolicyParser;
import dev.edgepass.cloudfront.internal.PolicyParser.MalformedPolicyException;
import dev.edgepass.cloudfront.internal.PolicyParser.Statement;
import dev.edgepass.cloudfront.internal.Wildcards;
import dev.edgepass.core.KeyFormatException;
import dev.edgepass.core.PemKeys;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.internal.Jca;
import dev.edgepass.core.internal.KeyPairIds;
import dev.edgepass.core.internal.ProviderChoice;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, the way CloudFront does, whether a request's signed cookies or signed-URL parameters
 * grant access: key id, hash algorithm, signature, expiry, start time, client IP and resource.
 *
 * <p>Used by origins that must check cookies themselves, by local CloudFront stand-ins, and to
 * explain a 403: every denial carries a {@link Decision.Reason} and a detail free of secrets.
 * Hostile input (bad base64, broken JSON, several statements, huge values) is a denial, never an
 * exception; only a null argument throws. Checks run in the order of {@link Decision.Reason}, and
 * the signature is verified before any time, IP or resource condition is reported.
 *
 * <pre>{@code
 * SignedRequestValidator validator = SignedRequestValidator.builder()
 *         .trust("K2JCJMDEHXQW5F", PemKeys.publicKey(Path.of("public_key.pem")))
 *         .build();
 * Decision decision = validator.check(requestUrl, cookies, clientIp);
 * if (!decision.allowed()) {
 *     response.sendError(403);
 * }
 * }</pre>
 *
 * <p>The signature provider is the one set with {@link Builder#provider(Provider)}, always; else
 * {@link SignatureProviders}' choice, with the JDK standing in while ACCP loads and the keys
 * converted once when it has loaded. Decisions are the same with either provider.
 *
 * <p>Immutable and thread-safe; verification takes no lock (apart from the one move to ACCP).
 */
public final class SignedRequestValidator {

    /** The longest cookie or parameter value read, in characters; longer ones are {@code TOO_LARGE}. */
    public static final int MAX_VALUE_CHARS = 8192;
    /** The longest request URL read, in characters: twice CloudFront's 8,192-byte URL limit. */
    public static final int MAX_URL_CHARS = 16_384;

    private static final Logger LOG = LoggerFactory.getLogger(SignedRequestValidator.class);

    private final Map<String, PublicKey> trusted;
    private final Map<String, String> weaknesses;
    private final Clock clock;
    // Replaced at most once: when the JDK stood in while ACCP loaded, by the keys for ACCP.
    private volatile TrustedKeys keys;

    private SignedRequestValidator(Builder b) {
        Map<String, String> weak = new HashMap<>();
        for (Map.Entry<String, PublicKey> e : b.keys.entrySet()) {
            try {
                PemKeys.requireSupported(e.getValue());
            } catch (KeyFormatException ex) {
                LOG.warn("trusted key {} is weak and every request signed with it will be denied: {}", e.getKey(),
                        ex.getMessage());
                weak.put(e.getKey(), ex.getMessage());
            }
        }
        this.trusted = Map.copyOf(b.keys);
        this.weaknesses = Map.copyOf(weak);
        this.clock = b.clock;
        this.keys = new TrustedKeys(b.choice != null ? b.choice : ProviderChoice.preferred());
    }

    /**
     * Starts a validator.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a request by its CloudFront cookies, ignoring any signed-URL parameters.
     *
     * @param requestUrl the absolute URL requested, as it arrived (percent-encoded)
     * @param cookies    cookie name → value; other cookies are ignored
     * @param clientIp   the viewer's IP address, used when the policy has {@code IpAddress}; may be null
     * @return the decision
     * @throws NullPointerException if {@code requestUrl} or {@code cookies} is null
     */
    public Decision checkCookies(String requestUrl, Map<String, String> cookies, String clientIp) {
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(cookies, "cookies");
        Request request = Request.parse(requestUrl);
        if (request.error != null) {
            return request.error;
        }
        return decide(new Signed(cookies.get(SignedCookies.EXPIRES), cookies.get(SignedCookies.POLICY),
                cookies.get(SignedCookies.SIGNATURE), cookies.get(SignedCookies.KEY_PAIR_ID),
                cookies.get(SignedCookies.HASH_ALGORITHM), true), request.base, clientIp);
    }

    /**
     * Checks a signed URL by its {@code Expires}/{@code Policy}, {@code Signature},
     * {@code Key-Pair-Id} and {@code Hash-Algorithm} parameters.
     *
     * @param signedUrl the absolute URL requested, as it arrived
     * @param clientIp  the viewer's IP address; may be null
     * @return the decision
     * @throws NullPointerException if {@code signedUrl} is null
     */
    public Decision checkUrl(String signedUrl, String clientIp) {
        Objects.requireNonNull(signedUrl, "signedUrl");
        Request request = Request.parse(signedUrl);
        if (request.error != null) {
            return request.error;
        }
        return decide(request.signed(), request.base, clientIp);
    }

    /**
     * Checks a request as CloudFront does: by its signed-URL parameters when it has any (they take
     * precedence), otherwise by its cookies.
     *
     * @param requestUrl the absolute URL requested, as it arrived
     * @param cookies    cookie name → value
     * @param clientIp   the viewer's IP address; may be null
     * @return the decision
     * @throws NullPointerException if {@code requestUrl} or {@code cookies} is null
     */
    public Decision check(String requestUrl, Map<String, String> cookies, String clientIp) {
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(cookies, "cookies");
        Request request = Request.parse(requestUrl);
        if (request.error != null) {
            return request.error;
        }
        if (request.hasSigningParameters()) {
            return decide(request.signed(), request.base, clientIp);
        }
        return checkCookies(requestUrl, cookies, clientIp);
    }

    private Decision decide(Signed s, String baseUrl, String clientIp) {
        Decision d = evaluate(s, baseUrl, clientIp);
        if (!d.allowed() && LOG.isDebugEnabled()) {
            LOG.debug("CloudFront {} denied: {} ({})", s.cookies ? "cookies" : "signed URL", d.reason(), d.detail());
        }
        return d;
    }

    private Decision evaluate(Signed s, String baseUrl, String clientIp) {
        Reason missing = s.cookies ? Reason.MISSING_COOKIES : Reason.MISSING_PARAMETERS;
        String what = s.cookies ? "cookie" : "parameter";
        String prefix = s.cookies ? "CloudFront-" : "";
        if (s.expires == null && s.policy == null && s.signature == null && s.keyPairId == null && s.hash == null) {
            return Decision.deny(missing, "no CloudFront " + what + "s");
        }
        for (String v : new String[] {s.expires, s.policy, s.signature, s.keyPairId, s.hash}) {
            if (v != null && v.length() > MAX_VALUE_CHARS) {
                return Decision.deny(Reason.TOO_LARGE, "a CloudFront " + what + " has " + v.length()
                        + " characters, at most " + MAX_VALUE_CHARS + " are read");
            }
        }
        if (s.signature == null) {
            return Decision.deny(missing, prefix + "Signature " + what + " is missing");
        }
        if (s.keyPairId == null) {
            return Decision.deny(missing, prefix + "Key-Pair-Id " + what + " is missing");
        }
        if (s.expires == null && s.policy == null) {
            return Decision.deny(missing, "neither " + prefix + "Expires nor " + prefix + "Policy " + what + " is present");
        }
        if (s.expires != null && s.policy != null) {
            return Decision.deny(Reason.CONFLICTING_PARAMETERS, "both " + prefix + "Expires and " + prefix + "Policy are present");
        }
        HashAlgorithm hash = s.hash == null ? HashAlgorithm.SHA1 : HashAlgorithm.fromId(s.hash);
        if (hash == null) {
            return Decision.deny(Reason.UNSUPPORTED_HASH_ALGORITHM, "hash algorithm " + quote(s.hash)
                    + " is not supported, expected SHA1 or SHA256");
        }
        TrustedKeys current = keys;
        if (!current.choice.settled()) {
            current = settle(current);
        }
        TrustedKey key = current.byId.get(s.keyPairId);
        if (key == null) {
            return Decision.deny(Reason.UNKNOWN_KEY, "key id " + quote(s.keyPairId) + " is not trusted, trusted: "
                    + trustedIds());
        }
        if (key.weakness != null) {
            return Decision.deny(Reason.WEAK_KEY, "trusted key " + quote(s.keyPairId) + " is refused: " + key.weakness);
        }

        byte[] statementBytes;
        Statement statement;
        if (s.policy != null) {
            statementBytes = CloudFrontBase64.decode(s.policy);
            if (statementBytes == null) {
                return Decision.deny(Reason.MALFORMED_POLICY, "policy is not CloudFront base64");
            }
            String json;
            try {
                json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(statementBytes)).toString();
            } catch (CharacterCodingException e) {
                return Decision.deny(Reason.MALFORMED_POLICY, "policy is not UTF-8");
            }
            try {
                statement = PolicyParser.parse(json);
            } catch (MalformedPolicyException e) {
                return Decision.deny(Reason.MALFORMED_POLICY, e.getMessage());
            }
            if (statement.resource() == null && s.cookies) {
                return Decision.deny(Reason.MALFORMED_POLICY, "policy in a cookie has no \"Resource\"");
            }
        } else {
            long expires = parseEpoch(s.expires);
            if (expires < 0) {
                return Decision.deny(Reason.MALFORMED_POLICY, prefix + "Expires is not a whole number of epoch seconds");
            }
            // A canned policy is not sent: CloudFront rebuilds it from the request URL, so a
            // signature made for another URL fails verification below.
            statementBytes = ("{\"Statement\":[{\"Resource\":\"" + baseUrl
                    + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}")
                    .getBytes(StandardCharsets.UTF_8);
            statement = new Statement(baseUrl, expires, -1, null);
        }

        byte[] signature = CloudFrontBase64.decode(s.signature);
        if (signature == null) {
            return Decision.deny(Reason.BAD_SIGNATURE, "signature is not CloudFront base64");
        }
        if (!key.verify(hash, statementBytes, signature)) {
            return Decision.deny(Reason.BAD_SIGNATURE, "signature does not verify with key " + quote(s.keyPairId)
                    + " and " + hash.id() + (s.policy == null ? " over the canned policy for this URL" : ""));
        }

        long now = clock.instant().getEpochSecond();
        if (now >= statement.expiresAt()) {
            return Decision.deny(Reason.EXPIRED, "expired at " + Instant.ofEpochSecond(statement.expiresAt()) + ", now "
                    + Instant.ofEpochSecond(now));
        }
        if (statement.activeFrom() >= 0 && now <= statement.activeFrom()) {
            return Decision.deny(Reason.NOT_YET_VALID, "valid only after " + Instant.ofEpochSecond(statement.activeFrom())
                    + ", now " + Instant.ofEpochSecond(now));
        }
        IpRange range = statement.sourceIp();
        if (range != null) {
            byte[] address = clientIp == null ? null : IpRange.parseAddress(clientIp);
            if (address == null) {
                return Decision.deny(Reason.IP_NOT_ALLOWED, "policy requires a client in " + range + " but the client IP is "
                        + (clientIp == null ? "unknown" : "malformed: " + quote(clientIp)));
            }
            if (!range.contains(address)) {
                return Decision.deny(Reason.IP_NOT_ALLOWED, "client IP " + quote(clientIp) + " is outside " + range);
            }
        }
        if (statement.resource() != null && !Wildcards.matches(statement.resource(), baseUrl)) {
            return Decision.deny(Reason.RESOURCE_MISMATCH, "request " + quote(baseUrl) + " does not match resource "
                    + quote(statement.resource()));
        }
        return new Decision(Reason.ALLOWED, "signed by " + s.keyPairId + " with " + hash.id() + ", valid until "
                + Instant.ofEpochSecond(statement.expiresAt()));
    }

    private static long parseEpoch(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Moves to the settled provider once ACCP's load has finished; until then returns
     * {@code current}. The first check leaves the load alone, later ones start it if nobody has.
     * Runs once per validator, so each key is converted exactly once.
     */
    private TrustedKeys settle(TrustedKeys current) {
        if (!current.used) {
            current.used = true;
            return current;
        }
        ProviderChoice next = current.choice.next();
        if (next == current.choice) {
            return current;
        }
        synchronized (current) {
            TrustedKeys now = keys;
            if (now != current) {
                return now;
            }
            TrustedKeys settled;
            try {
                settled = new TrustedKeys(next);
            } catch (RuntimeException e) {
                LOG.warn("cannot verify with {}, keeping the JDK ({})", next.providerName(), e.getClass().getSimpleName());
                settled = new TrustedKeys(ProviderChoice.of(null));
            }
            keys = settled;
            return settled;
        }
    }

    private List<String> trustedIds() {
        String[] ids = trusted.keySet().toArray(new String[0]);
        Arrays.sort(ids);
        return List.of(ids);
    }

    /** Returns the trusted key ids and the provider in use now; never key material. */
    @Override
    public String toString() {
        return "SignedRequestValidator[trusted=" + trustedIds() + ", provider=" + keys.choice.providerName() + "]";
    }

    /** The five CloudFront values, from cookies or from URL parameters. */
    private record Signed(String expires, String policy, String signature, String keyPairId, String hash, boolean cookies) {}

    /** A request URL split into its unsigned base and its signing parameters. */
    private static final class Request {
        Decision error;
        String base;
        final Map<String, String> params = new LinkedHashMap<>();

        static Request parse(String url) {
            Request r = new Request();
            if (url.length() > MAX_URL_CHARS) {
                r.error = Decision.deny(Reason.TOO_LARGE, "request URL has " + url.length() + " characters, at most "
                        + MAX_URL_CHARS + " are read");
                return r;
            }
            int hash = url.indexOf('#');
            if (hash >= 0) {
                url = url.substring(0, hash);
            }
            String lower = url.length() >= 8 ? url.substring(0, 8).toLowerCase(java.util.Locale.ROOT) : "";
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
                r.error = Decision.deny(Reason.MALFORMED_REQUEST, "request URL must be absolute http:// or https://, was "
                        + quote(url));
                return r;
            }
            int q = url.indexOf('?');
            if (q < 0) {
                r.base = url;
                return r;
            }
            StringBuilder base = new StringBuilder(url.length()).append(url, 0, q);
            boolean first = true;
            for (String param : url.substring(q + 1).split("&", -1)) {
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                if (SignedUrlFactory.isSigningParameter(name)) {
                    if (r.params.containsKey(name)) {
                        r.error = Decision.deny(Reason.CONFLICTING_PARAMETERS, "parameter " + name + " appears more than once");
                        return r;
                    }
                    r.params.put(name, eq < 0 ? "" : param.substring(eq + 1));
                } else {
                    base.append(first ? '?' : '&').append(param);
                    first = false;
                }
            }
            r.base = base.toString();
            return r;
        }

        boolean hasSigningParameters() {
            return !params.isEmpty();
        }

        Signed signed() {
            return new Signed(params.get("Expires"), params.get("Policy"), params.get("Signature"),
                    params.get("Key-Pair-Id"), params.get("Hash-Algorithm"), false);
        }
    }

    /** Every trusted key, converted for one provider. */
    private final class TrustedKeys {
        final ProviderChoice choice;
        final Map<String, TrustedKey> byId;
        // Set by the first check while the choice is unsettled; a race only moves the load's start by one check.
        boolean used;

        TrustedKeys(ProviderChoice choice) {
            this.choice = choice;
            Map<String, TrustedKey> map = new HashMap<>();
            for (Map.Entry<String, PublicKey> e : trusted.entrySet()) {
                String weakness = weaknesses.get(e.getKey());
                map.put(e.getKey(), weakness != null ? new TrustedKey(e.getValue(), weakness, null)
                        : new TrustedKey(Jca.translate(e.getValue(), choice.provider()), null, choice.provider()));
            }
            this.byId = Map.copyOf(map);
        }
    }

    /** A trusted public key with one initialised verifier per thread and hash. */
    private static final class TrustedKey {
        final PublicKey key;
        final String weakness;
        final ThreadLocal<Signature> sha1;
        final ThreadLocal<Signature> sha256;

        TrustedKey(PublicKey key, String weakness, Provider provider) {
            this.key = key;
            this.weakness = weakness;
            this.sha1 = weakness == null ? new Verifier(hashAlgorithm(HashAlgorithm.SHA1), key, provider) : null;
            this.sha256 = weakness == null ? new Verifier(hashAlgorithm(HashAlgorithm.SHA256), key, provider) : null;
        }

        private String hashAlgorithm(HashAlgorithm hash) {
            return hash.jcaAlgorithm(key.getAlgorithm());
        }

        boolean verify(HashAlgorithm hash, byte[] data, byte[] signature) {
            ThreadLocal<Signature> local = hash == HashAlgorithm.SHA1 ? sha1 : sha256;
            Signature verifier = local.get();
            try {
                verifier.update(data);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | RuntimeException e) {
                // A malformed signature (bad DER, wrong length) leaves the verifier in an unknown state.
                local.remove();
                return false;
            }
        }
    }

    /** Each thread's initialised verifier for one key and algorithm. */
    private static final class Verifier extends ThreadLocal<Signature> {
        private final String algorithm;
        private final PublicKey key;
        private final Provider provider;

        Verifier(String algorithm, PublicKey key, Provider provider) {
            this.algorithm = algorithm;
            this.key = key;
            this.provider = provider;
        }

        @Override
        protected Signature initialValue() {
            Signature signature = Jca.signature(algorithm, provider);
            try {
                signature.initVerify(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " cannot verify with this key", e);
            }
            return signature;
        }
    }

    /**
     * Builds a {@link SignedRequestValidator}.
     *
     * <pre>{@code
     * SignedRequestValidator validator = SignedRequestValidator.builder()
     *         .trust("K2JCJMDEHXQW5F", rsaPublicKey)
     *         .trust("K3EC0000000000", ecPublicKey)
     *         .clock(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC))
     *         .build();
     * }</pre>
     *
     * <p>Not thread-safe; the built validator is.
     */
    public static final class Builder {

        private final Map<String, PublicKey> keys = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private ProviderChoice choice;

        private Builder() {}

        /**
         * Trusts a public key under a CloudFront key id. RSA keys under 2048 bits and EC keys off
         * P-256 are accepted here but every request signed with them is denied with
         * {@code WEAK_KEY}, as CloudFront refuses them.
         *
         * @param keyPairId the key id, 1-128 letters, digits, {@code -} or {@code _}
         * @param key       an RSA or EC public key
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the id is malformed or already trusted, or the key is
         *                                  neither RSA nor EC
         */
        public Builder trust(String keyPairId, PublicKey key) {
            KeyPairIds.require(keyPairId);
            Objects.requireNonNull(key, "key");
            if (!"RSA".equals(key.getAlgorithm()) && !"EC".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException("key must be RSA or EC, was " + quote(key.getAlgorithm()));
            }
            if (keys.containsKey(keyPairId)) {
                throw new IllegalArgumentException("keyPairId " + quote(keyPairId) + " is already trusted");
            }
            keys.put(keyPairId, key);
            return this;
        }

        /**
         * Sets the clock that decides expiry and start (default the system UTC clock).
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the JCA provider to verify with, instead of {@link SignatureProviders#preferred()}.
         *
         * @param provider the provider
         * @return this builder
         * @throws NullPointerException if {@code provider} is null
         */
        public Builder provider(Provider provider) {
            this.choice = ProviderChoice.of(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Verifies with the JDK's default provider for each algorithm, even when ACCP is present.
         *
         * @return this builder
         */
        public Builder jdkProvider() {
            this.choice = ProviderChoice.of(null);
            return this;
        }

        /** Sets the provider choice directly; tests use it to decide when a provider load finishes. */
        Builder providerChoice(ProviderChoice choice) {
            this.choice = Objects.requireNonNull(choice, "choice");
            return this;
        }

        /**
         * Builds the validator, converting each key to the provider's key object once.
         *
         * @return the validator
         * @throws IllegalStateException if no key is trusted
         */
        public SignedRequestValidator build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("trust at least one key");
            }
            return new SignedRequestValidator(this);
        }
    }
}
