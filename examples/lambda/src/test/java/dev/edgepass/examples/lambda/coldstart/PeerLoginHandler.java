package dev.edgepass.examples.lambda.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.cookie.CookiesForCustomPolicy;
import software.amazon.awssdk.services.cloudfront.model.CustomSignerRequest;

/**
 * The same login flow as edgepass's bearer path, written the way a team would on the usual
 * libraries: Nimbus JOSE+JWT verifies the Cognito ID token against the preloaded JWKS, and the AWS
 * SDK v2 {@code CloudFrontUtilities} signs the custom-policy cookies. The key is parsed once with
 * the JDK (cheaper than the SDK's per-request {@code privateKey(Path)}), so the comparison favours
 * the peer. Only for the cold-start measurement; test scope.
 */
public final class PeerLoginHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final CloudFrontUtilities cloudFront = CloudFrontUtilities.create();
    private final PrivateKey key;
    private final String keyPairId;
    private final String resource;

    /**
     * Builds the handler from the same {@code EDGEPASS_*} variables the edgepass handler reads.
     *
     * @param env the environment
     * @throws Exception if the JWKS or key cannot be read
     */
    public PeerLoginHandler(Map<String, String> env) throws Exception {
        String issuer = "https://cognito-idp.eu-west-2.amazonaws.com/" + env.get("EDGEPASS_USER_POOL_ID");
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(env.get("EDGEPASS_JWKS_JSON")))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(env.get("EDGEPASS_CLIENT_ID"),
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(), Set.of("sub", "exp", "iat")));
        String pem = Files.readString(Path.of(env.get("EDGEPASS_PRIVATE_KEY_FILE")), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        keyPairId = env.get("EDGEPASS_KEY_PAIR_ID");
        resource = env.get("EDGEPASS_SITE_ORIGIN") + "/private/app/*";
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String authorization = event.getHeaders().getOrDefault("authorization", "");
        try {
            processor.process(authorization.substring("Bearer ".length()), null);
        } catch (Exception e) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(401).withBody("Token rejected.\n").build();
        }
        CookiesForCustomPolicy cookies = cloudFront.getCookiesForCustomPolicy(CustomSignerRequest.builder()
                .resourceUrl(resource)
                .privateKey(key)
                .keyPairId(keyPairId)
                .expirationDate(Instant.now().plus(Duration.ofHours(1)))
                .build());
        String attributes = "; Path=/; Secure; HttpOnly; SameSite=Lax";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(302)
                .withHeaders(Map.of("Location", "/private/app/index.html", "Cache-Control", "no-store"))
                .withCookies(List.of(cookies.policyHeaderValue() + attributes,
                        cookies.signatureHeaderValue() + attributes,
                        cookies.keyPairIdHeaderValue() + attributes))
                .build();
    }
}
