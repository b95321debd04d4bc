package dev.edgepass.examples.demo;

/**
 * A CloudFront custom error response: when the distribution would answer {@code errorCode}, it
 * answers with the object at {@code responsePagePath} (fetched through the behaviour that matches
 * that path) and the status {@code responseCode} instead of its own error document. On AWS it is
 * the distribution's {@code CustomErrorResponses} setting.
 *
 * @param errorCode        the status CloudFront replaces, e.g. 403
 * @param responsePagePath the page's path, e.g. {@code /errors/403.html}; keep it out of the
 *                         protected paths, or the page itself is refused
 * @param responseCode     the status sent with the page; the same as {@code errorCode} keeps the
 *                         refusal visible to scripts and crawlers
 */
record CustomErrorResponse(int errorCode, String responsePagePath, int responseCode) {

    CustomErrorResponse {
        if (!responsePagePath.startsWith("/")) {
            throw new IllegalArgumentException("responsePagePath must start with /, was " + responsePagePath);
        }
    }
}
