package dev.edgepass.examples.lambda.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.edgepass.core.SignatureProviders;
import dev.edgepass.examples.lambda.FunctionUrlLoginHandler;

/**
 * Child JVM: the handler answers a first login, a second one (which starts ACCP's load), waits for
 * the load, and answers a third; each answer is printed as a line, between the debug log lines of
 * the provider choice, so the parent can see the order.
 */
public final class ProviderMoveChild {

    private ProviderMoveChild() {}

    /**
     * Runs the three logins.
     *
     * @param args unused; the token is in {@code COLDSTART_TOKEN}, the configuration in {@code EDGEPASS_*}
     */
    public static void main(String[] args) {
        FunctionUrlLoginHandler handler = new FunctionUrlLoginHandler();
        String token = System.getenv("COLDSTART_TOKEN");
        for (int login = 1; login <= 3; login++) {
            if (login == 3) {
                SignatureProviders.preferred();
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(ColdStartEvent.login(token), null);
            boolean signed = response.getCookies() != null
                    && response.getCookies().stream().anyMatch(c -> c.startsWith("CloudFront-Signature="));
            System.out.println("LOGIN" + login + " " + response.getStatusCode() + (signed ? " signed" : " unsigned"));
            System.out.flush();
        }
    }
}
