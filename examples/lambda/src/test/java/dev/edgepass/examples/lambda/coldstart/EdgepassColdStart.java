package dev.edgepass.examples.lambda.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.edgepass.examples.lambda.FunctionUrlLoginHandler;

/** Child JVM: the edgepass handler, built from the environment as Lambda builds it, answers one login. */
public final class EdgepassColdStart {

    private EdgepassColdStart() {}

    /**
     * Runs one cold start.
     *
     * @param args unused; the token is in {@code COLDSTART_TOKEN}, the configuration in {@code EDGEPASS_*}
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        FunctionUrlLoginHandler handler = new FunctionUrlLoginHandler();
        APIGatewayV2HTTPResponse response = handler.handleRequest(ColdStartEvent.login(System.getenv("COLDSTART_TOKEN")), null);
        ColdStartEvent.report(response, System.nanoTime() - start);
    }
}
