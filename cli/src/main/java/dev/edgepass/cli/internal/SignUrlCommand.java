package dev.edgepass.cli.internal;

import dev.edgepass.cloudfront.CloudFrontSigner;
import dev.edgepass.cloudfront.Policy;
import dev.edgepass.cloudfront.SignedUrlFactory;
import java.util.ArrayList;
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

/** {@code edgepass sign-url}: signs a URL for CloudFront. */
@Command(name = "sign-url", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Sign a CloudFront URL: a canned policy for exactly this URL, or a custom one with --resource,"
                + " --active-from or --ip.",
                "Prints the signed URL, a curl command (--curl) or JSON (--json)."},
        footer = {"", "Exit codes: 0 done, 2 usage error (bad option, unreadable key, a policy CloudFront would refuse)."})
public final class SignUrlCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    SigningKeyOptions key;

    @Mixin
    PolicyOptions policyOptions;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The URL to sign, such as"
            + " https://d111111abcdef8.cloudfront.net/private/report.pdf")
    String url;

    @Option(names = "--resource", paramLabel = "PATTERN", description = "Grant a pattern instead of exactly URL, such as"
            + " https://d111111abcdef8.cloudfront.net/private/* (makes the policy custom).")
    String resource;

    @Option(names = "--curl", description = "Print a curl command that fetches the signed URL.")
    boolean curl;

    /** Creates the command; picocli calls it. */
    public SignUrlCommand() {}

    @Override
    public Integer call() {
        Console console = Console.of(spec, common);
        List<String> warnings = new ArrayList<>();
        Policy policy = policyOptions.policy(resource == null ? url : resource, warnings);
        CloudFrontSigner signer = key.signer(policyOptions.hash, new Inputs(System.in));
        String signed;
        try {
            signed = SignedUrlFactory.of(signer).sign(url, policy);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("keyPairId", signer.keyPairId());
            o.put("hashAlgorithm", signer.hashAlgorithm().id());
            o.put("policy", PolicyOptions.json(policy));
            o.put("url", signed);
            o.put("curl", "curl " + PolicyOptions.shellQuote(signed));
            o.put("warnings", warnings);
            console.printJson(o);
        } else {
            console.println(curl ? "curl " + PolicyOptions.shellQuote(signed) : signed);
            for (String w : warnings) {
                console.warn(w);
            }
        }
        return 0;
    }
}
