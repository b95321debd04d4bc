package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SameSite;
import dev.edgepass.cloudfront.SignedCookieFactory;
import dev.edgepass.cloudfront.SignedCookies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgepass sign-cookies}: mints CloudFront signed cookies. */
@Command(name = "sign-cookies", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Sign CloudFront cookies for a resource: a canned policy when it allows (one URL, no start, no IP"
                + " range), a custom policy otherwise.",
                "Prints one Set-Cookie line per cookie, a curl command (--curl) or JSON (--json)."},
        footer = {"", "Exit codes: 0 done, 2 usage error (bad option, unreadable key, a policy CloudFront would refuse)."})
public final class SignCookiesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    SigningKeyOptions key;

    @Mixin
    PolicyOptions policyOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--resource", paramLabel = "URL", required = true, description = "What the cookies grant: a URL, or a"
            + " pattern with * and ?, such as https://d111111abcdef8.cloudfront.net/private/*")
    String resource;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Cookie Domain attribute; default none (host-only).")
    String domain;

    @Option(names = "--path", paramLabel = "PATH", defaultValue = "/", description = "Cookie Path attribute. Default:"
            + " ${DEFAULT-VALUE}.")
    String path;

    @Option(names = "--no-secure", description = "Leave out the Secure attribute (plain http only).")
    boolean noSecure;

    @Option(names = "--no-http-only", description = "Leave out the HttpOnly attribute.")
    boolean noHttpOnly;

    @Option(names = "--same-site", paramLabel = "MODE", defaultValue = "LAX", description = "SameSite attribute: LAX,"
            + " STRICT or NONE. Default: ${DEFAULT-VALUE}.")
    SameSite sameSite;

    @Option(names = "--max-age", paramLabel = "DURATION", description = "Max-Age attribute, such as 1h; default none"
            + " (session cookies, as the CloudFront guide recommends).")
    String maxAge;

    @Option(names = "--curl", description = "Print a curl command that sends the cookies.")
    boolean curl;

    @Option(names = "--url", paramLabel = "URL", description = "The URL the curl command fetches; default the resource"
            + " when it has no wildcard.")
    String url;

    /** Creates the command; picocli calls it. */
    public SignCookiesCommand() {}

    @Override
    public Integer call() {
        Console console = Console.of(spec, common);
        List<String> warnings = new ArrayList<>();
        Policy policy = policyOptions.policy(resource, warnings);
        String fetch = url != null ? url : policy.hasWildcard() ? null : policy.resource();
        if (curl && fetch == null) {
            throw new UsageException("--curl needs --url: the resource " + Text.quote(resource) + " is a pattern");
        }
        SignedCookieFactory.Builder b = SignedCookieFactory.builder();
        try {
            if (domain != null) {
                b.domain(domain);
            }
            b.path(path).secure(!noSecure).httpOnly(!noHttpOnly).sameSite(sameSite);
            if (maxAge != null) {
                b.maxAge(Times.duration(maxAge, "--max-age"));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        CloudFrontSigner signer = key.signer(policyOptions.hash, new Inputs(System.in));
        SignedCookieFactory factory;
        try {
            factory = b.signer(signer).build();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage(), e);
        }
        SignedCookies cookies = factory.create(policy);
        List<String> pairs = new ArrayList<>();
        cookies.asMap().forEach((n, v) -> pairs.add(n + "=" + v));
        String cookieHeader = String.join("; ", pairs);
        String curlCommand = fetch == null ? null : "curl -b " + PolicyOptions.shellQuote(cookieHeader) + " "
                + PolicyOptions.shellQuote(fetch);
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("keyPairId", signer.keyPairId());
            o.put("hashAlgorithm", signer.hashAlgorithm().id());
            o.put("policy", PolicyOptions.json(policy));
            o.put("cookies", new LinkedHashMap<>(cookies.asMap()));
            o.put("setCookie", cookies.setCookieHeaders());
            o.put("cookieHeader", cookieHeader);
            o.put("curl", curlCommand);
            o.put("warnings", warnings);
            console.printJson(o);
        } else {
            if (curl) {
                console.println(curlCommand);
            } else {
                for (String h : cookies.setCookieHeaders()) {
                    console.println("Set-Cookie: " + h);
                }
            }
            for (String w : warnings) {
                console.warn(w);
            }
        }
        return 0;
    }
}
