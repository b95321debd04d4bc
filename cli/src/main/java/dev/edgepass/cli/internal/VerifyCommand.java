package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.SignedRequestValidator;
import dev.edgepass.core.KeyFormatException;
import dev.edgepass.core.PemKeys;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What {@code verify-cookies} and {@code verify-url} share: the key group, time, viewer address and output. */
abstract class VerifyCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--public-key", paramLabel = "ID=FILE", required = true,
            description = "A public key of the key group: its CloudFront id and its PEM file (BEGIN PUBLIC KEY, as"
                    + " uploaded to CloudFront). Repeat for every key of the group.")
    List<String> publicKeys;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the request from FILE (- for standard input): a"
            + " HAR file exported from the browser, a curl -v transcript, Set-Cookie lines or a Cookie header.")
    String file;

    @Option(names = "--viewer-ip", paramLabel = "IP", description = "The viewer's public IP address, as CloudFront sees"
            + " it; needed when the policy has an IP range.")
    String viewerIp;

    @Option(names = "--at", paramLabel = "TIME", description = "Check at TIME instead of the request's time (HAR,"
            + " transcript) or now: " + Times.FORMS + ".")
    String at;

    /** Reads the key group, refusing duplicate ids and unreadable or unusable keys. */
    Map<String, PublicKey> keyGroup(Inputs inputs) {
        Map<String, PublicKey> keys = new TreeMap<>();
        for (String entry : publicKeys) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new UsageException("--public-key must be ID=FILE, such as K2JCJMDEHXQW5F=public_key.pem, was "
                        + Text.quote(entry));
            }
            String id = entry.substring(0, eq);
            String path = entry.substring(eq + 1);
            if (keys.containsKey(id)) {
                throw new UsageException("--public-key names " + Text.quote(id) + " twice");
            }
            String pem = inputs.text(path, "public key file", Inputs.MAX_KEY_BYTES);
            try {
                keys.put(id, PemKeys.publicKey(pem));
            } catch (KeyFormatException e) {
                throw new UsageException("public key file " + Inputs.display(path) + " for " + Text.quote(id) + ": "
                        + e.getMessage(), e);
            }
        }
        return keys;
    }

    /** Builds a validator trusting the group, with its clock at {@code when}. */
    static SignedRequestValidator validator(Map<String, PublicKey> group, Instant when) {
        SignedRequestValidator.Builder b = SignedRequestValidator.builder().clock(Clock.fixed(when, ZoneOffset.UTC));
        for (Map.Entry<String, PublicKey> e : group.entrySet()) {
            b.trust(e.getKey(), e.getValue());
        }
        return b.build();
    }

    /** The time to check at and what it is, from {@code --at}, the request, or now. */
    Diagnosis.Context context(CapturedRequest request, Map<String, PublicKey> group) {
        Instant now = Instant.now();
        Instant when;
        String label;
        if (at != null) {
            when = Times.parse(at, "--at", now);
            label = "the --at time";
        } else if (request.time() != null) {
            when = request.time();
            label = "the request";
        } else {
            when = Instant.ofEpochSecond(now.getEpochSecond());
            label = "now";
        }
        return new Diagnosis.Context(when, label, viewerIp, new ArrayList<>(group.keySet()));
    }

    /** Prints the finding and returns the exit code: 0 accepted, 1 refused. */
    int report(Diagnosis.Finding f, CapturedRequest request, Diagnosis.Context ctx, List<String> notes) {
        Console console = Console.of(spec, common);
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(f.warnings());
        if (f.allowed() && request.status() == 403) {
            warnings.add("CloudFront answered 403 although these values pass every check: check that the cache behaviour"
                    + " for this path trusts the key group given with --public-key, and the time (--at)");
        }
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("allowed", f.allowed());
            o.put("cause", f.cause().id());
            o.put("check", f.cause().check());
            o.put("message", f.message());
            o.put("fix", f.fix());
            o.put("reason", f.decision().reason().name());
            o.put("detail", f.decision().detail());
            o.put("request", InspectCommand.requestJson(request));
            o.put("checkedAt", ctx.at().toString());
            o.put("checkedAtSource", ctx.atLabel());
            o.put("keyGroup", ctx.trusted());
            o.put("viewerIp", ctx.viewerIp());
            o.put("warnings", warnings);
            console.printJson(o);
        } else {
            if (f.allowed()) {
                console.println("ACCEPTED  " + f.message());
            } else {
                console.println("REFUSED  " + f.cause().id() + " (the check that fails: " + f.cause().check() + ")");
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"found", f.message()});
                rows.add(new String[] {"fix", f.fix()});
                rows.add(new String[] {"request", request.describe()});
                rows.add(new String[] {"checked", "at " + ctx.at() + " (" + ctx.atLabel() + "), key group " + ctx.trusted()
                        + ", viewer IP " + (ctx.viewerIp() == null ? "not given" : ctx.viewerIp())});
                rows.add(new String[] {"validator", f.decision().reason() + ": " + f.decision().detail()});
                console.printRows(rows);
            }
            for (String w : warnings) {
                console.warn(w);
            }
        }
        return f.allowed() ? 0 : 1;
    }
}
