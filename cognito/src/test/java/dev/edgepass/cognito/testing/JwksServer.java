package dev.edgepass.cognito.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;

/**
 * WireMock on a dynamic loopback port standing in for a user pool's issuer: serves
 * {@code /{pool}/.well-known/jwks.json} and counts the requests.
 */
public final class JwksServer implements AutoCloseable {

    /** The stand-in pool id; the issuer ends with it. */
    public static final String POOL = "eu-west-2_Test1234";
    private static final String PATH = "/" + POOL + "/.well-known/jwks.json";

    private final WireMockServer delegate;

    private JwksServer() {
        delegate = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(16));
        delegate.start();
    }

    /** Starts a server with no JWKS stub (requests get 404). */
    public static JwksServer start() {
        return new JwksServer();
    }

    /** Returns the issuer URI: {@code http://127.0.0.1:{port}/{POOL}}. */
    public URI issuer() {
        return URI.create("http://127.0.0.1:" + delegate.port() + "/" + POOL);
    }

    /** Serves {@code json} as the JWKS from now on. */
    public JwksServer serve(String json) {
        return respond(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json));
    }

    /** Answers JWKS requests with {@code response} from now on. */
    public JwksServer respond(ResponseDefinitionBuilder response) {
        delegate.resetMappings();
        delegate.stubFor(get(urlEqualTo(PATH)).willReturn(response));
        return this;
    }

    /** Returns how many JWKS requests arrived. */
    public int requests() {
        return delegate.countRequestsMatching(getRequestedFor(urlEqualTo(PATH)).build()).getCount();
    }

    @Override
    public void close() {
        delegate.stop();
    }
}
