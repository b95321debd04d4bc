package dev.edgepass.cli.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what the user pasted or exported into requests: a HAR file (the browser's network panel),
 * a {@code curl -v} transcript, {@code Set-Cookie} lines, a {@code Cookie} header, or a URL.
 */
public final class RequestSources {

    /** The input forms, told apart by {@link #detect(String)}. */
    public enum Format {
        /** A HAR file: JSON with {@code log.entries}. */
        HAR,
        /** The output of {@code curl -v}: {@code >} request lines, {@code <} response lines. */
        CURL,
        /** One {@code Set-Cookie} value per line, as {@code edgepass sign-cookies} prints them. */
        SET_COOKIE,
        /** A {@code Cookie} request header, with or without its name. */
        COOKIE_HEADER,
        /** An absolute http(s) URL. */
        URL
    }

    private RequestSources() {}

    /** Tells the input form from the text. */
    public static Format detect(String text) {
        String t = text.stripLeading();
        if (t.startsWith("{")) {
            return Format.HAR;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return Format.URL;
        }
        for (String line : t.split("\n")) {
            if (line.startsWith("> ") || line.startsWith("< ") || line.startsWith("* ")) {
                return Format.CURL;
            }
        }
        return lower.startsWith("set-cookie:") ? Format.SET_COOKIE : Format.COOKIE_HEADER;
    }

    /**
     * Parses the text in the given form.
     *
     * @param text   the input
     * @param format its form, usually {@link #detect(String)}'s
     * @param name   where it came from, for messages ("HAR file 'x.har'", "--cookie")
     * @return the requests, at least one
     * @throws UsageException if the text is not what its form requires, or holds no request
     */
    public static List<CapturedRequest> parse(String text, Format format, String name) {
        return switch (format) {
            case HAR -> har(text, name);
            case CURL -> curl(text, name);
            case SET_COOKIE -> List.of(setCookies(text, name));
            case COOKIE_HEADER -> List.of(new CapturedRequest(null, null, -1, Cookie.parseHeader(oneLine(text, name)), null, name));
            case URL -> List.of(new CapturedRequest(null, oneLine(text, name).strip(), -1, List.of(), null, name));
        };
    }

    private static String oneLine(String text, String name) {
        String t = text.strip();
        if (t.indexOf('\n') >= 0) {
            throw new UsageException(name + " has several lines but is neither a HAR file, a curl -v transcript nor"
                    + " Set-Cookie lines; give one Cookie header or one URL");
        }
        return t;
    }

    private static CapturedRequest setCookies(String text, String name) {
        List<Cookie> cookies = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.strip().toLowerCase(Locale.ROOT).startsWith("set-cookie:")) {
                throw new UsageException(name + " mixes Set-Cookie lines with other text: " + Text.quote(line.strip()));
            }
            cookies.add(Cookie.parseSetCookie(line));
        }
        return new CapturedRequest(null, null, -1, cookies, null, name);
    }

    // ---- HAR ---------------------------------------------------------------------------------

    static List<CapturedRequest> har(String text, String name) {
        Object root;
        try {
            root = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new UsageException(name + " is not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("log") instanceof Map<?, ?> log)
                || !(log.get("entries") instanceof List<?> entries)) {
            throw new UsageException(name + " is JSON but not a HAR file: it has no log.entries array");
        }
        List<CapturedRequest> requests = new ArrayList<>(entries.size());
        int i = 0;
        for (Object e : entries) {
            i++;
            String origin = "HAR entry " + i + " of " + entries.size();
            if (!(e instanceof Map<?, ?> entry) || !(entry.get("request") instanceof Map<?, ?> request)
                    || !(request.get("url") instanceof String url)) {
                throw new UsageException(name + " is not a HAR file: " + origin + " has no request.url");
            }
            String method = request.get("method") instanceof String m ? m : null;
            int status = -1;
            if (entry.get("response") instanceof Map<?, ?> response && response.get("status") instanceof Long s) {
                status = s.intValue();
            }
            Instant time = null;
            if (entry.get("startedDateTime") instanceof String started) {
                try {
                    time = OffsetDateTime.parse(started).toInstant();
                } catch (DateTimeParseException ex) {
                    time = null;
                }
            }
            requests.add(new CapturedRequest(method, url, status, harCookies(request), time, origin));
        }
        if (requests.isEmpty()) {
            throw new UsageException(name + " holds no requests (log.entries is empty)");
        }
        return requests;
    }

    private static List<Cookie> harCookies(Map<?, ?> request) {
        // The Cookie header keeps what the browser sent, duplicates and order included; the
        // parsed cookies array is the fallback for tools that fill only that.
        List<Cookie> fromHeaders = new ArrayList<>();
        boolean sawHeader = false;
        if (request.get("headers") instanceof List<?> headers) {
            for (Object h : headers) {
                if (h instanceof Map<?, ?> header && header.get("name") instanceof String n && "cookie".equalsIgnoreCase(n)
                        && header.get("value") instanceof String v) {
                    sawHeader = true;
                    fromHeaders.addAll(Cookie.parseHeader(v));
                }
            }
        }
        if (sawHeader) {
            return fromHeaders;
        }
        List<Cookie> cookies = new ArrayList<>();
        if (request.get("cookies") instanceof List<?> list) {
            for (Object c : list) {
                if (c instanceof Map<?, ?> cookie && cookie.get("name") instanceof String n && cookie.get("value") instanceof String v) {
                    cookies.add(new Cookie(n, v, ""));
                }
            }
        }
        return cookies;
    }

    // ---- curl -v -----------------------------------------------------------------------------

    static List<CapturedRequest> curl(String text, String name) {
        List<Transcript> transcripts = new ArrayList<>();
        Transcript current = null;
        String connectedHost = null;
        int port = -1;
        boolean tls = false;
        for (String raw : text.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.startsWith("* ")) {
                String info = line.substring(2).strip();
                if (info.startsWith("Connected to ")) {
                    String[] words = info.split(" ");
                    connectedHost = words.length > 2 ? words[2] : null;
                    int portAt = info.indexOf(" port ");
                    port = portAt < 0 ? -1 : number(info.substring(portAt + 6).split("[ (]")[0]);
                } else if (info.startsWith("SSL connection") || info.startsWith("TLS") || info.startsWith("ALPN")
                        || info.startsWith("Server certificate") || info.contains("[:scheme: https]")) {
                    tls = true;
                }
            } else if (line.startsWith("> ")) {
                String content = line.substring(2);
                if (current == null || current.responded) {
                    String[] parts = content.split(" ");
                    if (parts.length >= 2) {
                        current = new Transcript(parts[0], parts[1], connectedHost, port, tls);
                        transcripts.add(current);
                    }
                } else {
                    int colon = content.indexOf(':');
                    if (colon > 0) {
                        current.header(content.substring(0, colon).strip(), content.substring(colon + 1).strip());
                    }
                }
            } else if (line.startsWith("< ") && current != null) {
                String content = line.substring(2);
                int colon = content.indexOf(':');
                if (!current.responded && content.startsWith("HTTP/")) {
                    String[] parts = content.split(" ");
                    current.responded = true;
                    current.status = parts.length > 1 ? number(parts[1]) : -1;
                } else if (colon > 0 && "date".equalsIgnoreCase(content.substring(0, colon).strip())) {
                    current.time = Times.httpDate(content.substring(colon + 1));
                }
            }
        }
        if (transcripts.isEmpty()) {
            throw new UsageException(name + " looks like a curl -v transcript but has no request line ('> GET /path HTTP/1.1')");
        }
        List<CapturedRequest> out = new ArrayList<>(transcripts.size());
        for (int i = 0; i < transcripts.size(); i++) {
            out.add(transcripts.get(i).toRequest("curl request " + (i + 1) + " of " + transcripts.size()));
        }
        return out;
    }

    private static int number(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(text);
    }

    /** A request being read from a curl transcript. */
    private static final class Transcript {
        final String method;
        final String target;
        final String connectedHost;
        final int port;
        final boolean tls;
        String host;
        final List<Cookie> cookies = new ArrayList<>();
        boolean responded;
        int status = -1;
        Instant time;

        Transcript(String method, String target, String connectedHost, int port, boolean tls) {
            this.method = method;
            this.target = target;
            this.connectedHost = connectedHost;
            this.port = port;
            this.tls = tls;
        }

        void header(String name, String value) {
            if ("host".equalsIgnoreCase(name)) {
                host = value;
            } else if ("cookie".equalsIgnoreCase(name)) {
                cookies.addAll(Cookie.parseHeader(value));
            }
        }

        CapturedRequest toRequest(String origin) {
            String url;
            if (target.startsWith("http://") || target.startsWith("https://")) {
                url = target;
            } else {
                String h = host != null ? host : connectedHost;
                if (h == null) {
                    url = null;
                } else {
                    boolean https = tls || port == 443 || (port != 80 && port < 0);
                    url = (https ? "https://" : "http://") + h + target;
                }
            }
            return new CapturedRequest(method, url, status, cookies, time, origin);
        }
    }
}
