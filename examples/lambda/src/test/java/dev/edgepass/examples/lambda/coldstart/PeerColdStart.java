package dev.edgepass.examples.lambda.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Child JVM: the AWS SDK v2 + Nimbus handler answers one login. */
public final class PeerColdStart {

    private PeerColdStart() {}

    /**
     * Runs one cold start.
     *
     * @param args unused; the token is in {@code COLDSTART_TOKEN}, the configuration in {@code EDGEPASS_*}
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        PeerLoginHandler handler = new PeerLoginHandler(System.getenv());
        APIGatewayV2HTTPResponse response = handler.handleRequest(ColdStartEvent.login(System.getenv("COLDSTART_TOKEN")), null);
        ColdStartEvent.report(response, System.nanoTime() - start);
    }
}
