package dev.edgepass.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.LoginRequest;
import dev.edgepass.examples.login.LoginResponse;
import dev.edgepass.examples.login.RequestLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The login endpoint as a handler of CloudFront viewer-request events, answering with a
 * CloudFront generated response, the way a Lambda@Edge function would.
 *
 * <p>Lambda@Edge runs only the Node.js and Python runtimes, so this handler does not deploy to
 * the edge: on AWS, deploy {@link FunctionUrlLoginHandler} as the origin of {@code /private/login}.
 * This one serves code that handles CloudFront-shaped events in Java: the demo's CloudFront
 * stand-in, tests, and any future Java runtime at the edge.
 *
 * <p>Input: {@code Records[0].cf.request} with {@code uri}, {@code querystring}, {@code method},
 * {@code clientIp}, {@code headers} (lower-case name to a list of {@code {key, value}}) and an
 * optional {@code body} ({@code data}, {@code encoding}). Output: {@code status} as a string,
 * {@code statusDescription}, {@code headers} in the same list shape (one {@code set-cookie} entry
 * per cookie), and {@code body} with {@code bodyEncoding: text} when there is one. A malformed
 * event gets a generated 400; a body CloudFront truncated ({@code inputTruncated}) or one that
 * would decode to more than the login endpoint's body limit gets 413 without being decoded.
 *
 * <pre>{@code
 * CloudFrontLoginHandler handler = new CloudFrontLoginHandler(LoginHandler.create(config));
 * Map<String, Object> response = handler.handleRequest(event, null);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CloudFrontLoginHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LoginHandler login;

    /** Creates the handler from the environment variables, like {@link FunctionUrlLoginHandler#FunctionUrlLoginHandler()}. */
    public CloudFrontLoginHandler() {
        this(Handlers.fromEnvironment(System.getenv()));
        SnapStartPriming.register(login);
    }

    /**
     * Creates the handler over a login handler built elsewhere.
     *
     * @param login the login handler
     */
    public CloudFrontLoginHandler(LoginHandler login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    /**
     * Answers one viewer-request event.
     *
     * @param event   the CloudFront event, as the Lambda runtime deserialises it
     * @param context the Lambda context, unused (may be null)
     * @return the generated response
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        LoginRequest request;
        try {
            request = toRequest(event, login.limits());
        } catch (EventBodies.TooLarge e) {
            return toResponse(e.response());
        } catch (IllegalArgumentException | NullPointerException | ClassCastException | IndexOutOfBoundsException e) {
            return toResponse(new LoginResponse(400, List.of(
                    new LoginResponse.Header("Content-Type", "text/plain; charset=utf-8"),
                    new LoginResponse.Header("Cache-Control", "no-store")), "Malformed CloudFront event.\n"));
        }
        return toResponse(login.handle(request));
    }

    static LoginRequest toRequest(Map<String, Object> event, RequestLimits limits) {
        Objects.requireNonNull(event, "event");
        List<?> records = (List<?>) Objects.requireNonNull(event.get("Records"), "Records");
        Map<?, ?> cf = (Map<?, ?>) Objects.requireNonNull(((Map<?, ?>) records.get(0)).get("cf"), "cf");
        Map<?, ?> request = (Map<?, ?>) Objects.requireNonNull(cf.get("request"), "cf.request");
        String query = (String) request.get("querystring");
        LoginRequest.Builder b = LoginRequest.builder()
                .method((String) Objects.requireNonNull(request.get("method"), "method"))
                .path((String) Objects.requireNonNull(request.get("uri"), "uri"))
                .rawQuery(query == null || query.isEmpty() ? null : query)
                .sourceIp(request.get("clientIp") == null ? "" : (String) request.get("clientIp"));
        Object headers = request.get("headers");
        if (headers != null) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) headers).entrySet()) {
                String name = (String) entry.getKey();
                for (Object item : (List<?>) entry.getValue()) {
                    Map<?, ?> pair = (Map<?, ?>) item;
                    Object value = pair.get("value");
                    if (value != null) {
                        b.header(name, (String) value);
                    }
                }
            }
        }
        Object body = request.get("body");
        if (body instanceof Map<?, ?> bodyMap && bodyMap.get("data") instanceof String data && !data.isEmpty()) {
            if (Boolean.TRUE.equals(bodyMap.get("inputTruncated"))) {
                // CloudFront passes on only the first part of a body over its include-body limit.
                throw new EventBodies.TooLarge(limits.truncatedBody());
            }
            b.body(EventBodies.decode(data, "base64".equals(bodyMap.get("encoding")), limits));
        }
        return b.build();
    }

    static Map<String, Object> toResponse(LoginResponse response) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", Integer.toString(response.status()));
        out.put("statusDescription", description(response.status()));
        Map<String, List<Map<String, String>>> headers = new LinkedHashMap<>();
        for (LoginResponse.Header header : response.headers()) {
            Map<String, String> pair = new LinkedHashMap<>();
            pair.put("key", header.name());
            pair.put("value", header.value());
            headers.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(pair);
        }
        out.put("headers", headers);
        if (!response.body().isEmpty()) {
            out.put("body", response.body());
            out.put("bodyEncoding", "text");
        }
        return out;
    }

    private static String description(int status) {
        return switch (status) {
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
