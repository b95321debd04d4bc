package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.CloudFrontException;
import dev.edgepass.cloudfront.Decision;
import dev.edgepass.cloudfront.Decision.Reason;
import dev.edgepass.cloudfront.PolicyStatement;
import dev.edgepass.cloudfront.SignedRequestValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explains a {@link SignedRequestValidator} decision the way a person debugging a 403 needs it:
 * the one check that fails, what was found against what was expected, and what to change.
 *
 * <p>The validator says {@code BAD_SIGNATURE} or {@code UNKNOWN_KEY}; the diagnosis asks it again
 * with the other trusted key ids and the other hash algorithm to tell a tampered value from a
 * SHA-256 signature sent without {@code Hash-Algorithm} and from a key id that names the wrong key.
 * Every probe goes through the validator's public API, so the diagnosis can never disagree with it.
 */
public final class Diagnosis {

    /** What went wrong, as the command line names it ({@code --json} field {@code cause}). */
    public enum Cause {
        /** Every check passes. */
        ACCEPTED("accepted", "every check"),
        /** A CloudFront cookie the check needs is not sent. */
        MISSING_COOKIE("missing-cookie", "cookies present"),
        /** A signing parameter the check needs is not in the URL. */
        MISSING_PARAMETER("missing-parameter", "parameters present"),
        /** Both Expires and Policy, or a repeated URL parameter. */
        CONFLICTING("conflicting", "one of Expires or Policy"),
        /** A value or the URL is longer than CloudFront reads. */
        TOO_LARGE("too-large", "sizes"),
        /** The request URL is not absolute http(s). */
        MALFORMED_REQUEST("malformed-request", "request URL"),
        /** Hash-Algorithm is neither SHA1 nor SHA256. */
        UNSUPPORTED_HASH_ALGORITHM("unsupported-hash-algorithm", "hash algorithm"),
        /** The key id is not in the key group, and no key of the group made the signature. */
        KEY_NOT_IN_GROUP("key-not-in-group", "key id in the key group"),
        /** The signature was made with another key of the group than the key id names. */
        WRONG_KEY_ID("wrong-key-id", "key id names the signing key"),
        /** The public key given for the id is too weak for CloudFront. */
        WEAK_KEY("weak-key", "key strength"),
        /** The policy cannot be read. */
        MALFORMED_POLICY("malformed-policy", "policy"),
        /** A SHA-256 signature sent without Hash-Algorithm, which CloudFront then checks as SHA-1. */
        SHA256_WITHOUT_HASH_ALGORITHM("sha256-without-hash-algorithm", "hash algorithm"),
        /** Hash-Algorithm names another hash than the one signed with. */
        HASH_ALGORITHM_MISMATCH("hash-algorithm-mismatch", "hash algorithm"),
        /** The signature does not verify: a value changed after signing, or an unrelated key signed it. */
        BAD_SIGNATURE("bad-signature", "signature"),
        /** The time checked is at or after DateLessThan. */
        EXPIRED("expired", "expiry (DateLessThan)"),
        /** The time checked is at or before DateGreaterThan. */
        NOT_YET_VALID("not-yet-valid", "start (DateGreaterThan)"),
        /** The viewer's address is outside AWS:SourceIp, or unknown while everything else passes. */
        IP_NOT_ALLOWED("ip-not-allowed", "viewer IP (IpAddress)"),
        /** The requested URL does not match the policy's Resource. */
        RESOURCE_MISMATCH("resource-mismatch", "Resource");

        private final String id;
        private final String check;

        Cause(String id, String check) {
            this.id = id;
            this.check = check;
        }

        /** Returns the stable id printed by {@code --json}, such as {@code resource-mismatch}. */
        public String id() {
            return id;
        }

        /** Returns the name of the check, such as {@code Resource}. */
        public String check() {
            return check;
        }
    }

    /**
     * The explanation.
     *
     * @param cause    what went wrong
     * @param message  what was found against what was expected, one sentence
     * @param fix      what to change, one sentence; empty when accepted
     * @param decision the validator's decision for the request as sent
     * @param warnings other things worth knowing, each one sentence
     */
    public record Finding(Cause cause, String message, String fix, Decision decision, List<String> warnings) {

        /** Copies the warnings. */
        public Finding {
            warnings = List.copyOf(warnings);
        }

