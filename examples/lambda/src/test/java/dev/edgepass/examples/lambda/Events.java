package dev.edgepass.examples.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Loads the event JSON under {@code src/test/resources/events} (shaped after the AWS
 * documentation's examples), fills {@code ${NAME}} placeholders, and drops headers left empty.
 */
final class Events {

    private Events() {}

    /** Returns the event as the Lambda runtime hands a {@code Map<String,Object>} handler: maps and lists. */
    static Map<String, Object> json(String resource, Map<String, String> values) {
        String text;
        try (InputStream in = Events.class.getResourceAsStream("/events/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no event resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue().replace("\\", "\\\\").replace("\"", "\\\""));
        }
        text = text.replaceAll("\\$\\{[A-Z_]+}", "");
        try {
            Map<String, Object> event = JsonUtil.parseJson(text);
            dropEmptyHeaders(event);
            return event;
        } catch (JoseException e) {
            throw new IllegalArgumentException(resource + " is not JSON", e);
        }
    }

    /** Returns a function URL event, mapped field by field as the Lambda runtime's serializer does. */
    @SuppressWarnings("unchecked")
    static APIGatewayV2HTTPEvent functionUrl(String resource, Map<String, String> values) {
        Map<String, Object> m = json(resource, values);
        Map<String, Object> rc = (Map<String, Object>) m.get("requestContext");
        Map<String, Object> http = (Map<String, Object>) rc.get("http");
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("headers")).forEach((k, v) -> headers.put(k, (String) v));
        List<String> cookies = m.get("cookies") == null ? null : new ArrayList<>((List<String>) m.get("cookies"));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion((String) m.get("version"))
                .withRouteKey((String) m.get("routeKey"))
                .withRawPath((String) m.get("rawPath"))
                .withRawQueryString((String) m.get("rawQueryString"))
                .withCookies(cookies)
                .withHeaders(headers)
                .withBody((String) m.get("body"))
                .withIsBase64Encoded(Boolean.TRUE.equals(m.get("isBase64Encoded")))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId((String) rc.get("accountId"))
                        .withApiId((String) rc.get("apiId"))
                        .withDomainName((String) rc.get("domainName"))
                        .withDomainPrefix((String) rc.get("domainPrefix"))
                        .withRequestId((String) rc.get("requestId"))
                        .withRouteKey((String) rc.get("routeKey"))
                        .withStage((String) rc.get("stage"))
                        .withTime((String) rc.get("time"))
                        .withTimeEpoch(((Number) rc.get("timeEpoch")).longValue())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod((String) http.get("method"))
                                .withPath((String) http.get("path"))
                                .withProtocol((String) http.get("protocol"))
                                .withSourceIp((String) http.get("sourceIp"))
                                .withUserAgent((String) http.get("userAgent"))
                                .build())
                        .build())
                .build();
    }

    @SuppressWarnings("unchecked")
    private static void dropEmptyHeaders(Map<String, Object> event) {
        Object headers = event.get("headers");
        if (headers instanceof Map<?, ?> h) {
            h.values().removeIf(v -> v instanceof String s && s.isEmpty());
        }
        Object records = event.get("Records");
        if (records instanceof List<?> list) {
            Map<String, Object> cf = (Map<String, Object>) ((Map<String, Object>) list.get(0)).get("cf");
            Map<String, Object> request = (Map<String, Object>) cf.get("request");
            Map<String, Object> h = (Map<String, Object>) request.get("headers");
            h.values().removeIf(v -> ((List<Map<String, Object>>) v).stream()
                    .allMatch(pair -> "".equals(pair.get("value"))));
        }
        Object cookies = event.get("cookies");
        if (cookies instanceof List<?> c) {
            c.removeIf(v -> v instanceof String s && s.endsWith("="));
        }
    }
}
