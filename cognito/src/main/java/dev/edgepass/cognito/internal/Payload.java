package dev.edgepass.cognito.internal;

import java.util.Map;

/** Builds the full claims map of a token the verifier has already accepted. */
public final class Payload {

    private Payload() {}

    /**
     * Parses every claim of {@code jwt}'s payload.
     *
     * @param jwt a compact JWS whose payload the verifier has decoded and checked as strict JSON
     * @return the claims in token order, unmodifiable
     * @throws IllegalStateException if the payload does not parse, which the verifier rules out
     */
    public static Map<String, Object> claims(String jwt) {
        int dot1 = jwt.indexOf('.');
        int dot2 = jwt.indexOf('.', dot1 + 1);
        byte[] payload = dot1 < 0 || dot2 < 0 ? null : Base64Url.decode(jwt, dot1 + 1, dot2 - dot1 - 1);
        if (payload == null) {
            throw new IllegalStateException("not a verified token");
        }
        try {
            return Json.parseObject(payload, 0, payload.length);
        } catch (Json.JsonException e) {
            throw new IllegalStateException("the payload of a verified token does not parse: " + e.getMessage(), e);
        }
    }
}
