package dev.edgepass.examples.lambda.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.management.ManagementFactory;
import java.util.Map;

/** The one function URL event both cold-start children answer, and how they report. */
final class ColdStartEvent {

    private ColdStartEvent() {}

    static APIGatewayV2HTTPEvent login(String token) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default")
                .withRawPath("/private/login").withRawQueryString("")
                .withHeaders(Map.of("authorization", "Bearer " + token, "host", "abc.lambda-url.eu-west-2.on.aws",
                        "x-forwarded-proto", "https", "user-agent", "coldstart"))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath("/private/login").withProtocol("HTTP/1.1")
                                .withSourceIp("203.0.113.7").withUserAgent("coldstart").build())
                        .build())
                .build();
    }

    /**
     * Checks the answer is a 302 with signed cookies and prints {@code OK302} at once (the driver
     * times that line); then, outside the measured span, JVM uptime at the 302 and the class count.
     */
    static void report(APIGatewayV2HTTPResponse response, long handlerNanos) {
        long at302 = System.currentTimeMillis();
        boolean signed = response.getCookies() != null
                && response.getCookies().stream().anyMatch(c -> c.startsWith("CloudFront-Signature="));
        if (response.getStatusCode() != 302 || !signed) {
            System.out.println("FAILED status=" + response.getStatusCode() + " body=" + response.getBody());
            System.exit(1);
        }
        System.out.println("OK302");
        System.out.flush();
        long uptime = at302 - ManagementFactory.getRuntimeMXBean().getStartTime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("STATS uptimeMs=" + uptime + " classes=" + classes + " handlerMs=" + handlerNanos / 1_000_000);
    }
}
