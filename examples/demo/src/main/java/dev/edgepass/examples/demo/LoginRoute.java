package dev.edgepass.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** How the CloudFront stand-in hands {@code /private/login*} and {@code /private/logout} to the login handler. */
interface LoginRoute extends AutoCloseable {

    /** Answers the viewer's request through the login handler. */
    void handle(HttpExchange exchange) throws IOException;

    /** A few words for the console, e.g. "origin: function URL". */
    String description();

    @Override
    void close();
}
