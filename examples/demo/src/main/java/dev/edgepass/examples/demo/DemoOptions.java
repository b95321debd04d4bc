package dev.edgepass.examples.demo;

import java.util.Objects;

/**
 * How to start the {@link Demo}: where {@code /private/login} runs, which login flow the public page
 * uses, and the port of the CloudFront stand-in.
 *
 * <pre>{@code
 * DemoOptions options = DemoOptions.builder()
 *         .loginVia(DemoOptions.LoginVia.EDGE)
 *         .flow(DemoOptions.LoginFlow.IMPLICIT)
 *         .port(8080)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DemoOptions {

    /** Where the CloudFront stand-in sends {@code /private/login*} and {@code /private/logout}. */
    public enum LoginVia {
        /**
         * To an origin over HTTP, like a regional Lambda function URL (or the article's API Gateway):
         * edgepass's {@code FunctionUrlLoginHandler}. How to deploy it on AWS today.
         */
        ORIGIN,
        /**
         * Through a viewer-request function, as Lambda@Edge runs one: edgepass's
         * {@code CloudFrontLoginHandler}, called in-process with CloudFront-shaped events.
         */
        EDGE
    }

    /** How the public page signs the user in. */
    public enum LoginFlow {
        /** The page sends the user to {@code /private/login}, which runs the code flow with PKCE (default). */
        CODE,
        /**
         * The article's flow: the page asks the hosted UI for tokens ({@code response_type=token}),
         * then posts the ID token to {@code /private/login}.
         */
        IMPLICIT
    }

    private final LoginVia loginVia;
    private final LoginFlow flow;
    private final int port;

    private DemoOptions(Builder builder) {
        this.loginVia = builder.loginVia;
        this.flow = builder.flow;
        this.port = builder.port;
    }

    /** Returns a builder: origin routing, code flow, an ephemeral port. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the default options: origin routing, code flow, an ephemeral port. */
    public static DemoOptions defaults() {
        return builder().build();
    }

    /** Returns where {@code /private/login} runs. */
    public LoginVia loginVia() {
        return loginVia;
    }

    /** Returns the public page's login flow. */
    public LoginFlow flow() {
        return flow;
    }

    /** Returns the CloudFront stand-in's port; 0 means a free one. */
    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return "DemoOptions[loginVia=" + loginVia + ", flow=" + flow + ", port=" + port + "]";
    }

    /** Builds {@link DemoOptions}. Not thread-safe. */
    public static final class Builder {
        private LoginVia loginVia = LoginVia.ORIGIN;
        private LoginFlow flow = LoginFlow.CODE;
        private int port;

        private Builder() {
        }

        /** Sets where {@code /private/login} runs; default {@link LoginVia#ORIGIN}. */
        public Builder loginVia(LoginVia loginVia) {
            this.loginVia = Objects.requireNonNull(loginVia, "loginVia");
            return this;
        }

        /** Sets the public page's login flow; default {@link LoginFlow#CODE}. */
        public Builder flow(LoginFlow flow) {
            this.flow = Objects.requireNonNull(flow, "flow");
            return this;
        }

        /**
         * Sets the CloudFront stand-in's port on the loopback interface; default 0, a free port.
         *
         * @throws IllegalArgumentException if it is not between 0 and 65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Returns the options. */
        public DemoOptions build() {
            return new DemoOptions(this);
        }
    }
}
