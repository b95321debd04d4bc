package dev.edgepass.examples.login.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What the login endpoint must remember between sending the user to the hosted UI and the
 * callback: the {@code state}, the PKCE verifier, where to go afterwards, and when this expires.
 *
 * <p>It travels in a cookie, MACed with HMAC-SHA256 so the endpoint keeps no server state and any
 * instance holding the key can finish the flow. The verifier is not secret from the browser that
 * started the flow; the MAC stops anyone from forging or altering the cookie.
 *
 * @param state     the OAuth2 state value
 * @param verifier  the PKCE code verifier
 * @param redirect  the validated path to send the user to after login
 * @param expiresAt when the login attempt expires
 */
public record LoginState(String state, String verifier, String redirect, Instant expiresAt) {

    private static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Checks the fields; none may hold a newline, the field separator. */
    public LoginState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(redirect, "redirect");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((state + verifier + redirect).indexOf('\n') >= 0) {
            throw new IllegalArgumentException("login state fields must not contain a newline");
        }
    }

    /**
     * Returns the cookie value: {@code v1.<payload>.<mac>}, both base64url.
     *
     * @param key the HMAC key
     * @return the value, safe as a cookie value
     */
    public String encode(byte[] key) {
        String payload = ENCODER.encodeToString((state + "\n" + verifier + "\n" + redirect + "\n"
                + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + payload + "." + ENCODER.encodeToString(mac(key, VERSION + "." + payload));
    }

    /**
     * Reads a cookie value written by {@link #encode}.
     *
     * @param value the cookie value
     * @param key   the HMAC key
     * @return the state, or empty when the value is malformed or its MAC does not match
     */
    public static Optional<LoginState> decode(String value, byte[] key) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || value.length() > 4096) {
            return Optional.empty();
        }
        try {
            byte[] expected = mac(key, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            String[] fields = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new LoginState(fields[0], fields[1], fields[2],
                    Instant.ofEpochSecond(Long.parseLong(fields[3]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Names the redirect and expiry; never the state or verifier. */
    @Override
    public String toString() {
        return "LoginState[redirect=" + redirect + ", expiresAt=" + expiresAt + "]";
    }

    private static byte[] mac(byte[] key, String data) {
        return HmacSha256.mac(key, data.getBytes(StandardCharsets.US_ASCII));
    }
}