        /** Returns true when the request is accepted. */
        public boolean allowed() {
            return cause == Cause.ACCEPTED;
        }
    }

    /**
     * The CloudFront values of one request, from cookies or from a signed URL.
     *
     * @param cookies    true for cookies, false for a signed URL
     * @param requestUrl the URL asked for; for a signed URL, the whole signed URL
     * @param values     unprefixed name ({@code Policy}, {@code Key-Pair-Id}, ...) to value, as sent
     */
    public record Subject(boolean cookies, String requestUrl, Map<String, String> values) {

        /** Copies the values. */
        public Subject {
            values = Map.copyOf(values);
        }

        /** Builds the subject of a cookie check from {@code CloudFront-*} cookies. */
        static Subject ofCookies(String requestUrl, Map<String, String> cloudFrontCookies) {
            Map<String, String> values = new LinkedHashMap<>();
            cloudFrontCookies.forEach((name, value) -> values.put(name.substring("CloudFront-".length()), value));
            return new Subject(true, requestUrl, values);
        }

        /** Builds the subject of a signed-URL check. */
        static Subject ofUrl(String signedUrl) {
            return new Subject(false, signedUrl, SignedUrls.signingParameters(signedUrl));
        }

        String name(String unprefixed) {
            return cookies ? "CloudFront-" + unprefixed : unprefixed;
        }

        String unsignedUrl() {
            return SignedUrls.unsigned(requestUrl);
        }

        /** Checks the values exactly as sent. */
        Decision checkAsSent(SignedRequestValidator validator, Map<String, String> sentCookies, String viewerIp) {
            return cookies ? validator.checkCookies(requestUrl, sentCookies, viewerIp) : validator.checkUrl(requestUrl, viewerIp);
        }

        /** Checks the values with another key id and hash algorithm (null hash: none sent). */
        Decision check(SignedRequestValidator validator, String keyPairId, String hash, String viewerIp) {
            if (cookies) {
                Map<String, String> c = new LinkedHashMap<>();
                values.forEach((n, v) -> c.put("CloudFront-" + n, v));
                put(c, "CloudFront-Key-Pair-Id", keyPairId);
                put(c, "CloudFront-Hash-Algorithm", hash);
                return validator.checkCookies(requestUrl, c, viewerIp);
            }
            String url = requestUrl;
            if (keyPairId != null) {
                url = SignedUrls.withParameter(url, "Key-Pair-Id", keyPairId);
            }
            url = SignedUrls.withParameter(url, "Hash-Algorithm", hash);
            return validator.checkUrl(url, viewerIp);
        }

        private static void put(Map<String, String> map, String name, String value) {
            if (value == null) {
                map.remove(name);
            } else {
                map.put(name, value);
            }
        }
    }

    /**
     * When and from where the request is checked.
     *
     * @param at        the time checked
     * @param atLabel   what that time is, for messages ("the request", "now", "--at")
     * @param viewerIp  the viewer's address, or null when unknown
     * @param trusted   the key ids of the key group, sorted
     */
    public record Context(Instant at, String atLabel, String viewerIp, List<String> trusted) {

        /** Copies the ids. */
        public Context {
            trusted = List.copyOf(trusted);
        }
    }

    private Diagnosis() {}

    /**
     * Explains why the validator allows or denies a request.
     *
     * @param validator a validator trusting the key group, with a clock fixed at {@code context.at()}
     * @param subject   the request's CloudFront values
     * @param context   time, viewer address and trusted ids
     * @return the finding
     */
    public static Finding diagnose(SignedRequestValidator validator, Subject subject, Context context) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> v = subject.values();

        PolicyStatement statement = null;
        if (v.containsKey("Policy") && !v.containsKey("Expires")) {
            try {
                statement = PolicyStatement.decode(v.get("Policy"));
            } catch (CloudFrontException e) {
                statement = null;
            }
        }
        // Without the viewer's address a policy with IpAddress can still be checked for everything
        // else: probe with an address inside the range, and say so.
        String viewerIp = context.viewerIp();
        boolean ipAssumed = false;
        if (viewerIp == null && statement != null && statement.sourceIp().isPresent()) {
            String cidr = statement.sourceIp().get();
            viewerIp = cidr.substring(0, cidr.indexOf('/'));
            ipAssumed = true;
        }

