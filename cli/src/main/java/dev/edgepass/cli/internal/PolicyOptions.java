package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.HashAlgorithm;
import dev.edgepass.cloudfront.Policy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The policy options of {@code sign-cookies} and {@code sign-url}. */
public final class PolicyOptions {

    @Option(names = "--expires", paramLabel = "TIME", defaultValue = "1h", description = "When access ends: " + Times.FORMS
            + ". Default: ${DEFAULT-VALUE}.")
    String expires;

    @Option(names = "--active-from", paramLabel = "TIME", description = "When access starts (makes the policy custom).")
    String activeFrom;

    @Option(names = "--ip", paramLabel = "CIDR", description = "Allow only viewers in this IPv4 or IPv6 range, such as"
            + " 192.0.2.0/24 (makes the policy custom).")
    String ip;

    @Option(names = "--hash", paramLabel = "ALG", defaultValue = "SHA1", description = "SHA1 (CloudFront's default) or"
            + " SHA256 (adds Hash-Algorithm). Default: ${DEFAULT-VALUE}.")
    HashAlgorithm hash;

    /**
     * Builds the policy for {@code resource}.
     *
     * @param resource the URL or pattern
     * @param warnings receives a warning when the policy is already expired
     * @throws UsageException if the policy breaks a rule CloudFront has
     */
    Policy policy(String resource, java.util.List<String> warnings) {
        Instant now = Instant.now();
        Policy.Builder b = Policy.builder();
        try {
            b.resource(resource);
            Instant until = Times.parse(expires, "--expires", now);
            b.expiresAt(until);
            if (!until.isAfter(now)) {
                warnings.add("--expires " + until + " is not in the future: CloudFront will refuse these");
            }
            if (activeFrom != null) {
                b.activeFrom(Times.parse(activeFrom, "--active-from", now));
            }
            if (ip != null) {
                b.sourceIp(ip);
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Describes a policy for JSON output. */
    static Map<String, Object> json(Policy policy) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("type", policy.isCanned() ? "canned" : "custom");
        o.put("resource", policy.resource());
        o.put("expiresAt", policy.expiresAt().toString());
        o.put("activeFrom", policy.activeFrom().map(Instant::toString).orElse(null));
        o.put("sourceIp", policy.sourceIp().orElse(null));
        o.put("statement", policy.toJson());
        return o;
    }

    /** Quotes a word for a POSIX shell. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
