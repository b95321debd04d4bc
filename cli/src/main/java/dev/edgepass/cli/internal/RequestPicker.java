package dev.edgepass.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Picks the request to explain from a HAR file or a transcript: the one {@code --url} names, else
 * the first refused with 403 that carries CloudFront credentials.
 */
final class RequestPicker {

    private RequestPicker() {}

    /** The pick, and a note on what else could have been picked (null when nothing). */
    record Pick(CapturedRequest request, String note) {}

    /**
     * Picks one request.
     *
     * @param all       the requests, in order
     * @param signed    whether a request carries what is checked (CloudFront cookies, or signing parameters)
     * @param what      what {@code signed} looks for, for messages ("CloudFront cookies")
     * @param urlFilter {@code --url}: an exact URL, else a prefix, else a part of the URL; may be null
     * @param source    the input's name, for messages
     * @throws UsageException if no request fits
     */
    static Pick pick(List<CapturedRequest> all, Predicate<CapturedRequest> signed, String what, String urlFilter, String source) {
        List<CapturedRequest> candidates = all;
        if (urlFilter != null) {
            candidates = matching(all, urlFilter);
            if (candidates.isEmpty()) {
                throw new UsageException("no request in " + source + " matches --url " + Text.quote(urlFilter) + " ("
                        + all.size() + " request" + (all.size() == 1 ? "" : "s") + ")");
            }
        }
        List<CapturedRequest> refusedSigned = new ArrayList<>();
        List<CapturedRequest> refused = new ArrayList<>();
        List<CapturedRequest> signedOnes = new ArrayList<>();
        for (CapturedRequest r : candidates) {
            if (r.status() == 403 && signed.test(r)) {
                refusedSigned.add(r);
            }
            if (r.status() == 403) {
                refused.add(r);
            }
            if (signed.test(r)) {
                signedOnes.add(r);
            }
        }
        if (!refusedSigned.isEmpty()) {
            return new Pick(refusedSigned.get(0), others(refusedSigned.size(), "refused with 403 and carrying " + what));
        }
        if (!refused.isEmpty()) {
            return new Pick(refused.get(0), others(refused.size(), "refused with 403"));
        }
        if (!signedOnes.isEmpty()) {
            CapturedRequest last = signedOnes.get(signedOnes.size() - 1);
            return new Pick(last, signedOnes.size() > 1 ? "no request was refused with 403; checked the last of "
                    + signedOnes.size() + " carrying " + what : null);
        }
        if (candidates.size() == 1) {
            return new Pick(candidates.get(0), null);
        }
        throw new UsageException("no request in " + source + " was refused with 403 or carries " + what + " ("
                + candidates.size() + " requests); pick one with --url");
    }

    private static String others(int n, String what) {
        return n > 1 ? (n - 1) + " more request" + (n > 2 ? "s" : "") + " " + what + "; pick another with --url" : null;
    }

    private static List<CapturedRequest> matching(List<CapturedRequest> all, String filter) {
        List<CapturedRequest> exact = new ArrayList<>();
        List<CapturedRequest> prefix = new ArrayList<>();
        List<CapturedRequest> part = new ArrayList<>();
        for (CapturedRequest r : all) {
            if (r.url() == null) {
                continue;
            }
            if (r.url().equals(filter) || SignedUrls.unsigned(r.url()).equals(filter)) {
                exact.add(r);
            } else if (r.url().startsWith(filter)) {
                prefix.add(r);
            } else if (r.url().contains(filter)) {
                part.add(r);
            }
        }
        return !exact.isEmpty() ? exact : !prefix.isEmpty() ? prefix : part;
    }
}
