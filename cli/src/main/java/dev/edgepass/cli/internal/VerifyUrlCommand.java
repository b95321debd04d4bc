package dev.edgepass.cli.internal;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edgepass verify-url}: would CloudFront accept this signed URL, and if not, why. */
@Command(name = "verify-url", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check a CloudFront signed URL the way CloudFront does, and name the one check that fails and what"
                + " to change.",
                "Input: the signed URL, or --file with a HAR file or a curl -v transcript (the first request refused with"
                        + " 403 that carries signing parameters, or the one --url names, at the time it was made)."},
        footer = {"", "Exit codes: 0 accepted, 1 refused, 2 usage error."})
public final class VerifyUrlCommand extends VerifyCommand {

    @Parameters(arity = "0..1", paramLabel = "URL", description = "The signed URL, as the browser asked for it.")
    String signedUrl;

    @Option(names = "--url", paramLabel = "URL", description = "With a HAR file or transcript: which request to check"
            + " (exact URL, prefix or part).")
    String url;

    /** Creates the command; picocli calls it. */
    public VerifyUrlCommand() {}

    @Override
    public Integer call() {
        Inputs inputs = new Inputs(System.in);
        InputText input = InputText.read(signedUrl, "URL", file, inputs);
        Map<String, PublicKey> group = keyGroup(inputs);
        RequestSources.Format format = input.format();
        if (format == RequestSources.Format.COOKIE_HEADER || format == RequestSources.Format.SET_COOKIE) {
            throw new UsageException(input.name() + " is not a URL, HAR file or curl -v transcript; for cookies use"
                    + " verify-cookies");
        }
        List<CapturedRequest> requests = RequestSources.parse(input.text(), input.format(), input.name());
        List<String> notes = new ArrayList<>();
        CapturedRequest request;
        if (format == RequestSources.Format.URL) {
            request = requests.get(0);
        } else {
            RequestPicker.Pick pick = RequestPicker.pick(requests, CapturedRequest::hasSigningParameters,
                    "signed-URL parameters", url, input.name());
            request = pick.request();
            if (pick.note() != null) {
                notes.add(pick.note());
            }
            if (request.url() == null) {
                throw new UsageException(request.origin() + " of " + input.name() + " has no URL (no Host header)");
            }
        }
        Diagnosis.Context ctx = context(request, group);
        Diagnosis.Finding f = Diagnosis.diagnose(validator(group, ctx.at()), Diagnosis.Subject.ofUrl(request.url()), ctx);
        return report(f, request, ctx, notes);
    }
}
