package dev.edgepass.cli.internal;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgepass verify-cookies}: would CloudFront accept these cookies, and if not, why. */
@Command(name = "verify-cookies", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check CloudFront signed cookies the way CloudFront does, and name the one check that fails and"
                + " what to change.",
                "Input: a pasted Cookie header (--cookie, with --url), or --file with a HAR file from the browser's network"
                        + " panel, a curl -v transcript or Set-Cookie lines. From a HAR file or transcript it checks the"
                        + " first request refused with 403 that carries CloudFront cookies, or the one --url names, at the"
                        + " time it was made."},
        footer = {"", "Exit codes: 0 accepted, 1 refused, 2 usage error."})
public final class VerifyCookiesCommand extends VerifyCommand {

    @Option(names = "--cookie", paramLabel = "HEADER", description = "The Cookie request header, with or without"
            + " 'Cookie:'.")
    String cookie;

    @Option(names = "--url", paramLabel = "URL", description = "With a Cookie header or Set-Cookie lines: the URL the"
            + " browser asked for (required). With a HAR file or transcript: which request to check (exact URL, prefix or"
            + " part).")
    String url;

    /** Creates the command; picocli calls it. */
    public VerifyCookiesCommand() {}

    @Override
    public Integer call() {
        Inputs inputs = new Inputs(System.in);
        InputText input = InputText.read(cookie, "--cookie", file, inputs);
        Map<String, PublicKey> group = keyGroup(inputs);
        List<CapturedRequest> requests = RequestSources.parse(input.text(), input.format(), input.name());
        RequestSources.Format format = input.format();
        if (format == RequestSources.Format.URL) {
            throw new UsageException(input.name() + " is a URL: verify-cookies checks cookies; use verify-url for a"
                    + " signed URL, or give the Cookie header with --cookie and the URL with --url");
        }
        List<String> notes = new ArrayList<>();
        CapturedRequest request;
        if (format == RequestSources.Format.COOKIE_HEADER || format == RequestSources.Format.SET_COOKIE) {
            if (url == null) {
                throw new UsageException("a Cookie header does not say which URL was asked: add --url URL");
            }
            request = requests.get(0).withUrl(url);
        } else {
            RequestPicker.Pick pick = RequestPicker.pick(requests, CapturedRequest::hasCloudFrontCookies, "CloudFront cookies",
                    url, input.name());
            request = pick.request();
            if (pick.note() != null) {
                notes.add(pick.note());
            }
            if (request.url() == null) {
                throw new UsageException(request.origin() + " of " + input.name() + " has no URL (no Host header)");
            }
        }
        Diagnosis.Context ctx = context(request, group);
        Map<String, String> cookies = request.cloudFrontCookies(notes);
        if (cookies.isEmpty() && format == RequestSources.Format.HAR && !request.cookies().isEmpty()) {
            notes.add("the request carries other cookies but no CloudFront ones");
        } else if (cookies.isEmpty() && format == RequestSources.Format.HAR) {
            notes.add("the HAR entry has no cookies at all: some browsers leave them out of an exported HAR (a sanitized"
                    + " export); export it with sensitive data, or paste the Cookie header instead");
        }
        Diagnosis.Finding f = Diagnosis.diagnose(validator(group, ctx.at()), Diagnosis.Subject.ofCookies(request.url(), cookies),
                ctx);
        return report(f, request, ctx, notes);
    }
}
