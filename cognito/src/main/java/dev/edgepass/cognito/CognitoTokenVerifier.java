package dev.edgepass.cognito;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.edgepass.cognito.TokenRejectedException.Reason;
import dev.edgepass.cognito.internal.Base64Url;
import dev.edgepass.cognito.internal.Json;
import dev.edgepass.cognito.internal.JwksCache;
import dev.edgepass.cognito.internal.JwksParser;
import dev.edgepass.cognito.internal.SignatureVerifier;
import dev.edgepass.cognito.internal.UserPoolIds;
import dev.edgepass.cognito.internal.VerificationKey;
import dev.edgepass.core.HttpFetcher;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.core.internal.ProviderChoice;
import dev.edgepass.core.internal.Redaction;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Verifies Amazon Cognito ID and access tokens: a strict parse, the RS256 signature against the
 * user pool's JWKS, then {@code iss}, {@code token_use}, {@code aud} / {@code client_id},
 * {@code exp}, {@code nbf}, {@code iat}, groups, scopes and custom checks.
 *
 * <p>Building a verifier does no I/O. The first {@link #verify(String)} of a token whose key is
 * not known yet, or {@link #warmUp()}, fetches the JWKS from
 * {@code https://cognito-idp.{region}.amazonaws.com/{userPoolId}/.well-known/jwks.json}; known
 * keys are then served from memory and a verify never waits on a fetch for them. Unknown key ids
 * cause at most one fetch at a time and then a cool-down, and known keys keep working while the
 * endpoint is down. See the module README for the full behaviour.
 *
 * <pre>{@code
 * CognitoTokenVerifier verifier = CognitoTokenVerifier.builder()
 *         .userPoolId("eu-west-2_abc123")
 *         .clientId("1example23456789")
 *         .tokenUse(TokenUse.ID)
 *         .build();
 * CognitoToken token = verifier.verify(idToken);   // throws TokenRejectedException
 * String user = token.subject();
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one per application and share it.
 */
public final class CognitoTokenVerifier {

    /** Default deadline of one JWKS fetch, connect and read together. */
    public static final Duration DEFAULT_JWKS_TIMEOUT = Duration.ofSeconds(3);
    /** Default cool-down after a fetch that failed or did not hold the wanted key id. */
    public static final Duration DEFAULT_JWKS_COOLDOWN = Duration.ofSeconds(10);
    /** Largest clock skew accepted by {@link Builder#clockSkew(Duration)}. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * Default of {@link Builder#notBeforeTolerance(Duration)}: a token's {@code iat} and
     * {@code nbf} may be up to 60 seconds ahead of this verifier's clock, as Nimbus and Spring
     * Security allow. Cognito writes {@code iat} in whole seconds from its own clock, and a login
     * function verifies a fresh token milliseconds later; without this tolerance, a server clock a
     * few milliseconds behind Cognito's refuses fresh tokens.
     */
    public static final Duration DEFAULT_NOT_BEFORE_TOLERANCE = Duration.ofSeconds(60);
    /** Default longest token accepted, in characters; Cognito tokens are a few KiB. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 16 * 1024;
    /** Largest JWKS response accepted, in bytes; a Cognito JWKS is under 2 KiB. */
    public static final int MAX_JWKS_BYTES = 64 * 1024;

    private static final String[] SUPPORTED_ALGORITHMS = {"RS256", "RS384", "RS512"};
    // The header members the verifier reads, and those it refuses: keys come only from the JWKS,
    // and no extension ("crit") is understood.
    private static final Json.Selection HEADER_NAMES = Json.select("alg", "kid", "crit", "jwk", "jku", "x5u", "x5c");
    private static final int H_ALG = 0;
    private static final int H_KID = 1;
    private static final int FORBIDDEN_HEADER_MASK = 0b1111100;
    // The claims the verifier checks; the others are parsed for strictness but not built.
    private static final Json.Selection CLAIM_NAMES = Json.select("iss", "exp", "nbf", "iat", "auth_time", "sub",
            "token_use", "aud", "client_id", "cognito:groups", "scope", "cognito:username", "username");
    private static final int C_ISS = 0;
    private static final int C_EXP = 1;
    private static final int C_NBF = 2;
    private static final int C_IAT = 3;
    private static final int C_AUTH_TIME = 4;
    private static final int C_SUB = 5;
    private static final int C_TOKEN_USE = 6;
    private static final int C_AUD = 7;
    private static final int C_CLIENT_ID = 8;
    private static final int C_GROUPS = 9;
    private static final int C_SCOPE = 10;
    private static final int C_COGNITO_USERNAME = 11;
    private static final int C_USERNAME = 12;
    // Latest instant a NumericDate may name: 9999-12-31T23:59:59Z.
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final Map<String, JwksCache> issuers;
    private final Set<String> clientIds;
    private final TokenUse tokenUse;
    private final List<String> groups;
    private final List<String> scopes;
    private final Duration clockSkew;
    private final Duration notBeforeSlack;
    private final Clock clock;
    private final List<NamedCheck> checks;
    private final boolean[] allowedAlgorithms;
    private final Set<String> algorithmNames;
    private final SignatureVerifier signatures;
    private final int maxTokenLength;
    private final Cache<String, CognitoToken> verifiedTokens;
    private final Json.Selection claimNames;
    private final CheckedHeader[] recentHeaders = new CheckedHeader[4];
    private int nextRecentHeader;

    private CognitoTokenVerifier(Builder b, Map<String, JwksCache> issuers, ProviderChoice choice) {
        this.issuers = issuers;
        this.clientIds = Set.copyOf(b.clientIds);
        this.tokenUse = b.tokenUse;
        this.groups = List.copyOf(b.groups);
        this.scopes = List.copyOf(b.scopes);
        this.clockSkew = b.clockSkew;
        this.notBeforeSlack = b.clockSkew.compareTo(b.notBeforeTolerance) > 0 ? b.clockSkew : b.notBeforeTolerance;
        this.clock = b.clock;
        this.checks = List.copyOf(b.checks);
        this.algorithmNames = Collections.unmodifiableSet(new LinkedHashSet<>(b.algorithms));
        this.allowedAlgorithms = new boolean[SUPPORTED_ALGORITHMS.length];
        for (String alg : b.algorithms) {
            allowedAlgorithms[SignatureVerifier.indexOf(alg)] = true;
        }
        this.signatures = new SignatureVerifier(choice);
        this.maxTokenLength = b.maxTokenLength;
        this.verifiedTokens = b.verifiedTokenCacheSize == 0 ? null
                : Caffeine.newBuilder().maximumSize(b.verifiedTokenCacheSize).build();
        // The issuer, client id and token use of a good token come back as these instances.
        this.claimNames = CLAIM_NAMES.expecting("iss", issuers.keySet())
                .expecting("aud", clientIds)
                .expecting("client_id", clientIds)
                .expecting("token_use", List.of("id", "access"));
    }

    /**
     * Returns a new builder. Set at least {@link Builder#userPoolId(String)} (or
     * {@link Builder#issuer(URI)}), {@link Builder#clientId(String...)} and
     * {@link Builder#tokenUse(TokenUse)}.
     *
     * <pre>{@code
     * CognitoTokenVerifier verifier = CognitoTokenVerifier.builder()
     *         .userPoolId("eu-west-2_abc123").clientId("1example23456789").tokenUse(TokenUse.ACCESS)
     *         .scopes("orders/read").build();
     * }</pre>
     *
     * @return a new builder, not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies {@code jwt} and returns its claims.
     *
     * <p>With {@link Builder#cacheVerifiedTokens(int)}, a token verified before is returned from
     * memory after its expiry has been checked again against the clock.
     *
     * <pre>{@code
     * CognitoToken token = verifier.verify(request.getHeader("Authorization").substring(7));
     * }</pre>
     *
     * @param jwt the compact JWS, as Cognito issued it
     * @return the verified token
     * @throws NullPointerException   if {@code jwt} is null
     * @throws TokenRejectedException if the token is not accepted; {@link TokenRejectedException#reason()}
     *                                says why
     */
    public CognitoToken verify(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        if (verifiedTokens == null) {
            return verifyUncached(jwt);
        }
        CognitoToken hit = verifiedTokens.getIfPresent(jwt);
        if (hit != null) {
            Instant now = clock.instant();
            if (compareToSum(now, hit.expiresAt(), clockSkew) >= 0) {
                verifiedTokens.invalidate(jwt);
                throw expired(hit.expiresAt(), now);
            }
            return hit;
        }
        CognitoToken token = verifyUncached(jwt);
        verifiedTokens.put(jwt, token);
        return token;
    }

    /**
     * Fetches the JWKS of every configured issuer now, so that the first {@link #verify(String)}
     * does not wait for it. Fetches even when {@link Builder#jwks(String)} seeded the keys.
     *
     * <pre>{@code
     * verifier.warmUp();   // in a Lambda's init phase
     * }</pre>
     *
     * @throws TokenRejectedException with {@link Reason#JWKS_UNAVAILABLE} if a fetch fails; the
     *                                verifier stays usable and retries on demand
     */
    public void warmUp() {
        TokenRejectedException first = null;
        for (JwksCache cache : issuers.values()) {
            try {
                cache.refresh();
            } catch (TokenRejectedException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Returns the issuers this verifier accepts, as they must appear in {@code iss}.
     *
     * @return an unmodifiable set
     */
    public Set<String> issuers() {
        return issuers.keySet();
    }

    /** Returns a summary of the configuration: issuers, client ids, token use, algorithms, provider. */
    @Override
    public String toString() {
        return "CognitoTokenVerifier[issuers=" + issuers.keySet() + ", clientIds=" + clientIds + ", tokenUse="
                + tokenUse + ", algorithms=" + algorithmNames + ", provider=" + signatures.providerName() + "]";
    }

    private CognitoToken verifyUncached(String jwt) {
        int length = jwt.length();
        if (length == 0) {
            throw reject(Reason.MALFORMED, "token is empty");
        }
        if (length > maxTokenLength) {
            throw reject(Reason.TOO_LARGE, "token has " + length + " characters, the limit is " + maxTokenLength);
        }
        int dot1 = jwt.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : jwt.indexOf('.', dot1 + 1);
        if (dot2 < 0 || jwt.indexOf('.', dot2 + 1) >= 0) {
            throw reject(Reason.MALFORMED, "token has " + countParts(jwt) + " parts, expected 3 (header.payload.signature)");
        }
        Scratch scratch = Scratch.get(length);
        byte[] bytes = scratch.bytes;
        // bytes holds the token's characters at [0, latin1), one byte each: all of them, unless
        // one is above 0xff, and then those before it. Each decoded part goes after them in turn.
        int latin1 = scratch.narrow(jwt, length);
        CheckedHeader header = checkedHeader(jwt, dot1, bytes, latin1, length);
        String alg = header.alg;
        int algIndex = header.algIndex;
        String kid = header.kid;

        Object[] claims = scratch.claims;
        Arrays.fill(claims, null);
        decodeJson(bytes, latin1, dot1 + 1, dot2 - dot1 - 1, length, "payload", claimNames, claims);
        Object iss = claims[C_ISS];
        if (iss == null) {
            throw reject(Reason.WRONG_ISSUER, "token has no 'iss', expected one of " + issuers.keySet());
        }
        if (!(iss instanceof String)) {
            throw reject(Reason.INVALID_CLAIM, "claim 'iss' must be a string, was " + jsonType(iss));
        }
        JwksCache keys = issuers.get(iss);
        if (keys == null) {
            throw reject(Reason.WRONG_ISSUER,
                    "iss was " + Redaction.quote((String) iss) + ", expected one of " + issuers.keySet());
        }

        if (dot2 == length - 1) {
            throw reject(Reason.MALFORMED, "signature is empty");
        }
        int signatureFlagged = decode(bytes, latin1, dot2 + 1, length - dot2 - 1, length);
        if (signatureFlagged < 0) {
            throw reject(Reason.MALFORMED, "signature is not unpadded base64url");
        }
        int signatureLength = signatureFlagged & ~Base64Url.NOT_ASCII;
        VerificationKey key = keys.find(kid);
        if (key.algorithm() != null && !key.algorithm().equals(alg)) {
            throw reject(Reason.UNSUPPORTED_ALGORITHM, "alg was " + Redaction.quote(alg)
                    + " but key kid " + Redaction.quote(key.kid()) + " is for " + Redaction.quote(key.algorithm()));
        }
        if (!signatures.verify(algIndex, key, bytes, dot2, bytes, length, signatureLength)) {
            throw reject(Reason.BAD_SIGNATURE, "signature does not verify with key kid " + Redaction.quote(key.kid()));
        }
        return checkClaims(claims, (String) iss, jwt);
    }

    /**
     * Returns the checked header of {@code jwt}, from the few most recent ones when its text is
     * the same: a user pool signs with one or two keys, so almost every token repeats a header
     * already decoded and checked.
     */
    private CheckedHeader checkedHeader(String jwt, int dot1, byte[] bytes, int latin1, int decodeAt) {
        CheckedHeader[] recent = recentHeaders;
        for (CheckedHeader candidate : recent) {
            if (candidate != null && candidate.text.length() == dot1 && jwt.startsWith(candidate.text)) {
                return candidate;
            }
        }
        Object[] header = new Object[HEADER_NAMES.size()];
        int headerPresent = decodeJson(bytes, latin1, 0, dot1, decodeAt, "header", HEADER_NAMES, header);
        Object alg = header[H_ALG];
        if (alg == null) {
            throw reject(Reason.MALFORMED, "header has no 'alg'");
        }
        if (!(alg instanceof String)) {
            throw reject(Reason.MALFORMED, "header 'alg' must be a string, was " + jsonType(alg));
        }
        int algIndex = SignatureVerifier.indexOf((String) alg);
        if (algIndex < 0 || !allowedAlgorithms[algIndex]) {
            throw reject(Reason.UNSUPPORTED_ALGORITHM,
                    "alg was " + Redaction.quote((String) alg) + ", expected one of " + algorithmNames);
        }
        if ((headerPresent & FORBIDDEN_HEADER_MASK) != 0) {
            String name = HEADER_NAMES.name(Integer.numberOfTrailingZeros(headerPresent & FORBIDDEN_HEADER_MASK));
            throw reject(Reason.UNSUPPORTED_HEADER, "header '" + name
                    + "' is not accepted: keys come only from the configured JWKS and no extensions are understood");
        }
        Object kid = header[H_KID];
        if (kid == null) {
            throw reject(Reason.UNKNOWN_KEY, "header has no 'kid'");
        }
        if (!(kid instanceof String)) {
            throw reject(Reason.MALFORMED, "header 'kid' must be a string, was " + jsonType(kid));
        }
        CheckedHeader checked = new CheckedHeader(jwt.substring(0, dot1), (String) alg, algIndex, (String) kid);
        // Races only lose an entry; entries are immutable and matched on their whole text.
        recent[nextRecentHeader++ & (recent.length - 1)] = checked;
        return checked;
    }

    private CognitoToken checkClaims(Object[] claims, String iss, String jwt) {
        Instant now = clock.instant();
        Instant exp = numericDate(claims[C_EXP], "exp");
        if (exp == null) {
            throw reject(Reason.INVALID_CLAIM, "claim 'exp' is missing");
        }
        if (compareToSum(now, exp, clockSkew) >= 0) {
            throw expired(exp, now);
        }
        Instant nbf = numericDate(claims[C_NBF], "nbf");
        if (nbf != null && compareToSum(nbf, now, notBeforeSlack) > 0) {
            throw reject(Reason.NOT_YET_VALID, "token is not valid before " + nbf + " (nbf), now is " + now
                    + " with tolerance " + notBeforeSlack);
        }
        Instant iat = numericDate(claims[C_IAT], "iat");
        if (iat != null && compareToSum(iat, now, notBeforeSlack) > 0) {
            throw reject(Reason.NOT_YET_VALID, "token was issued in the future at " + iat + " (iat), now is " + now
                    + " with tolerance " + notBeforeSlack);
        }
        Instant authTime = numericDate(claims[C_AUTH_TIME], "auth_time");
        String sub = optionalString(claims[C_SUB], "sub");
        if (sub == null) {
            throw reject(Reason.INVALID_CLAIM, "claim 'sub' is missing");
        }

        String use = optionalString(claims[C_TOKEN_USE], "token_use");
        TokenUse actualUse = "id".equals(use) ? TokenUse.ID : "access".equals(use) ? TokenUse.ACCESS : null;
        if (actualUse == null || (tokenUse != TokenUse.ANY && actualUse != tokenUse)) {
            throw reject(Reason.WRONG_TOKEN_USE, "token_use was " + (use == null ? "missing" : Redaction.quote(use))
                    + ", expected " + (tokenUse == TokenUse.ANY ? "'id' or 'access'" : "'" + tokenUse.claimValue() + "'"));
        }
        String clientId = actualUse == TokenUse.ID ? audience(claims[C_AUD]) : accessClientId(claims[C_CLIENT_ID]);

        List<String> tokenGroups = stringList(claims[C_GROUPS], "cognito:groups");
        if (!groups.isEmpty() && !containsAny(tokenGroups, groups)) {
            throw reject(Reason.MISSING_GROUP, "cognito:groups holds none of " + groups);
        }
        Set<String> tokenScopes = scopeSet(claims[C_SCOPE]);
        if (!scopes.isEmpty() && !containsAny(tokenScopes, scopes)) {
            throw reject(Reason.MISSING_SCOPE, "scope holds none of " + scopes);
        }
        String username = actualUse == TokenUse.ID ? optionalString(claims[C_COGNITO_USERNAME], "cognito:username")
                : optionalString(claims[C_USERNAME], "username");

        CognitoToken token = new CognitoToken(sub, username, tokenGroups, tokenScopes, clientId, actualUse, iss,
                authTime, exp, iat, jwt);
        for (NamedCheck check : checks) {
            check.apply(token);
        }
        return token;
    }

    private String audience(Object aud) {
        if (aud == null) {
            throw reject(Reason.WRONG_AUDIENCE, "ID token has no 'aud', expected one of " + clientIds);
        }
        if (aud instanceof String) {
            if (clientIds.contains(aud)) {
                return (String) aud;
            }
            throw reject(Reason.WRONG_AUDIENCE, "aud was " + Redaction.quote((String) aud) + ", expected one of " + clientIds);
        }
        // RFC 7519 section 4.1.3 allows an array; Cognito issues a string.
        if (aud instanceof List) {
            List<?> list = (List<?>) aud;
            for (Object value : list) {
                if (!(value instanceof String)) {
                    throw reject(Reason.INVALID_CLAIM, "claim 'aud' must hold strings, found " + jsonType(value));
                }
            }
            for (Object value : list) {
                if (clientIds.contains(value)) {
                    return (String) value;
                }
            }
            throw reject(Reason.WRONG_AUDIENCE, "aud holds none of " + clientIds);
        }
        throw reject(Reason.INVALID_CLAIM, "claim 'aud' must be a string or an array of strings, was " + jsonType(aud));
    }

    private String accessClientId(Object value) {
        String clientId = optionalString(value, "client_id");
        if (clientId == null) {
            throw reject(Reason.WRONG_AUDIENCE, "access token has no 'client_id', expected one of " + clientIds);
        }
        if (!clientIds.contains(clientId)) {
            throw reject(Reason.WRONG_AUDIENCE,
                    "client_id was " + Redaction.quote(clientId) + ", expected one of " + clientIds);
        }
        return clientId;
    }

    private static boolean containsAny(java.util.Collection<String> have, List<String> wanted) {
        for (String w : wanted) {
            if (have.contains(w)) {
                return true;
            }
        }
        return false;
    }

    // The parser's arrays are already unmodifiable lists; once every item is known to be a
    // string, the list is returned as it is.
    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value, String name) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw reject(Reason.INVALID_CLAIM, "claim '" + name + "' must be an array of strings, was " + jsonType(value));
        }
        List<?> list = (List<?>) value;
        // Indexed: the parser's lists are random-access, and an iterator is one more object per token.
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String)) {
                throw reject(Reason.INVALID_CLAIM, "claim '" + name + "' must hold strings, found " + jsonType(item));
            }
        }
        return (List<String>) list;
    }

    private static Set<String> scopeSet(Object value) {
        String scope = optionalString(value, "scope");
        if (scope == null || scope.isEmpty()) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        int start = 0;
        // RFC 6749 section 3.3: space-delimited.
        while (start <= scope.length()) {
            int end = scope.indexOf(' ', start);
            if (end < 0) {
                end = scope.length();
            }
            if (end > start) {
                result.add(scope.substring(start, end));
            }
            start = end + 1;
        }
        return Collections.unmodifiableSet(result);
    }

    private static String optionalString(Object value, String name) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw reject(Reason.INVALID_CLAIM, "claim '" + name + "' must be a string, was " + jsonType(value));
    }

    private static Instant numericDate(Object value, String name) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long) {
            long seconds = (Long) value;
            if (Math.abs(seconds) <= MAX_EPOCH_SECOND) {
                return Instant.ofEpochSecond(seconds);
            }
        } else if (value instanceof Double) {
            double d = (Double) value;
            if (Math.abs(d) <= MAX_EPOCH_SECOND) {
                long seconds = (long) Math.floor(d);
                return Instant.ofEpochSecond(seconds, Math.round((d - seconds) * 1e9));
            }
        } else if (!(value instanceof BigInteger)) {
            throw reject(Reason.INVALID_CLAIM, "claim '" + name + "' must be a number (seconds since the epoch), was "
                    + jsonType(value));
        }
        throw reject(Reason.INVALID_CLAIM, "claim '" + name + "' is out of range (beyond year 9999)");
    }

    /**
     * Compares {@code x} with {@code y + d} without building the sum, as the time claims are
     * checked on every token. No instant's seconds come near {@code Long.MAX_VALUE}, and {@code d}
     * is at most {@link #MAX_CLOCK_SKEW}, so the sum cannot overflow.
     * {@code now < exp + skew} is {@code compareToSum(now, exp, skew) < 0}, and
     * {@code now < nbf - slack} is {@code compareToSum(nbf, now, slack) > 0}.
     */
    private static int compareToSum(Instant x, Instant y, Duration d) {
        long second = y.getEpochSecond() + d.getSeconds();
        int nano = y.getNano() + d.getNano();
        if (nano >= 1_000_000_000) {
            second++;
            nano -= 1_000_000_000;
        }
        int bySecond = Long.compare(x.getEpochSecond(), second);
        return bySecond != 0 ? bySecond : Integer.compare(x.getNano(), nano);
    }

    private TokenRejectedException expired(Instant exp, Instant now) {
        return reject(Reason.EXPIRED, "token expired at " + exp + " (exp), now is " + now + " with clock skew " + clockSkew);
    }

    /**
     * Decodes the part of the token at {@code bytes[offset, offset + length)} to
     * {@code bytes[decodeAt...)}: the result of {@link Base64Url#decodeFlagged}, or -1 when the
     * part reaches a character above 0xff, which is not base64url either.
     */
    private static int decode(byte[] bytes, int latin1, int offset, int length, int decodeAt) {
        return offset + length > latin1 ? -1 : Base64Url.decodeFlagged(bytes, offset, length, bytes, decodeAt);
    }

    private static int decodeJson(byte[] bytes, int latin1, int offset, int length, int decodeAt, String part,
            Json.Selection names, Object[] values) {
        if (length == 0) {
            throw reject(Reason.MALFORMED, part + " is empty");
        }
        int flagged = decode(bytes, latin1, offset, length, decodeAt);
        if (flagged < 0) {
            throw reject(Reason.MALFORMED, part + " is not unpadded base64url");
        }
        int decoded = flagged & ~Base64Url.NOT_ASCII;
        if (flagged != decoded) {
            checkUtf8(bytes, decodeAt, decoded, part);
        }
        try {
            return Json.parseSelected(bytes, decodeAt, decoded, names, values);
        } catch (Json.JsonException e) {
            throw new TokenRejectedException(Reason.MALFORMED, part + " is not a strict JSON object: " + e.getMessage(), e);
        }
    }

    private static void checkUtf8(byte[] bytes, int offset, int length, String part) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length));
        } catch (CharacterCodingException e) {
            throw new TokenRejectedException(Reason.MALFORMED, part + " is not valid UTF-8", e);
        }
    }

    private static int countParts(String jwt) {
        int parts = 1;
        for (int i = jwt.indexOf('.'); i >= 0; i = jwt.indexOf('.', i + 1)) {
            parts++;
        }
        return parts;
    }

    private static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof List) {
            return "array";
        }
        return "object";
    }

    private static TokenRejectedException reject(Reason reason, String message) {
        return new TokenRejectedException(reason, message);
    }

    /** A header that passed every check: its base64url text, and what the verifier reads from it. */
    private static final class CheckedHeader {
        final String text;
        final String alg;
        final int algIndex;
        final String kid;

        CheckedHeader(String text, String alg, int algIndex, String kid) {
            this.text = text;
            this.alg = alg;
            this.algIndex = algIndex;
            this.kid = kid;
        }
    }

    /**
     * One thread's working memory for a verify: the token's characters, then the same as bytes
     * (the signing input is their start) followed by each decoded part. Kept between calls unless
     * a token needed more than a default-sized token does.
     */
    private static final class Scratch {
        private static final int MAX_RETAINED_CHARS = DEFAULT_MAX_TOKEN_LENGTH;
        // A subclass rather than withInitial and a lambda, which a cold start would pay to spin.
        private static final ThreadLocal<Scratch> PER_THREAD = new ThreadLocal<>() {
            @Override
            protected Scratch initialValue() {
                return new Scratch(2048);
            }
        };

        final char[] chars;
        final byte[] bytes;
        // The selected claims of the token being verified, cleared before each parse. They are
        // last read when the CognitoToken is built, before any caller-supplied check runs, so a
        // check that verifies another token on this thread cannot disturb them.
        final Object[] claims = new Object[CLAIM_NAMES.size()];
        // Narrows the characters to bytes with the JDK's vectorised ISO-8859-1 loop, which stops
        // at the first character above 0xff instead of keeping its low byte.
        private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
        private final CharBuffer charView;
        private final ByteBuffer byteView;

        private Scratch(int tokenLength) {
            chars = new char[tokenLength];
            bytes = new byte[2 * tokenLength];
            charView = CharBuffer.wrap(chars);
            byteView = ByteBuffer.wrap(bytes);
        }

        /**
         * Puts the first {@code length} characters of {@code jwt} into {@link #bytes}, one byte
         * each, and returns how many: {@code length}, or the index of the first character above
         * 0xff (no byte of the token from there on is written).
         */
        int narrow(String jwt, int length) {
            jwt.getChars(0, length, chars, 0);
            charView.clear().limit(length);
            byteView.clear();
            latin1.reset();
            latin1.encode(charView, byteView, true);
            return charView.position();
        }

        static Scratch get(int tokenLength) {
            Scratch scratch = PER_THREAD.get();
            if (scratch.chars.length >= tokenLength) {
                return scratch;
            }
            scratch = new Scratch(Math.max(tokenLength, 2 * scratch.chars.length));
            if (scratch.chars.length <= MAX_RETAINED_CHARS) {
                PER_THREAD.set(scratch);
            }
            return scratch;
        }
    }

    private static final class NamedCheck {
        private final String name;
        private final Predicate<CognitoToken> test;

        NamedCheck(String name, Predicate<CognitoToken> test) {
            this.name = name;
            this.test = test;
        }

        void apply(CognitoToken token) {
            boolean passed;
            try {
                passed = test.test(token);
            } catch (TokenRejectedException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TokenRejectedException(Reason.CUSTOM_CHECK_FAILED, "custom check " + Redaction.quote(name)
                        + " threw " + e.getClass().getSimpleName(), e);
            }
            if (!passed) {
                throw reject(Reason.CUSTOM_CHECK_FAILED, "custom check " + Redaction.quote(name) + " failed");
            }
        }
    }

    /**
     * Configures a {@link CognitoTokenVerifier}. Each setter checks its own argument;
     * {@link #build()} checks that the options fit together.
     *
     * <pre>{@code
     * CognitoTokenVerifier verifier = CognitoTokenVerifier.builder()
     *         .userPoolId("eu-west-2_abc123")
     *         .clientId("1example23456789")
     *         .tokenUse(TokenUse.ID)
     *         .groups("admins", "editors")
     *         .clockSkew(Duration.ofSeconds(30))
     *         .build();
     * }</pre>
     *
     * <p>Not thread-safe; the built verifier is.
     */
    public static final class Builder {
        private final Set<String> userPoolIds = new LinkedHashSet<>();
        private URI issuer;
        private final Set<String> clientIds = new LinkedHashSet<>();
        private TokenUse tokenUse;
        private List<String> groups = List.of();
        private List<String> scopes = List.of();
        private Duration clockSkew = Duration.ZERO;
        private Duration notBeforeTolerance = DEFAULT_NOT_BEFORE_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private final List<NamedCheck> checks = new ArrayList<>();
        private Set<String> algorithms = Set.of("RS256");
        private Duration jwksTimeout = DEFAULT_JWKS_TIMEOUT;
        private Duration jwksCooldown = DEFAULT_JWKS_COOLDOWN;
        private String jwksJson;
        private Provider provider;
        private int verifiedTokenCacheSize;
        private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;

        private Builder() {}

        /**
         * Adds a user pool whose tokens are accepted; the issuer is
         * {@code https://cognito-idp.{region}.amazonaws.com/{userPoolId}}, with the region taken from
         * the id. Call again to accept tokens from several pools.
         *
         * @param userPoolId e.g. {@code eu-west-2_abc123}
         * @return this builder
         * @throws NullPointerException     if {@code userPoolId} is null
         * @throws IllegalArgumentException if it is not of the form {@code region_id}
         */
        public Builder userPoolId(String userPoolId) {
            Objects.requireNonNull(userPoolId, "userPoolId");
            if (UserPoolIds.region(userPoolId) == null) {
                throw new IllegalArgumentException("userPoolId must look like 'eu-west-2_abc123' (region_id), was "
                        + Redaction.quote(userPoolId));
            }
            userPoolIds.add(userPoolId);
            return this;
        }

        /**
         * Sets the issuer, replacing the one derived from the single user pool id (or standing alone
         * without one), for local stand-ins and tests. The {@code iss} claim must equal
         * {@code issuer.toString()}; the JWKS is fetched from {@code {issuer}/.well-known/jwks.json}.
         *
         * @param issuer an absolute https URI, or http on a loopback host (localhost, 127.0.0.0/8, [::1])
         * @return this builder
         * @throws NullPointerException     if {@code issuer} is null
         * @throws IllegalArgumentException if it is not https (outside loopback), or has a query,
         *                                  fragment or user info
         */
        public Builder issuer(URI issuer) {
            Objects.requireNonNull(issuer, "issuer");
            String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
            if (!issuer.isAbsolute() || issuer.getHost() == null || issuer.getRawQuery() != null
                    || issuer.getRawFragment() != null || issuer.getRawUserInfo() != null) {
                throw new IllegalArgumentException(
                        "issuer must be an absolute URL with a host and no query, fragment or user info, was " + issuer);
            }
            if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(issuer.getHost()))) {
                throw new IllegalArgumentException("issuer must use https (http only on a loopback host), was " + issuer);
            }
            this.issuer = issuer;
            return this;
        }

        /**
         * Adds app client ids; a token is accepted when its {@code aud} (ID token) or
         * {@code client_id} (access token) is any one of them. Required.
         *
         * @param ids one or more app client ids
         * @return this builder
         * @throws NullPointerException     if {@code ids} or an element is null
         * @throws IllegalArgumentException if {@code ids} is empty or an element is blank
         */
        public Builder clientId(String... ids) {
            clientIds.addAll(nonBlank("clientId", ids));
            return this;
        }

        /**
         * Sets the kind of token accepted. Required, so that an access token is never taken for an
         * ID token by accident.
         *
         * @param tokenUse {@link TokenUse#ID}, {@link TokenUse#ACCESS} or {@link TokenUse#ANY}
         * @return this builder
         * @throws NullPointerException if {@code tokenUse} is null
         */
        public Builder tokenUse(TokenUse tokenUse) {
            this.tokenUse = Objects.requireNonNull(tokenUse, "tokenUse");
            return this;
        }

        /**
         * Requires the user to be in at least one of these groups ({@code cognito:groups}). Replaces
         * earlier values. Default: no group required.
         *
         * @param anyOf group names
         * @return this builder
         * @throws NullPointerException     if {@code anyOf} or an element is null
         * @throws IllegalArgumentException if {@code anyOf} is empty or an element is blank
         */
        public Builder groups(String... anyOf) {
            this.groups = nonBlank("groups", anyOf);
            return this;
        }

        /**
         * Requires at least one of these OAuth scopes in the access token's {@code scope}. Replaces
         * earlier values. Default: no scope required. Not allowed with {@link TokenUse#ID}.
         *
         * @param anyOf scope names, e.g. {@code orders/read}
         * @return this builder
         * @throws NullPointerException     if {@code anyOf} or an element is null
         * @throws IllegalArgumentException if {@code anyOf} is empty or an element is blank or holds a space
         */
        public Builder scopes(String... anyOf) {
            List<String> values = nonBlank("scopes", anyOf);
            for (String s : values) {
                if (s.indexOf(' ') >= 0) {
                    throw new IllegalArgumentException("scopes must not contain spaces, was " + Redaction.quote(s));
                }
            }
            this.scopes = values;
            return this;
        }

        /**
         * Sets the tolerance for clocks that disagree with Cognito's: {@code exp} is extended and
         * {@code nbf}/{@code iat} brought forward by this much. Default zero, so a token is refused
         * from the second its {@code exp} names. {@code nbf}/{@code iat} are checked with the larger
         * of this and {@link #notBeforeTolerance(Duration)}.
         *
         * @param clockSkew between zero and {@link CognitoTokenVerifier#MAX_CLOCK_SKEW}
         * @return this builder
         * @throws NullPointerException     if {@code clockSkew} is null
         * @throws IllegalArgumentException if it is negative or above five minutes
         */
        public Builder clockSkew(Duration clockSkew) {
            Objects.requireNonNull(clockSkew, "clockSkew");
            if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException("clockSkew must be between PT0S and " + MAX_CLOCK_SKEW + ", was " + clockSkew);
            }
            this.clockSkew = clockSkew;
            return this;
        }

        /**
         * Sets how far ahead of this verifier's clock a token's {@code iat} (issued at) and
         * {@code nbf} (not before) may be. Default {@link CognitoTokenVerifier#DEFAULT_NOT_BEFORE_TOLERANCE 60 seconds}:
         * in the code flow a token is verified milliseconds after Cognito issued it, with
         * {@code iat} in whole seconds from Cognito's clock, so a server whose clock lags Cognito's
         * by a little must still accept it. This never extends {@code exp}; use
         * {@link #clockSkew(Duration)} for that. {@code Duration.ZERO} compares to the millisecond.
         *
         * @param notBeforeTolerance between zero and {@link CognitoTokenVerifier#MAX_CLOCK_SKEW}
         * @return this builder
         * @throws NullPointerException     if {@code notBeforeTolerance} is null
         * @throws IllegalArgumentException if it is negative or above five minutes
         */
        public Builder notBeforeTolerance(Duration notBeforeTolerance) {
            Objects.requireNonNull(notBeforeTolerance, "notBeforeTolerance");
            if (notBeforeTolerance.isNegative() || notBeforeTolerance.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException("notBeforeTolerance must be between PT0S and " + MAX_CLOCK_SKEW
                        + ", was " + notBeforeTolerance);
            }
            this.notBeforeTolerance = notBeforeTolerance;
            return this;
        }

        /**
         * Sets the clock that {@code exp}, {@code nbf}, {@code iat} and the JWKS cool-down are
         * compared with. Default {@link Clock#systemUTC()}.
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
         * Adds a custom check run after all built-in checks pass. A check that returns false or
         * throws rejects the token with {@link Reason#CUSTOM_CHECK_FAILED} naming the check; a check
         * may also throw its own {@link TokenRejectedException}. Checks must be thread-safe.
         *
         * <pre>{@code
         * builder.check("email verified", token -> Boolean.TRUE.equals(token.claims().get("email_verified")));
         * }</pre>
         *
         * @param name  a short name for messages, e.g. {@code email verified}
         * @param check returns true to accept the token
         * @return this builder
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if {@code name} is blank
         */
        public Builder check(String name, Predicate<CognitoToken> check) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(check, "check");
            if (name.isBlank()) {
                throw new IllegalArgumentException("check name must not be blank");
            }
            checks.add(new NamedCheck(name, check));
            return this;
        }

        /**
         * Sets the JWS algorithms accepted. Cognito signs with RS256 only, which is the default;
         * RS384 and RS512 exist for other issuers. {@code none}, HMAC and anything else are never
         * accepted.
         *
         * @param algorithms one or more of {@code RS256}, {@code RS384}, {@code RS512}
         * @return this builder
         * @throws NullPointerException     if {@code algorithms} or an element is null
         * @throws IllegalArgumentException if it is empty or names an unsupported algorithm
         */
        public Builder algorithms(String... algorithms) {
            List<String> values = nonBlank("algorithms", algorithms);
            for (String alg : values) {
                if (SignatureVerifier.indexOf(alg) < 0) {
                    throw new IllegalArgumentException("algorithms must be RS256, RS384 or RS512, was " + Redaction.quote(alg));
                }
            }
            this.algorithms = new LinkedHashSet<>(values);
            return this;
        }

        /**
         * Sets the deadline of one JWKS fetch, connecting and reading together. Default
         * {@link CognitoTokenVerifier#DEFAULT_JWKS_TIMEOUT}.
         *
         * @param timeout positive, at most one minute
         * @return this builder
         * @throws NullPointerException     if {@code timeout} is null
         * @throws IllegalArgumentException if it is not positive or above one minute
         */
        public Builder jwksTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("jwksTimeout must be positive and at most PT1M, was " + timeout);
            }
            this.jwksTimeout = timeout;
            return this;
        }

        /**
         * Sets how long unknown key ids are rejected without a fetch after a JWKS fetch failed or
         * did not hold the key id asked for. Default {@link CognitoTokenVerifier#DEFAULT_JWKS_COOLDOWN}.
         *
         * @param cooldown zero to one hour; zero fetches for every unknown key id (one at a time)
         * @return this builder
         * @throws NullPointerException     if {@code cooldown} is null
         * @throws IllegalArgumentException if it is negative or above one hour
         */
        public Builder jwksCooldown(Duration cooldown) {
            Objects.requireNonNull(cooldown, "cooldown");
            if (cooldown.isNegative() || cooldown.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("jwksCooldown must be between PT0S and PT1H, was " + cooldown);
            }
            this.jwksCooldown = cooldown;
            return this;
        }

        /**
         * Seeds the keys from a JWKS document shipped with the deployment, so that a cold start
         * needs no fetch. A key id not in the seed still triggers a fetch. Only with a single
         * issuer.
         *
         * @param json the JWKS document, as served at {@code /.well-known/jwks.json}
         * @return this builder
         * @throws NullPointerException     if {@code json} is null
         * @throws IllegalArgumentException if it is not a JWKS document
         */
        public Builder jwks(String json) {
            Objects.requireNonNull(json, "json");
            try {
                new JwksParser(Set.of(SUPPORTED_ALGORITHMS), ProviderChoice.of(null)).parse(json);
            } catch (JwksParser.InvalidJwksException e) {
                throw new IllegalArgumentException("jwks must be a JWKS document: " + e.getMessage(), e);
            }
            this.jwksJson = json;
            return this;
        }

        /**
         * Sets the JCA provider for signature verification, used for every verification. Without
         * it, the verifier uses {@link SignatureProviders}' choice (ACCP when present, else the JDK
         * default), with the JDK standing in while ACCP loads; results are the same either way.
         *
         * @param provider the provider
         * @return this builder
         * @throws NullPointerException if {@code provider} is null
         */
        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Keeps up to {@code maxSize} verified tokens in memory, keyed by the whole token, and
         * returns them without verifying again; expiry is checked on every hit. Default off.
         *
         * @param maxSize 1 to 1,000,000 entries
         * @return this builder
         * @throws IllegalArgumentException if {@code maxSize} is out of range
         */
        public Builder cacheVerifiedTokens(int maxSize) {
            if (maxSize < 1 || maxSize > 1_000_000) {
                throw new IllegalArgumentException("cacheVerifiedTokens maxSize must be between 1 and 1000000, was " + maxSize);
            }
            this.verifiedTokenCacheSize = maxSize;
            return this;
        }

        /**
         * Sets the longest token accepted, checked before any parsing. Default
         * {@link CognitoTokenVerifier#DEFAULT_MAX_TOKEN_LENGTH}.
         *
         * @param maxLength 256 to 1,048,576 characters
         * @return this builder
         * @throws IllegalArgumentException if {@code maxLength} is out of range
         */
        public Builder maxTokenLength(int maxLength) {
            if (maxLength < 256 || maxLength > 1024 * 1024) {
                throw new IllegalArgumentException("maxTokenLength must be between 256 and 1048576, was " + maxLength);
            }
            this.maxTokenLength = maxLength;
            return this;
        }

        /**
         * Builds the verifier. Does no I/O.
         *
         * @return a new, immutable verifier
         * @throws IllegalStateException    if no user pool or issuer, no client id or no token use
         *                                  is set, or options do not fit together
         * @throws IllegalArgumentException if the seeded JWKS holds no usable key
         */
        public CognitoTokenVerifier build() {
            if (userPoolIds.isEmpty() && issuer == null) {
                throw new IllegalStateException("userPoolId or issuer must be set");
            }
            if (issuer != null && userPoolIds.size() > 1) {
                throw new IllegalStateException("issuer replaces the issuer of a single user pool, but "
                        + userPoolIds.size() + " user pools are set");
            }
            if (clientIds.isEmpty()) {
                throw new IllegalStateException("clientId must be set: the app client ids whose tokens are accepted");
            }
            if (tokenUse == null) {
                throw new IllegalStateException("tokenUse must be set: TokenUse.ID, ACCESS or ANY");
            }
            if (!scopes.isEmpty() && tokenUse == TokenUse.ID) {
                throw new IllegalStateException("scopes are carried by access tokens, but tokenUse is ID");
            }
            List<String> issuerNames = new ArrayList<>();
            if (issuer != null) {
                issuerNames.add(issuer.toString());
            } else {
                for (String pool : userPoolIds) {
                    String region = UserPoolIds.region(pool);
                    if (region == null) {
                        throw new AssertionError(pool);
                    }
                    issuerNames.add("https://cognito-idp." + region + ".amazonaws.com/" + pool);
                }
            }
            if (jwksJson != null && issuerNames.size() > 1) {
                throw new IllegalStateException("jwks(json) seeds a single issuer, but " + issuerNames.size()
                        + " user pools are set");
            }
            ProviderChoice chosen = provider != null ? ProviderChoice.of(provider) : ProviderChoice.preferred();
            JwksParser parser = new JwksParser(algorithms, chosen);
            Map<String, VerificationKey> seed = Map.of();
            if (jwksJson != null) {
                try {
                    seed = parser.parse(jwksJson);
                } catch (JwksParser.InvalidJwksException e) {
                    throw new IllegalArgumentException("jwks must be a JWKS document: " + e.getMessage(), e);
                }
                if (seed.isEmpty()) {
                    throw new IllegalArgumentException("jwks holds no usable key: RSA, use 'sig', alg one of "
                            + algorithms + ", at least " + JwksParser.MIN_MODULUS_BITS + " bits, with a kid");
                }
            }
            HttpFetcher fetcher = HttpFetcher.builder().timeout(jwksTimeout).maxResponseBytes(MAX_JWKS_BYTES).build();
            Map<String, JwksCache> caches = new LinkedHashMap<>();
            for (String name : issuerNames) {
                String base = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                caches.put(name, new JwksCache(URI.create(base + "/.well-known/jwks.json"), fetcher, parser, clock,
                        jwksCooldown, seed));
            }
            return new CognitoTokenVerifier(this, Collections.unmodifiableMap(caches), chosen);
        }

        private static boolean isLoopback(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.[0-9]{1,3}){3}");
        }

        private static List<String> nonBlank(String name, String... values) {
            Objects.requireNonNull(values, name);
            if (values.length == 0) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            List<String> result = new ArrayList<>(values.length);
            for (String v : values) {
                Objects.requireNonNull(v, name + " element");
                if (v.isBlank()) {
                    throw new IllegalArgumentException(name + " must not contain blank values");
                }
                result.add(v);
            }
            return List.copyOf(result);
        }
    }
}