        Map<String, String> sentCookies = new LinkedHashMap<>();
        v.forEach((n, value) -> sentCookies.put("CloudFront-" + n, value));
        Decision decision = subject.checkAsSent(validator, sentCookies, viewerIp);
        Finding finding = explain(validator, subject, context, statement, decision, viewerIp, warnings);
        if (ipAssumed) {
            String range = statement.sourceIp().get();
            if (finding.allowed()) {
                return new Finding(Cause.IP_NOT_ALLOWED, "every other check passes; the policy allows only viewers in " + range
                        + " and the viewer's address is not known", "check the address CloudFront sees with --viewer-ip:"
                        + " the viewer's public address (after NAT, a proxy or a VPN); an IPv6 viewer never matches an IPv4"
                        + " range; or sign without an IP range", subject.checkAsSent(validator, sentCookies, null), warnings);
            }
            warnings.add("the viewer IP was not checked: the policy allows only " + range + "; give --viewer-ip to check it");
            return new Finding(finding.cause(), finding.message(), finding.fix(), finding.decision(), warnings);
        }
        return finding;
    }

    private static Finding explain(SignedRequestValidator validator, Subject s, Context ctx, PolicyStatement statement,
            Decision d, String viewerIp, List<String> warnings) {
        Map<String, String> v = s.values();
        String sentKey = v.get("Key-Pair-Id");
        String sentHash = v.get("Hash-Algorithm");
        String what = s.cookies() ? "cookie" : "parameter";
        switch (d.reason()) {
            case ALLOWED -> {
                return new Finding(Cause.ACCEPTED, "every check passes: " + d.detail() + " (expires "
                        + Times.relative(expiry(v, statement), ctx.at()) + ("now".equals(ctx.atLabel()) ? ""
                        : ", seen from " + ctx.atLabel()) + ")", "", d, warnings);
            }
            case MISSING_COOKIES, MISSING_PARAMETERS -> {
                return missing(s, d, warnings);
            }
            case CONFLICTING_PARAMETERS -> {
                return new Finding(Cause.CONFLICTING, d.detail(), s.cookies()
                        ? "send one of CloudFront-Expires (canned) or CloudFront-Policy (custom): clear the stale cookie, which"
                                + " another signer or an older login set for this Domain and Path"
                        : "sign the URL once: it carries a parameter twice, or both Expires and Policy", d, warnings);
            }
            case TOO_LARGE -> {
                return new Finding(Cause.TOO_LARGE, d.detail(), "CloudFront reads no more: shorten the Resource (a wildcard"
                        + " covers many URLs) or the URL", d, warnings);
            }
            case MALFORMED_REQUEST -> {
                return new Finding(Cause.MALFORMED_REQUEST, d.detail(), "give the absolute URL the browser asked for,"
                        + " such as https://d111111abcdef8.cloudfront.net/private/index.html", d, warnings);
            }
            case UNSUPPORTED_HASH_ALGORITHM -> {
                return new Finding(Cause.UNSUPPORTED_HASH_ALGORITHM, s.name("Hash-Algorithm") + " is " + Text.quote(sentHash)
                        + " but CloudFront knows only SHA1 and SHA256", "send " + s.name("Hash-Algorithm")
                        + "=SHA256 with a SHA-256 signature, or leave it out for SHA-1", d, warnings);
            }
            case WEAK_KEY -> {
                return new Finding(Cause.WEAK_KEY, d.detail(), "CloudFront key groups take RSA-2048 and ECDSA P-256 public"
                        + " keys: make a new pair with edgepass keygen", d, warnings);
            }
            case UNKNOWN_KEY -> {
                Probe other = probeOtherKeys(validator, s, ctx, sentKey, sentHash, viewerIp);
                if (other != null) {
                    return wrongKey(s, d, sentKey, sentHash, other, warnings);
                }
                return new Finding(Cause.KEY_NOT_IN_GROUP, s.name("Key-Pair-Id") + " is " + Text.quote(sentKey)
                        + ", which is not in the key group " + ctx.trusted() + ", and no key of the group made the signature",
                        "add the public key " + Text.quote(sentKey) + " to the key group the cache behaviour trusts, or sign with"
                                + " a key of that group; list every key of the group with --public-key ID=FILE", d, warnings);
            }
            case MALFORMED_POLICY -> {
                String value = v.containsKey("Policy") ? v.get("Policy") : v.get("Expires");
                String name = s.name(v.containsKey("Policy") ? "Policy" : "Expires");
                return new Finding(Cause.MALFORMED_POLICY, name + " " + what + " is not what CloudFront reads: " + d.detail()
                        + encodingHint(value), v.containsKey("Policy")
                        ? "send " + name + " as CloudFront base64 (- _ ~ in place of + = /) of one JSON statement with a"
                                + " Resource and DateLessThan, unchanged after signing; edgepass sign-cookies writes one"
                        : "send " + name + " as whole epoch seconds, such as 1767290400", d, warnings);
            }
            case BAD_SIGNATURE -> {
                return badSignature(validator, s, ctx, d, sentKey, sentHash, viewerIp, warnings);
            }
            case EXPIRED -> {
                Instant expires = expiry(v, statement);
                return new Finding(Cause.EXPIRED, "the policy expired at " + expires + ", "
                        + Times.span(Duration.between(expires, ctx.at()).getSeconds()) + " before " + ctx.atLabel()
                        + " (" + ctx.at() + ")", (s.cookies() ? "sign new cookies (log in again)" : "sign a new URL") + " with a later"
                                + " DateLessThan; if it was signed moments before, the signing server's clock is behind: sync it"
                                + " with NTP",
                        d, warnings);
            }
            case NOT_YET_VALID -> {
                Instant start = statement == null ? null : statement.activeFrom().orElse(null);
                String when = start == null ? d.detail() : "the policy starts at " + start + " (DateGreaterThan), "
                        + Times.span(Duration.between(ctx.at(), start).getSeconds()) + " after " + ctx.atLabel() + " ("
                        + ctx.at() + "); CloudFront refuses requests on or before it";
                return new Finding(Cause.NOT_YET_VALID, when, "sign with a start in the past, or none; if the signer set it"
                        + " to its own 'now', its clock is ahead: sync it with NTP", d, warnings);
            }
            case IP_NOT_ALLOWED -> {
                String range = statement == null ? "" : statement.sourceIp().orElse("");
                return new Finding(Cause.IP_NOT_ALLOWED, "the policy allows only viewers in " + range
                        + " but the viewer's address is " + Text.quote(viewerIp), "sign for the address CloudFront sees:"
                                + " the viewer's public address (after NAT, a proxy or a VPN); an IPv6 viewer never matches"
                                + " an IPv4 range; or sign without an IP range", d, warnings);
            }
            case RESOURCE_MISMATCH -> {
                String resource = statement == null ? "" : statement.resource().orElse("");
                String asked = s.unsignedUrl();
                return new Finding(Cause.RESOURCE_MISMATCH, "Resource is " + resource + " but the " + (s.cookies()
                        ? "browser asked " : "request was ") + asked, resourceFix(resource, asked), d, warnings);
            }
            default -> throw new IllegalStateException("unhandled reason " + d.reason());
        }
    }

    private static Finding missing(Subject s, Decision d, List<String> warnings) {
        Map<String, String> v = s.values();
        if (v.isEmpty()) {
            return s.cookies()
                    ? new Finding(Cause.MISSING_COOKIE, "the request carries no CloudFront cookies", cookieScopeFix(s), d, warnings)
                    : new Finding(Cause.MISSING_PARAMETER, "the URL carries no CloudFront parameters", "sign the URL:"
                            + " edgepass sign-url adds Expires or Policy, Signature and Key-Pair-Id", d, warnings);
        }
        List<String> absent = new ArrayList<>();
        if (!v.containsKey("Expires") && !v.containsKey("Policy")) {
            absent.add(s.name("Policy") + " (or " + s.name("Expires") + ")");
        }
        for (String n : List.of("Signature", "Key-Pair-Id")) {
            if (!v.containsKey(n)) {
                absent.add(s.name(n));
            }
        }
        List<String> present = new ArrayList<>();
        for (String n : SignedUrls.NAMES) {
            if (v.containsKey(n)) {
                present.add(s.name(n));
            }
        }
        String message = String.join(" and ", absent) + (absent.size() == 1 ? " is" : " are") + " missing; the request"
                + " carries " + String.join(", ", present);
        return s.cookies()
                ? new Finding(Cause.MISSING_COOKIE, message, cookieScopeFix(s), d, warnings)
                : new Finding(Cause.MISSING_PARAMETER, message, "keep every parameter the signer added: Policy or Expires,"
                        + " Signature and Key-Pair-Id (and Hash-Algorithm for SHA-256)", d, warnings);
    }

    private static String cookieScopeFix(Subject s) {
        String url = s.unsignedUrl();
        String hostAndPath = url.replaceFirst("^[a-zA-Z]+://", "");
        int q = hostAndPath.indexOf('?');
        hostAndPath = q < 0 ? hostAndPath : hostAndPath.substring(0, q);
        return "the login response must set all three cookies, and the browser sends a cookie only where its Domain and"
                + " Path cover " + hostAndPath + ", over https when it is Secure, while it has not expired, and for"
                + " cross-site requests only with SameSite=None; check the Set-Cookie lines with edgepass inspect";
    }

    private static Finding badSignature(SignedRequestValidator validator, Subject s, Context ctx, Decision d, String sentKey,
            String sentHash, String viewerIp, List<String> warnings) {
        String otherHash = "SHA256".equals(sentHash) ? null : "SHA256";
        String otherHashName = otherHash == null ? "SHA1" : "SHA256";
        Decision withOtherHash = s.check(validator, sentKey, otherHash, viewerIp);
        if (verifies(withOtherHash)) {
            next(withOtherHash, warnings);
            if (sentHash == null) {
                return new Finding(Cause.SHA256_WITHOUT_HASH_ALGORITHM, "the signature is SHA-256 but the request carries no "
                        + s.name("Hash-Algorithm") + ", so CloudFront checks it as SHA-1", "also send "
                        + s.name("Hash-Algorithm") + "=SHA256" + (s.cookies() ? " (same Domain and Path)" : "")
                        + ", or sign with SHA-1", d, warnings);
            }
            return new Finding(Cause.HASH_ALGORITHM_MISMATCH, s.name("Hash-Algorithm") + " is " + Text.quote(sentHash)
                    + " but the signature is " + otherHashName, otherHash == null
                    ? "drop " + s.name("Hash-Algorithm") + " (SHA-1 is the default), or sign with SHA-256"
                    : "send " + s.name("Hash-Algorithm") + "=SHA256, or sign with SHA-1", d, warnings);
        }
        Probe other = probeOtherKeys(validator, s, ctx, sentKey, sentHash, viewerIp);
        if (other != null) {
            return wrongKey(s, d, sentKey, sentHash, other, warnings);
        }
        Map<String, String> v = s.values();
        boolean canned = v.containsKey("Expires");
        String signature = v.get("Signature");
        StringBuilder message = new StringBuilder("the signature does not verify with the key of ").append(Text.quote(sentKey))
                .append(canned ? " over the canned policy for " + s.unsignedUrl() : " over the policy sent");
        if (d.detail().contains("not CloudFront base64")) {
            message.append(": ").append(s.name("Signature")).append(" is not CloudFront base64")
                    .append(encodingHint(signature));
        } else {
            String hint = encodingHint(signature) + (canned ? "" : encodingHint(v.get("Policy")));
            message.append(hint);
        }
        String fix = canned
                ? "a canned policy covers exactly the URL it was signed for: sign for " + s.unsignedUrl() + ", or use a custom"
                        + " policy with a wildcard; otherwise a value was changed after signing, or the private key is not"
                        + " the one paired with " + Text.quote(sentKey)
                : "a value was changed after signing (cut when pasted, URL-encoded, rewritten by a proxy), or the private"
                        + " key is not the one paired with the public key " + Text.quote(sentKey) + ": issue new " + (s.cookies()
                        ? "cookies" : "URLs") + " and compare the key pair with edgepass keygen's public key";
        return new Finding(Cause.BAD_SIGNATURE, message.toString(), fix, d, warnings);
    }

    private static Finding wrongKey(Subject s, Decision d, String sentKey, String sentHash, Probe other, List<String> warnings) {
        next(other.decision(), warnings);
        String hashNote = java.util.Objects.equals(other.hash(), sentHash) ? ""
                : " and hash " + (other.hash() == null ? "SHA1" : other.hash());
        return new Finding(Cause.WRONG_KEY_ID, s.name("Key-Pair-Id") + " is " + Text.quote(sentKey) + " but the signature"
                + " was made with the private key of " + Text.quote(other.keyPairId()) + hashNote,
                "send " + s.name("Key-Pair-Id") + "=" + other.keyPairId() + ": the id CloudFront shows for the public key"
                        + " of the private key you sign with", d, warnings);
    }

    /** A key id and hash under which the signature verifies, and the validator's decision then. */
    private record Probe(String keyPairId, String hash, Decision decision) {}

    /** Says which check fails once the signature problem is fixed, if any. */
    private static void next(Decision afterFix, List<String> warnings) {
        if (!afterFix.allowed()) {
            warnings.add("once that is fixed, the next check fails: " + afterFix.reason() + " (" + afterFix.detail() + ")");
        }
    }

    private static Probe probeOtherKeys(SignedRequestValidator validator, Subject s, Context ctx, String sentKey, String sentHash,
            String viewerIp) {
        String otherHash = "SHA256".equals(sentHash) ? null : "SHA256";
        for (String id : ctx.trusted()) {
            if (id.equals(sentKey)) {
                continue;
            }
            for (String hash : new String[] {sentHash, otherHash}) {
                Decision d = s.check(validator, id, hash, viewerIp);
                if (verifies(d)) {
                    return new Probe(id, hash, d);
                }
            }
        }
        return null;
    }

    /** True when the validator got past the signature check, whatever it found after it. */
    private static boolean verifies(Decision d) {
        Reason r = d.reason();
        return r == Reason.ALLOWED || r == Reason.EXPIRED || r == Reason.NOT_YET_VALID || r == Reason.IP_NOT_ALLOWED
                || r == Reason.RESOURCE_MISMATCH;
    }

    private static Instant expiry(Map<String, String> v, PolicyStatement statement) {
        if (statement != null) {
            return statement.expiresAt();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(v.getOrDefault("Expires", "0")));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }

    /** Says why a base64 value may have been mangled on its way, or "" when nothing shows. */
    static String encodingHint(String value) {
        if (value == null) {
            return "";
        }
        if (value.matches(".*%[0-9A-Fa-f]{2}.*")) {
            return " (the value holds %XX escapes: something URL-encoded it; CloudFront wants it as signed)";
        }
        if (value.indexOf('+') >= 0 || value.indexOf('/') >= 0 || value.indexOf('=') >= 0) {
            return " (the value holds + / or =: it is standard base64; CloudFront's uses - ~ and _ instead)";
        }
        if (value.indexOf(' ') >= 0) {
            return " (the value holds a space: a + was decoded as a space on its way)";
        }
        return "";
    }

    private static String resourceFix(String resource, String asked) {
        String[] r = split(resource);
        String[] a = split(asked);
        if (r != null && a != null) {
            if (!r[0].contains("*") && !r[0].contains("?") && !r[0].equalsIgnoreCase(a[0])) {
                return "the policy names " + r[0] + ":// but the browser used " + a[0] + "://: write " + a[0] + "://"
                        + " or http*:// in the Resource";
            }
            if (!r[1].contains("*") && !r[1].contains("?") && !r[1].equalsIgnoreCase(a[1])) {
                return "sign for the host the browser uses, such as " + a[0] + "://" + a[1] + directory(r[2], a[2])
                        + " (the distribution's domain name, or the alternate domain name the browser uses)";
            }
            if (a[2].indexOf('?') >= 0 && !resource.endsWith("*")) {
                return "the request has a query string: end the Resource with * to cover it, such as " + resource + "*";
            }
            return "the Resource's path does not cover " + a[2] + ": sign for a pattern that does, such as " + a[0] + "://"
                    + a[1] + directory(a[2], a[2]);
        }
        return "sign for a Resource that matches " + asked + ": * matches any run of characters, ? one character";
    }

    /** Splits a URL or pattern into scheme, host and the rest, or returns null. */
    private static String[] split(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            return null;
        }
        int end = sep + 3;
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?') {
            end++;
        }
        return new String[] {url.substring(0, sep).toLowerCase(Locale.ROOT), url.substring(sep + 3, end), url.substring(end)};
    }

    /** The first path segment of {@code preferred} (or of {@code fallback}) followed by {@code /*}. */
    private static String directory(String preferred, String fallback) {
        String path = preferred.isEmpty() || preferred.startsWith("?") ? fallback : preferred;
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        int second = path.indexOf('/', 1);
        return second < 0 ? "/*" : path.substring(0, second + 1) + "*";
    }
}
