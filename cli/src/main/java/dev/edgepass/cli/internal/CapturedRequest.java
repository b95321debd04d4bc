package dev.edgepass.cli.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as the user captured it: from a HAR entry, a {@code curl -v} transcript, a pasted
 * {@code Cookie} header or {@code Set-Cookie} lines, or a URL.
 *
 * @param method  the method, or null when unknown
 * @param url     the absolute URL asked for, or null when the input does not say
 * @param status  the response status, or -1 when unknown
 * @param cookies the cookies sent, in order
 * @param time    when the request was made, or null when unknown
 * @param origin  where it came from, for the output ("HAR entry 3 of 5")
 */
public record CapturedRequest(String method, String url, int status, List<Cookie> cookies, Instant time, String origin) {

    /** Copies the cookie list. */
    public CapturedRequest {
        cookies = List.copyOf(cookies);
    }

    /** Returns a copy with another URL. */
    CapturedRequest withUrl(String newUrl) {
        return new CapturedRequest(method, newUrl, status, cookies, time, origin);
    }

    /** Returns true when at least one CloudFront cookie was sent. */
    boolean hasCloudFrontCookies() {
        for (Cookie c : cookies) {
            if (c.isCloudFront()) {
                return true;
            }
        }
        return false;
    }

    /** Returns true when the URL carries at least one CloudFront signing parameter. */
    boolean hasSigningParameters() {
        return url != null && !SignedUrls.signingParameters(url).isEmpty();
    }

    /**
     * Returns the CloudFront cookies as the validator wants them, the first of each name, and
     * lists in {@code warnings} the names sent more than once.
     */
    Map<String, String> cloudFrontCookies(List<String> warnings) {
        Map<String, String> map = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Cookie c : cookies) {
            if (c.isCloudFront()) {
                map.putIfAbsent(c.name(), c.value());
                counts.merge(c.name(), 1, Integer::sum);
            }
        }
        List<String> repeated = new ArrayList<>();
        counts.forEach((name, n) -> {
            if (n > 1) {
                repeated.add(name + " (" + n + " times)");
            }
        });
        if (!repeated.isEmpty()) {
            warnings.add("the request carries " + String.join(", ", repeated) + ": cookies set with different Domain or"
                    + " Path attributes; the first of each is checked; clear the stale ones");
        }
        return map;
    }

    /** Describes the request for the output: "GET https://... -> 403 (HAR entry 3 of 5)". */
    String describe() {
        StringBuilder sb = new StringBuilder();
        if (method != null) {
            sb.append(method).append(' ');
        }
        // Signing parameters are left out: output gets pasted into tickets, and they say nothing here.
        sb.append(url == null ? "(no URL)" : hasSigningParameters() ? SignedUrls.unsigned(url) : url);
        if (status >= 0) {
            sb.append(" -> ").append(status);
        }
        return sb.append(" (").append(hasSigningParameters() ? "signed URL, " : "").append(origin).append(')').toString();
    }
}
