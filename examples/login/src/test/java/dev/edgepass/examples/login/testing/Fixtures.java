package dev.edgepass.examples.login.testing;

import dev.edgepass.examples.login.LoginConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The fixed time, site origin and configuration the example tests share. */
public final class Fixtures {

    /** The instant every test runs at. */
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** A clock fixed at {@link #NOW}. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** The app client id. */
    public static final String CLIENT_ID = "4pe3usgr5rtj8aqhjkb0ku2r1a";
    /** The public site origin the tests pretend to be. */
    public static final URI SITE_ORIGIN = URI.create("https://d111111abcdef8.cloudfront.net");

    private Fixtures() {}

    /**
     * Returns a builder wired to the stand-in and the CloudFront keys: implicit flow on, https
     * site origin, fixed clock.
     */
    public static LoginConfig.Builder config(CognitoStandIn cognito, CloudFrontKeys keys) {
        return config(cognito, keys, SITE_ORIGIN);
    }

    /** Returns a builder like {@link #config(CognitoStandIn, CloudFrontKeys)} for another site origin. */
    public static LoginConfig.Builder config(CognitoStandIn cognito, CloudFrontKeys keys, URI siteOrigin) {
        return LoginConfig.builder()
                .issuer(cognito.issuer())
                .clientId(CLIENT_ID)
                .hostedUi(cognito.baseUri())
                .siteOrigin(siteOrigin)
                .cookieFactory(keys.cookieFactory())
                .implicitFlow(true)
                .clock(CLOCK);
    }
}
