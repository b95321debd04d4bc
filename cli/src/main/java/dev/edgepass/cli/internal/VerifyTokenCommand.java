package dev.edgepass.cli.internal;

import dev.edgepass.cognito.CognitoToken;
import dev.edgepass.cognito.CognitoTokenVerifier;
import dev.edgepass.cognito.TokenRejectedException;
import dev.edgepass.cognito.TokenUse;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgepass verify-token}: verifies a Cognito JWT, online against the user pool or offline against a JWKS file. */
@Command(name = "verify-token", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Verify an Amazon Cognito ID or access token and print its claims, or the reason it is rejected.",
                "Online, the user pool's keys are fetched from its JWKS URL; with --jwks FILE nothing is fetched."},
        footer = {"", "Exit codes: 0 valid, 1 rejected (the reason is printed; JWKS_UNAVAILABLE when the keys cannot be"
                + " fetched), 2 usage error."})
public final class VerifyTokenCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TOKEN", description = "The JWT; or give --file.")
    String token;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the token from FILE (- for standard input), so"
            + " that it stays out of the shell history.")
    String file;

    @Option(names = "--user-pool-id", paramLabel = "ID", description = "The user pool, such as eu-west-2_abc123: the"
            + " issuer and JWKS URL derive from it.")
    String userPoolId;

    @Option(names = "--issuer", paramLabel = "URL", description = "The expected issuer instead of the one derived from"
            + " the pool id (for local stand-ins; http only on loopback).")
    String issuer;

    @Option(names = "--client-id", paramLabel = "ID", required = true, description = "An app client id whose tokens are"
            + " accepted; repeat for several.")
    List<String> clientIds;

    @Option(names = "--token-use", paramLabel = "USE", defaultValue = "ANY", description = "ID, ACCESS or ANY."
            + " Default: ${DEFAULT-VALUE}.")
    TokenUse tokenUse;

    @Option(names = "--group", paramLabel = "GROUP", description = "Require membership of this group (any of several).")
    List<String> groups;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Require this scope (any of several; access tokens).")
    List<String> scopes;

    @Option(names = "--jwks", paramLabel = "FILE", description = "Verify offline against this JWKS file (the pool's"
            + " /.well-known/jwks.json); nothing is fetched.")
    String jwks;

    @Option(names = "--at", paramLabel = "TIME", description = "Verify at TIME instead of now: " + Times.FORMS + ".")
    String at;

    /** Creates the command; picocli calls it. */
    public VerifyTokenCommand() {}

    @Override
    public Integer call() {
        Console console = Console.of(spec, common);
        Inputs inputs = new Inputs(System.in);
        String jwt = InputText.read(token, "TOKEN", file, inputs).text().strip();
        if (userPoolId == null && issuer == null) {
            throw new UsageException("give --user-pool-id ID (or --issuer URL)");
        }
        CognitoTokenVerifier.Builder b = CognitoTokenVerifier.builder();
        String jwksJson = null;
        try {
            if (userPoolId != null) {
                b.userPoolId(userPoolId);
            }
            if (issuer != null) {
                b.issuer(new URI(issuer));
            }
            b.clientId(clientIds.toArray(new String[0])).tokenUse(tokenUse);
            if (groups != null) {
                b.groups(groups.toArray(new String[0]));
            }
            if (scopes != null) {
                b.scopes(scopes.toArray(new String[0]));
            }
            if (at != null) {
                b.clock(Clock.fixed(Times.parse(at, "--at", Instant.now()), ZoneOffset.UTC));
            }
            if (jwks != null) {
                jwksJson = inputs.text(jwks, "JWKS file", Inputs.MAX_KEY_BYTES);
                b.jwks(jwksJson);
            }
        } catch (URISyntaxException e) {
            throw new UsageException("--issuer must be a URL, was " + Text.quote(issuer), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(e.getMessage(), e);
        }
        CognitoTokenVerifier verifier;
        try {
            verifier = b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(e.getMessage(), e);
        }
        try {
            if (jwksJson != null) {
                offlineKeyCheck(jwt, jwksJson);
            }
            CognitoToken t = verifier.verify(jwt);
            Instant now = at == null ? Instant.now() : Times.parse(at, "--at", Instant.now());
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("valid", true);
                o.put("tokenUse", t.tokenUse().name());
                o.put("subject", t.subject());
                o.put("username", t.username().orElse(null));
                o.put("clientId", t.clientId());
                o.put("issuer", t.issuer());
                o.put("expiresAt", t.expiresAt().toString());
                o.put("groups", t.groups());
                o.put("scopes", new ArrayList<>(t.scopes()));
                o.put("claims", t.claims());
                console.printJson(o);
            } else {
                console.println("VALID  " + t.tokenUse().name().toLowerCase(java.util.Locale.ROOT) + " token of "
                        + Text.quote(t.username().orElse(t.subject())) + " for client " + t.clientId() + ", expires "
                        + t.expiresAt() + " (" + Times.relative(t.expiresAt(), now) + ")");
                console.println("claims");
                for (String line : Json.write(t.claims(), true).split("\n")) {
                    console.println("  " + line);
                }
            }
            return 0;
        } catch (TokenRejectedException e) {
            String prefix = e.reason() + ": ";
            String detail = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("valid", false);
                o.put("reason", e.reason().name());
                o.put("message", detail);
                console.printJson(o);
            } else {
                console.println("REJECTED  " + prefix + detail);
            }
            return 1;
        }
    }

    /**
     * Offline, a key id outside the JWKS file must not turn into a fetch: the verifier would try
     * the pool's JWKS URL. Refuse it here with the reason the verifier would give.
     */
    private static void offlineKeyCheck(String jwt, String jwksJson) {
        int dot = jwt.indexOf('.');
        if (dot <= 0) {
            return;
        }
        Object header;
        Object set;
        try {
            header = Json.parse(new String(Base64.getUrlDecoder().decode(jwt.substring(0, dot)), StandardCharsets.UTF_8));
            set = Json.parse(jwksJson);
        } catch (IllegalArgumentException | Json.ParseException e) {
            return; // the verifier names what is malformed
        }
        if (!(header instanceof Map<?, ?> h) || !(h.get("kid") instanceof String kid)) {
            return;
        }
        List<String> kids = new ArrayList<>();
        if (set instanceof Map<?, ?> s && s.get("keys") instanceof List<?> keys) {
            for (Object k : keys) {
                if (k instanceof Map<?, ?> key && key.get("kid") instanceof String id) {
                    kids.add(id);
                }
            }
        }
        if (!kids.contains(kid)) {
            throw new TokenRejectedException(TokenRejectedException.Reason.UNKNOWN_KEY, "kid " + Text.quote(kid)
                    + " is not in the JWKS file, which has " + kids + "; offline, no keys are fetched");
        }
    }
}
