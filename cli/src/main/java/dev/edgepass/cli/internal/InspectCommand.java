package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.CloudFrontException;
import dev.edgepass.cloudfront.PolicyStatement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgepass inspect}: decodes CloudFront cookies or a signed URL without a key. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Decode CloudFront cookies or a signed URL without a key: the policy as JSON, times in UTC and"
                + " relative, key id, hash algorithm, cookie attributes and sizes against the limits.",
                "Input: a Cookie header, Set-Cookie lines (as sign-cookies prints them), a signed URL, a HAR file or a"
                        + " curl -v transcript."},
        footer = {"", "Exit codes: 0 decoded, 1 a value cannot be decoded (malformed policy), 2 usage error or nothing"
                + " CloudFront in the input."})
public final class InspectCommand implements Callable<Integer> {

    /** Bytes a browser keeps per cookie, name, value and attributes together (RFC 6265 section 6.1). */
    static final int COOKIE_LIMIT = 4096;
    /** Bytes CloudFront accepts in a URL (CloudFront quotas). */
    static final int URL_LIMIT = 8192;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "A Cookie header, a Set-Cookie line or a signed URL.")
    String text;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the input from FILE (- for standard input):"
            + " a HAR file, a curl -v transcript, Set-Cookie lines or a Cookie header.")
    String file;

    @Option(names = "--url", paramLabel = "URL", description = "With a HAR file or transcript: the request to inspect"
            + " (exact URL, prefix or part); default the first refused with 403.")
    String url;

    @Option(names = "--at", paramLabel = "TIME", description = "Compare times with TIME instead of now: " + Times.FORMS + ".")
    String at;

    private String cookieHeading;
    private List<String[]> cookieRows = List.of();

    /** Creates the command; picocli calls it. */
    public InspectCommand() {}

    @Override
    public Integer call() {
        Console console = Console.of(spec, common);
        Instant now = Instant.now();
        Instant when = at == null ? now : Times.parse(at, "--at", now);
        InputText input = InputText.read(text, "TEXT", file, new Inputs(System.in));
        List<CapturedRequest> requests = RequestSources.parse(input.text(), input.format(), input.name());
        CapturedRequest request;
        String note = null;
        if (requests.size() == 1 && url == null) {
            request = requests.get(0);
        } else {
            RequestPicker.Pick pick = RequestPicker.pick(requests,
                    r -> r.hasCloudFrontCookies() || r.hasSigningParameters(), "CloudFront cookies or a signed URL", url,
                    input.name());
            request = pick.request();
            note = pick.note();
        }
        List<String> warnings = new ArrayList<>();
        if (note != null) {
            warnings.add(note);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        boolean ok;
        String heading;
        if (request.hasCloudFrontCookies()) {
            ok = cookies(request, when, result, rows, warnings);
            heading = "CloudFront signed cookies";
        } else if (request.hasSigningParameters()) {
            ok = signedUrl(request, when, result, rows, warnings);
            heading = "CloudFront signed URL";
        } else {
            throw new UsageException("no CloudFront cookies or signed-URL parameters in " + input.name());
        }
        if (requests.size() > 1 || request.status() >= 0) {
            result.put("request", requestJson(request));
        }
        result.put("warnings", warnings);
        Object policyJson = result.remove("policyJson");
        if (console.json()) {
            console.printJson(result);
        } else {
            console.println(heading + ": " + result.get("policyType") + " policy, " + result.get("hashAlgorithm") + ", key "
                    + result.get("keyPairId"));
            if (result.containsKey("request")) {
                rows.add(0, new String[] {"request", request.describe()});
            }
            console.printRows(rows);
            if (cookieHeading != null) {
                console.println(cookieHeading);
                console.printRows(cookieRows);
            }
            if (policyJson instanceof String json) {
                console.println("Policy");
                for (String line : json.split("\n")) {
                    console.println("  " + line);
                }
            }
            for (String w : warnings) {
                console.warn(w);
            }
        }
        return ok ? 0 : 1;
    }

    private boolean cookies(CapturedRequest request, Instant when, Map<String, Object> result, List<String[]> rows,
            List<String> warnings) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : request.cloudFrontCookies(warnings).entrySet()) {
            values.put(e.getKey().substring("CloudFront-".length()), e.getValue());
        }
        result.put("kind", "cookies");
        boolean ok = common(values, true, when, result, rows);
        boolean setCookie = false;
        List<Object> list = new ArrayList<>();
        List<String[]> sizes = new ArrayList<>();
        for (Cookie c : request.cookies()) {
            if (!c.isCloudFront()) {
                continue;
            }
            setCookie |= !c.attributes().isEmpty();
            int bytes = (c.name() + "=" + c.value() + c.attributes()).getBytes(StandardCharsets.UTF_8).length;
            Map<String, Object> cookie = new LinkedHashMap<>();
            cookie.put("name", c.name());
            cookie.put("bytes", bytes);
            cookie.put("limit", COOKIE_LIMIT);
            Map<String, Object> attributes = attributes(c);
            cookie.put("attributes", attributes);
            list.add(cookie);
            String attr = attributes.isEmpty() ? "" : "  " + attributeText(attributes);
            sizes.add(new String[] {c.name(), String.format(java.util.Locale.ROOT, "%4d", bytes) + " bytes" + (bytes > COOKIE_LIMIT ? " (OVER the " + COOKIE_LIMIT
                    + "-byte browser limit)" : "") + attr});
            if (bytes > COOKIE_LIMIT) {
                warnings.add(c.name() + " is " + bytes + " bytes; browsers keep at most " + COOKIE_LIMIT + " per cookie,"
                        + " name, value and attributes together (RFC 6265 section 6.1), and drop larger ones");
            }
        }
        result.put("cookies", list);
        cookieHeading = setCookie ? "Cookies (size of each Set-Cookie value; a browser keeps at most " + COOKIE_LIMIT
                + " bytes per cookie)" : "Cookies (size of name=value; a browser keeps at most " + COOKIE_LIMIT
                + " bytes per cookie, attributes included)";
        cookieRows = sizes;
        return ok;
    }

    private boolean signedUrl(CapturedRequest request, Instant when, Map<String, Object> result, List<String[]> rows,
            List<String> warnings) {
        Map<String, String> values = SignedUrls.signingParameters(request.url());
        result.put("kind", "url");
        result.put("url", SignedUrls.unsigned(request.url()));
        boolean ok = common(values, false, when, result, rows);
        int bytes = request.url().getBytes(StandardCharsets.UTF_8).length;
        result.put("urlBytes", bytes);
        result.put("urlLimit", URL_LIMIT);
        rows.add(0, new String[] {"URL", SignedUrls.unsigned(request.url())});
        rows.add(new String[] {"length", bytes + " bytes of at most " + URL_LIMIT});
        if (bytes > URL_LIMIT) {
            warnings.add("the signed URL is " + bytes + " bytes; CloudFront accepts at most " + URL_LIMIT);
        }
        return ok;
    }

    /** Fills in what cookies and URLs share: policy, times, key id, hash, signature. */
    private static boolean common(Map<String, String> v, boolean cookies, Instant when, Map<String, Object> result,
            List<String[]> rows) {
        String prefix = cookies ? "CloudFront-" : "";
        boolean ok = true;
        String keyPairId = v.get("Key-Pair-Id");
        String hash = v.get("Hash-Algorithm");
        boolean canned = v.containsKey("Expires") && !v.containsKey("Policy");
        result.put("policyType", canned ? "canned" : v.containsKey("Policy") ? "custom" : "missing");
        result.put("keyPairId", keyPairId);
        result.put("hashAlgorithm", hash == null ? "SHA1" : hash);
        result.put("hashAlgorithmSent", hash != null);
        Instant expires = null;
        int expiresRow = rows.size();
        if (canned) {
            String e = v.get("Expires");
            try {
                expires = Instant.ofEpochSecond(Long.parseLong(e));
            } catch (NumberFormatException | java.time.DateTimeException ex) {
                ok = false;
                result.put("policyError", prefix + "Expires is not whole epoch seconds");
            }
            result.put("resource", null);
            rows.add(new String[] {"resource", "the URL requested (a canned policy names exactly one URL)"});
            expiresRow = rows.size();
        } else if (v.containsKey("Policy")) {
            try {
                PolicyStatement statement = PolicyStatement.decode(v.get("Policy"));
                expires = statement.expiresAt();
                result.put("resource", statement.resource().orElse(null));
                rows.add(new String[] {"resource", statement.resource().orElse("none (a signed URL's policy may omit it:"
                        + " the URL itself)")});
                expiresRow = rows.size();
                Instant start = statement.activeFrom().orElse(null);
                result.put("activeFrom", start == null ? null : start.toString());
                result.put("sourceIp", statement.sourceIp().orElse(null));
                try {
                    Object parsed = Json.parse(statement.json());
                    result.put("policy", parsed);
                    result.put("policyJson", Json.write(parsed, true));
                } catch (Json.ParseException e) {
                    result.put("policyJson", statement.json());
                }
                rows.add(new String[] {"active from", start == null ? "no start (DateGreaterThan absent)"
                        : start + " (" + Times.relative(start, when) + ")"});
                rows.add(new String[] {"source IP", statement.sourceIp().orElse("any (IpAddress absent)")});
            } catch (CloudFrontException e) {
                ok = false;
                result.put("policyError", e.getMessage() + Diagnosis.encodingHint(v.get("Policy")));
                rows.add(new String[] {"policy", "NOT READABLE: " + e.getMessage() + Diagnosis.encodingHint(v.get("Policy"))});
            }
        } else {
            ok = false;
            result.put("policyError", "neither " + prefix + "Policy nor " + prefix + "Expires is present");
            rows.add(new String[] {"policy", "MISSING: neither " + prefix + "Policy nor " + prefix + "Expires is present"});
        }
        if (expires != null) {
            result.put("expiresAt", expires.toString());
            boolean expired = !when.isBefore(expires);
            result.put("expired", expired);
            rows.add(expiresRow, new String[] {"expires", expires + " (" + (expired ? "expired " : "") + Times.relative(expires, when)
                    + ")"});
        }
        rows.add(new String[] {"key id", keyPairId == null ? "MISSING (" + prefix + "Key-Pair-Id)" : keyPairId});
        String hashText;
        if (hash == null) {
            hashText = "SHA1 (no " + prefix + "Hash-Algorithm: CloudFront checks SHA-1)";
        } else if ("SHA1".equals(hash) || "SHA256".equals(hash)) {
            hashText = hash + " (" + prefix + "Hash-Algorithm)";
        } else {
            hashText = Text.quote(hash) + " (unknown to CloudFront, which takes SHA1 or SHA256)";
        }
        rows.add(new String[] {"hash", hashText});
        String signature = v.get("Signature");
        String kind = signatureKind(signature);
        result.put("signature", kind);
        rows.add(new String[] {"signature", kind});
        return ok;
    }

    /** Names the signature's size and the key it fits, without printing it. */
    static String signatureKind(String signature) {
        if (signature == null) {
            return "missing";
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature.replace('-', '+').replace('_', '=').replace('~', '/'));
        } catch (IllegalArgumentException e) {
            return "not CloudFront base64" + Diagnosis.encodingHint(signature);
        }
        String fits = switch (raw.length) {
            case 256 -> ", the size of an RSA-2048 signature";
            case 384 -> ", the size of an RSA-3072 signature";
            case 512 -> ", the size of an RSA-4096 signature";
            default -> raw.length >= 8 && raw.length <= 72 && raw[0] == 0x30 ? ", an ECDSA (DER) signature" : "";
        };
        return raw.length + " bytes" + fits;
    }

    private static Map<String, Object> attributes(Cookie c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : c.attributes().split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            out.put(eq < 0 ? p : p.substring(0, eq).strip(), eq < 0 ? Boolean.TRUE : p.substring(eq + 1).strip());
        }
        return out;
    }

    private static String attributeText(Map<String, Object> attributes) {
        List<String> parts = new ArrayList<>();
        attributes.forEach((k, val) -> parts.add(Boolean.TRUE.equals(val) ? k : k + "=" + val));
        return String.join("; ", parts);
    }

    static Map<String, Object> requestJson(CapturedRequest r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("origin", r.origin());
        o.put("method", r.method());
        o.put("url", r.url() == null ? null : SignedUrls.unsigned(r.url()));
        o.put("signed", r.hasSigningParameters());
        o.put("status", r.status() < 0 ? null : r.status());
        o.put("time", r.time() == null ? null : r.time().toString());
        return o;
    }
}
