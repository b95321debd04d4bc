package dev.edgepass.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestSourcesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"log\":{}}|HAR",
            "  https://d111111abcdef8.cloudfront.net/a?Expires=1|URL",
            "Cookie: a=b; c=d|COOKIE_HEADER",
            "a=b|COOKIE_HEADER",
            "Set-Cookie: CloudFront-Policy=x; Path=/|SET_COOKIE",
            "* Connected to x (1.2.3.4) port 443|CURL"})
    void detect_tellsTheFormsApart(String text, RequestSources.Format expected) {
        assertEquals(expected, RequestSources.detect(text));
    }

    @Test
    void curl_http2Transcript_buildsTheUrlFromAuthorityAndPath_andTakesTheDate() {
        String transcript = String.join("\r\n",
                "* Connected to d111111abcdef8.cloudfront.net (192.0.2.10) port 443",
                "* ALPN: server accepted h2",
                "* [HTTP/2] [1] [:scheme: https]",
                "> GET /private/app/index.html HTTP/2",
                "> Host: d111111abcdef8.cloudfront.net",
                "> cookie: CloudFront-Policy=p; CloudFront-Signature=s; CloudFront-Key-Pair-Id=K1",
                ">",
                "< HTTP/2 403",
                "< date: Wed, 25 Nov 2026 12:00:00 GMT",
                "<",
                "> GET /next HTTP/2",
                "> Host: d111111abcdef8.cloudfront.net",
                ">",
                "< HTTP/2 200");

        List<CapturedRequest> requests = RequestSources.curl(transcript, "t");

        assertEquals(2, requests.size());
        CapturedRequest first = requests.get(0);
        assertEquals("https://d111111abcdef8.cloudfront.net/private/app/index.html", first.url());
        assertEquals(403, first.status());
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), first.time());
        assertEquals(List.of("CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id"),
                first.cookies().stream().map(Cookie::name).toList());
        assertEquals("curl request 1 of 2", first.origin());
        assertEquals(200, requests.get(1).status());
    }

    @Test
    void curl_plainHttpOnPort80_isHttp() {
        List<CapturedRequest> r = RequestSources.curl("* Connected to localhost (127.0.0.1) port 80\n> GET /a HTTP/1.1\n"
                + "> Host: localhost\n>\n< HTTP/1.1 403 Forbidden\n", "t");

        assertEquals("http://localhost/a", r.get(0).url());
    }

    @Test
    void har_cookieHeaderWins_overTheCookiesArray_keepingDuplicates() {
        String har = "{\"log\":{\"entries\":[{\"startedDateTime\":\"2026-11-25T13:00:00.123+01:00\",\"request\":{\"method\":"
                + "\"GET\",\"url\":\"https://e.com/a\",\"headers\":[{\"name\":\"Cookie\",\"value\":\"CloudFront-Policy=new;"
                + " CloudFront-Policy=old\"}],\"cookies\":[{\"name\":\"x\",\"value\":\"y\"}]},\"response\":{\"status\":403}}]}}";

        CapturedRequest r = RequestSources.har(har, "h").get(0);

        assertEquals(Instant.parse("2026-11-25T12:00:00.123Z"), r.time());
        assertEquals(List.of("new", "old"), r.cookies().stream().map(Cookie::value).toList());
        List<String> warnings = new java.util.ArrayList<>();
        assertEquals("new", r.cloudFrontCookies(warnings).get("CloudFront-Policy"));
        assertEquals(1, warnings.size());
    }

    @Test
    void har_entryWithoutUrl_isAUsageError() {
        UsageException e = assertThrows(UsageException.class,
                () -> RequestSources.har("{\"log\":{\"entries\":[{\"request\":{}}]}}", "HAR file 'x.har'"));

        assertEquals("HAR file 'x.har' is not a HAR file: HAR entry 1 of 1 has no request.url", e.getMessage());
    }

    @Test
    void signedUrls_rewriteAndStripOnlyTheSigningParameters() {
        String url = "https://e.com/a?x=1&Expires=2&Signature=s&Key-Pair-Id=K1&y=2";

        assertEquals("https://e.com/a?x=1&y=2", SignedUrls.unsigned(url));
        assertEquals("https://e.com/a?x=1&Expires=2&Signature=s&Key-Pair-Id=K2&y=2",
                SignedUrls.withParameter(url, "Key-Pair-Id", "K2"));
        assertEquals(url + "&Hash-Algorithm=SHA256", SignedUrls.withParameter(url, "Hash-Algorithm", "SHA256"));
        assertEquals("https://e.com/a?x=1&Expires=2&Signature=s&y=2", SignedUrls.withParameter(url, "Key-Pair-Id", null));
    }
}
