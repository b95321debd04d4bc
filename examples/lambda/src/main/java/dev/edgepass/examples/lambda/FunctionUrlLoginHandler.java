package dev.edgepass.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.edgepass.examples.login.LoginHandler;
import dev.edgepass.examples.login.LoginRequest;
import dev.edgepass.examples.login.LoginResponse;
import dev.edgepass.examples.login.RequestLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The login endpoint as a Lambda function URL (or API Gateway HTTP API) handler, payload
 * format 2.0: deploy it as the CloudFront origin of {@code /private/login}, as the article's API
 * Gateway is.
 *
 * <p>Lambda handler string: {@code dev.edgepass.examples.lambda.FunctionUrlLoginHandler::handleRequest}.
 * The no-argument constructor reads its configuration from the environment (see
 * {@link dev.edgepass.examples.login.LoginConfig#fromEnvironment(Map)}); it runs in Lambda's
 * init phase, so a bad configuration fails the deployment's first invocation loudly, not a user's
 * login halfway.
 *
 * <p>Payload 2.0 moves request cookies to {@code cookies} and response cookies to
 * {@code cookies}; this handler maps both, so several {@code Set-Cookie} headers survive. A
 * base64 body that would decode to more than the login endpoint's body limit is answered 413
 * without being decoded; headers and cookies over their limit get the login handler's 431.
 *
 * <pre>{@code
 * FunctionUrlLoginHandler handler = new FunctionUrlLoginHandler(LoginHandler.create(config));
 * APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FunctionUrlLoginHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final LoginHandler login;

    /** Creates the handler from the environment variables; Lambda calls this once per instance. */
    public FunctionUrlLoginHandler() {
        this(Handlers.fromEnvironment(System.getenv()));
        SnapStartPriming.register(login);
    }

    /**
     * Creates the handler over a login handler built elsewhere.
     *
     * @param login the login handler
     */
    public FunctionUrlLoginHandler(LoginHandler login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    /**
     * Answers one function URL event.
     *
     * @param event   the payload 2.0 event
     * @param context the Lambda context, unused (may be null)
     * @return the response
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LoginRequest request;
        try {
            request = toRequest(event, login.limits());
        } catch (EventBodies.TooLarge e) {
            return toResponse(e.response());
        } catch (IllegalArgumentException | NullPointerException e) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(400)
                    .withHeaders(Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"))
                    .withBody("Malformed request event.\n").build();
        }
        return toResponse(login.handle(request));
    }

    static LoginRequest toRequest(APIGatewayV2HTTPEvent event, RequestLimits limits) {
        Objects.requireNonNull(event, "event");
        APIGatewayV2HTTPEvent.RequestContext context = Objects.requireNonNull(event.getRequestContext(), "requestContext");
        APIGatewayV2HTTPEvent.RequestContext.Http http = Objects.requireNonNull(context.getHttp(), "requestContext.http");
        String path = event.getRawPath() != null ? event.getRawPath() : http.getPath();
        LoginRequest.Builder b = LoginRequest.builder()
                .method(Objects.requireNonNull(http.getMethod(), "method"))
                .path(Objects.requireNonNull(path, "rawPath"))
                .rawQuery(event.getRawQueryString() == null || event.getRawQueryString().isEmpty()
                        ? null : event.getRawQueryString())
                .sourceIp(http.getSourceIp() == null ? "" : http.getSourceIp());
        List<String> cookies = event.getCookies();
        boolean cookiesArray = cookies != null && !cookies.isEmpty();
        if (event.getHeaders() != null) {
            // A loop rather than forEach and a stream: every cold start maps one event.
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                String name = header.getKey();
                if (name != null && header.getValue() != null && (!name.equalsIgnoreCase("cookie") || !cookiesArray)) {
                    b.header(name.equalsIgnoreCase("cookie") ? "Cookie" : name, header.getValue());
                }
            }
        }
        if (cookiesArray) {
            b.header("Cookie", String.join("; ", cookies));
        }
        String body = event.getBody();
        if (body != null) {
            b.body(EventBodies.decode(body, event.getIsBase64Encoded(), limits));
        }
        return b.build();
    }

    static APIGatewayV2HTTPResponse toResponse(LoginResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (LoginResponse.Header header : response.headers()) {
            if (header.name().equalsIgnoreCase("Set-Cookie")) {
                cookies.add(header.value());
            } else {
                String earlier = headers.get(header.name());
                headers.put(header.name(), earlier == null ? header.value() : earlier + "," + header.value());
            }
        }
        APIGatewayV2HTTPResponse.APIGatewayV2HTTPResponseBuilder out = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withIsBase64Encoded(false)
                .withBody(response.body());
        if (!cookies.isEmpty()) {
            out.withCookies(cookies);
        }
        return out.build();
    }
}
