package dev.edgepass.cli.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/** Writes a HAR 1.2 file shaped like Chrome's export: HTTP/2 lower-case headers, a cookies array too. */
public final class Har {

    private final List<Object> entries = new ArrayList<>();

    /** Starts an empty HAR. */
    public Har() {}

    /** Adds a request; {@code cookieHeader} may be null for a request without cookies. */
    public Har entry(String method, String url, int status, String cookieHeader, Instant started) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("url", url);
        request.put("httpVersion", "http/2.0");
        List<Object> headers = new ArrayList<>();
        String authority = url.replaceFirst("^https?://", "").replaceFirst("[/?].*$", "");
        headers.add(header(":authority", authority));
        headers.add(header(":method", method));
        headers.add(header(":path", url.replaceFirst("^https?://[^/]+", "")));
        headers.add(header(":scheme", url.startsWith("https") ? "https" : "http"));
        headers.add(header("accept", "text/html"));
        List<Object> cookies = new ArrayList<>();
        if (cookieHeader != null) {
            headers.add(header("cookie", cookieHeader));
            for (String pair : cookieHeader.split("; ")) {
                int eq = pair.indexOf('=');
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", pair.substring(0, eq));
                c.put("value", pair.substring(eq + 1));
                c.put("path", "/");
                c.put("domain", authority);
                c.put("expires", "1969-12-31T23:59:59.000Z");
                c.put("httpOnly", true);
                c.put("secure", true);
                cookies.add(c);
            }
        }
        request.put("headers", headers);
        request.put("queryString", List.of());
        request.put("cookies", cookies);
        request.put("headersSize", -1);
        request.put("bodySize", 0);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", status);
        response.put("statusText", "");
        response.put("httpVersion", "http/2.0");
        response.put("headers", List.of(header("content-type", status == 403 ? "text/xml" : "text/html")));
        response.put("cookies", List.of());
        response.put("content", Map.of("size", 0, "mimeType", status == 403 ? "text/xml" : "text/html"));
        response.put("redirectURL", "");
        response.put("headersSize", -1);
        response.put("bodySize", -1);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("startedDateTime", started.toString());
        entry.put("time", 23.5);
        entry.put("request", request);
        entry.put("response", response);
        entry.put("cache", Map.of());
        entry.put("timings", Map.of("send", 0.1, "wait", 20.0, "receive", 3.4));
        entry.put("serverIPAddress", "192.0.2.10");
        entries.add(entry);
        return this;
    }

    /** Returns the HAR document. */
    public String json() {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("version", "1.2");
        log.put("creator", Map.of("name", "WebInspector", "version", "537.36"));
        log.put("pages", List.of());
        log.put("entries", entries);
        return JsonUtil.toJson(Map.of("log", log));
    }

    private static Map<String, Object> header(String name, String value) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", name);
        h.put("value", value);
        return h;
    }
}
