package dev.edgepass.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.deploy.testing.Synth;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The complete deployment with the key in Secrets Manager read through the AWS SDK under SnapStart
 * (the default), synthesized once (as {@code cdk synth}
 * would, into {@code examples/deploy/target/cdk.out/Edgepass.template.json}) and checked with the
 * CDK's assertions and cdk-nag's AwsSolutions rules.
 */
class EdgepassStackTest {

    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    private static EdgepassStack stack;
    private static Template template;
    private static Map<String, Object> resources;
    private static CloudAssembly assembly;

    @BeforeAll
    static void synthesize() {
        App app = new App(AppProps.builder().outdir(Synth.synthDir().toString()).context(Synth.completeContext()).build());
        stack = DeployApp.build(app, Synth.buildProperties());
        assembly = app.synth();
        template = Template.fromStack(stack);
        resources = map(template.toJSON().get("Resources"));
    }

    @Test
    void synth_writesTheTemplateUnderTarget_forReview() {
        assertTrue(Files.isRegularFile(Synth.synthDir().resolve("Edgepass.template.json")));
        assertNotNull(assembly.getStackByName("Edgepass"));
    }

    @Test
    void distribution_hasTheThreeBehavioursAndTheDefault() {
        Map<String, Object> config = distributionConfig();
        List<String> patterns = list(config.get("CacheBehaviors")).stream()
                .map(b -> (String) map(b).get("PathPattern")).collect(Collectors.toList());
        assertEquals(List.of("/private/login*", "/private/logout", "/private/app/*"), patterns);
        String publicOrigin = (String) map(config.get("DefaultCacheBehavior")).get("TargetOriginId");
        assertEquals(bucketOf(publicOrigin), "PublicSite");
        assertEquals(bucketOf(behaviour("/private/app/*").get("TargetOriginId").toString()), "PrivateContent");
        for (String login : EdgepassStack.LOGIN_PATHS) {
            Map<String, Object> origin = origin(behaviour(login).get("TargetOriginId").toString());
            assertTrue(origin.containsKey("CustomOriginConfig"), login + " goes to the function URL");
            assertEquals("https-only", map(origin.get("CustomOriginConfig")).get("OriginProtocolPolicy"));
        }
    }

    @Test
    void keyGroup_isTrustedOnlyOnThePrivatePath() {
        Map<String, Object> config = distributionConfig();
        assertFalse(map(config.get("DefaultCacheBehavior")).containsKey("TrustedKeyGroups"));
        for (Object b : list(config.get("CacheBehaviors"))) {
            Map<String, Object> behaviour = map(b);
            boolean privatePath = behaviour.get("PathPattern").equals(EdgepassStack.PRIVATE_PATH);
            assertEquals(privatePath, behaviour.containsKey("TrustedKeyGroups"), behaviour.get("PathPattern").toString());
        }
        assertEquals(List.of(Map.of("Ref", logicalId("AWS::CloudFront::KeyGroup"))),
                behaviour(EdgepassStack.PRIVATE_PATH).get("TrustedKeyGroups"));
    }

    @Test
    void everyBehaviour_redirectsToHttps() {
        Map<String, Object> config = distributionConfig();
        assertEquals("redirect-to-https", map(config.get("DefaultCacheBehavior")).get("ViewerProtocolPolicy"));
        for (Object b : list(config.get("CacheBehaviors"))) {
            assertEquals("redirect-to-https", map(b).get("ViewerProtocolPolicy"));
        }
    }

    @Test
    void loginBehaviours_cacheNothing_andForwardQueryAndCookiesButNoViewerHeaders() {
        for (String login : EdgepassStack.LOGIN_PATHS) {
            Map<String, Object> behaviour = behaviour(login);
            assertEquals(CACHING_DISABLED, behaviour.get("CachePolicyId"));
            assertEquals(List.of("GET", "HEAD"), behaviour.get("AllowedMethods"));
            assertEquals(Map.of("Ref", logicalId("AWS::CloudFront::OriginRequestPolicy")), behaviour.get("OriginRequestPolicyId"));
        }
        Map<String, Object> policy = map(map(resource("AWS::CloudFront::OriginRequestPolicy").get("Properties"))
                .get("OriginRequestPolicyConfig"));
        assertEquals("all", map(policy.get("QueryStringsConfig")).get("QueryStringBehavior"));
        assertEquals("all", map(policy.get("CookiesConfig")).get("CookieBehavior"));
        assertEquals("none", map(policy.get("HeadersConfig")).get("HeaderBehavior"));
    }

    @Test
    void everyOrigin_isReachedThroughOriginAccessControl() {
        Map<String, String> typeByOac = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            if (type(r).equals("AWS::CloudFront::OriginAccessControl")) {
                Map<String, Object> config = map(map(map(r).get("Properties")).get("OriginAccessControlConfig"));
                assertEquals("always", config.get("SigningBehavior"));
                assertEquals("sigv4", config.get("SigningProtocol"));
                typeByOac.put(id, (String) config.get("OriginAccessControlOriginType"));
            }
        });
        List<String> types = new ArrayList<>();
        for (Object o : list(distributionConfig().get("Origins"))) {
            Map<String, Object> origin = map(o);
            Object oac = origin.get("OriginAccessControlId");
            assertNotNull(oac, "origin " + origin.get("Id") + " has origin access control");
            types.add(typeByOac.get(map(oac).get("Fn::GetAtt") == null ? null : list(map(oac).get("Fn::GetAtt")).get(0).toString()));
            if (origin.containsKey("S3OriginConfig")) {
                assertEquals("", map(origin.get("S3OriginConfig")).get("OriginAccessIdentity"), "no legacy OAI");
            }
        }
        assertEquals(List.of("lambda", "s3", "s3"), types.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void functionUrl_requiresIamAndServesTheSnapStartAlias() {
        Map<String, Object> url = map(resource("AWS::Lambda::Url").get("Properties"));
        assertEquals("AWS_IAM", url.get("AuthType"));
        assertEquals(EdgepassStack.ALIAS, map(resource("AWS::Lambda::Alias").get("Properties")).get("Name"));
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("Qualifier", EdgepassStack.ALIAS));
    }

    @Test
    void lambdaPermissions_allowOnlyCloudFront_fromThisDistribution() {
        Set<String> actions = new TreeSet<>();
        resources.values().stream().filter(r -> type(r).equals("AWS::Lambda::Permission")).forEach(r -> {
            Map<String, Object> p = map(map(r).get("Properties"));
            assertEquals("cloudfront.amazonaws.com", p.get("Principal"));
            assertTrue(thisDistributionArn(p.get("SourceArn")), "SourceArn names this distribution: " + p.get("SourceArn"));
            actions.add((String) p.get("Action"));
        });
        assertEquals(Set.of("lambda:InvokeFunction", "lambda:InvokeFunctionUrl"), actions);
        template.hasResourceProperties("AWS::Lambda::Permission",
                Map.of("Action", "lambda:InvokeFunction", "InvokedViaFunctionUrl", true));
    }

    @Test
    void bucketPolicies_allowReadsOnlyByThisDistribution() {
        for (String bucket : List.of("PublicSite", "PrivateContent")) {
            Map<String, Object> policy = bucketPolicy(bucket);
            List<Map<String, Object>> allows = statements(policy).stream().filter(s -> "Allow".equals(s.get("Effect")))
                    .collect(Collectors.toList());
            assertEquals(1, allows.size(), bucket + ": one Allow statement");
            Map<String, Object> allow = allows.get(0);
            assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), allow.get("Principal"));
            assertEquals("s3:GetObject", allow.get("Action"));
            assertTrue(thisDistributionArn(map(map(allow.get("Condition")).get("StringEquals")).get("AWS:SourceArn")));
            assertTrue(statements(policy).stream().anyMatch(s -> "Deny".equals(s.get("Effect"))
                    && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(s.get("Condition"))), bucket + " refuses http");
        }
    }

    @Test
    void buckets_blockAllPublicAccess() {
        resources.values().stream().filter(r -> type(r).equals("AWS::S3::Bucket")).forEach(r -> assertEquals(
                Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                map(map(r).get("Properties")).get("PublicAccessBlockConfiguration")));
    }

    @Test
    void loginRole_mayWriteItsLogsAndReadTheSecret_nothingElse() {
        Map<String, Object> role = map(resource("AWS::IAM::Role", "LoginFunctionRole").get("Properties"));
        assertFalse(role.containsKey("ManagedPolicyArns"), "no managed policy");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object p : list(role.get("Policies"))) {
            statements.addAll(statements(map(map(p).get("PolicyDocument"))));
        }
        Map<String, Object> byAction = new LinkedHashMap<>();
        for (Map<String, Object> s : statements) {
            assertEquals("Allow", s.get("Effect"));
            byAction.put(String.valueOf(s.get("Action")), s.get("Resource"));
        }
        assertEquals(Set.of("[logs:CreateLogStream, logs:PutLogEvents]", "secretsmanager:GetSecretValue"), byAction.keySet());
        assertEquals(Map.of("Ref", logicalId("AWS::SecretsManager::Secret")), byAction.get("secretsmanager:GetSecretValue"));
        assertEquals(Map.of("Fn::GetAtt", List.of(logicalId("AWS::Logs::LogGroup", "LoginFunctionLogs"), "Arn")),
                byAction.get("[logs:CreateLogStream, logs:PutLogEvents]"));
        boolean otherPolicyOnRole = resources.values().stream().filter(r -> type(r).equals("AWS::IAM::Policy"))
                .anyMatch(r -> String.valueOf(map(map(r).get("Properties")).get("Roles")).contains("LoginFunctionRole"));
        assertFalse(otherPolicyOnRole, "no policy attached to the role elsewhere");
    }

    @Test
    void secret_isReadableOnlyByTheLoginRole() {
        Map<String, Object> policy = map(map(resource("AWS::SecretsManager::ResourcePolicy").get("Properties")).get("ResourcePolicy"));
        Map<String, Object> deny = statements(policy).get(0);
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("secretsmanager:GetSecretValue", deny.get("Action"));
        String condition = String.valueOf(map(deny.get("Condition")).get("StringNotEquals"));
        assertTrue(condition.contains("aws:PrincipalArn") && condition.contains(":role/Edgepass-login-"), condition);
        Object roleName = map(resource("AWS::IAM::Role", "LoginFunctionRole").get("Properties")).get("RoleName");
        assertTrue(String.valueOf(roleName).contains("Edgepass-login-"), String.valueOf(roleName));
    }

    @Test
    void loginFunction_isJava21WithSnapStart_readingTheSecretThroughTheSdk_withoutALayer() {
        Map<String, Object> fn = map(resource("AWS::Lambda::Function", "LoginFunction").get("Properties"));
        assertEquals("java21", fn.get("Runtime"));
        assertEquals(EdgepassStack.HANDLER, fn.get("Handler"));
        assertEquals(List.of("x86_64"), fn.get("Architectures"));
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), fn.get("SnapStart"));
        assertFalse(fn.containsKey("Layers"), "no Parameters and Secrets extension layer: the SDK reads the secret");
        assertFalse(String.valueOf(template.toJSON().get("Mappings")).contains("Parameters-and-Secrets"));
        Map<String, Object> env = map(map(fn.get("Environment")).get("Variables"));
        assertEquals("secrets-manager", env.get("EDGEPASS_KEY_SOURCE"));
        assertEquals(Map.of("Ref", logicalId("AWS::SecretsManager::Secret")), env.get("EDGEPASS_KEY_SECRET_ID"));
        assertEquals(Synth.SITE_ORIGIN, env.get("EDGEPASS_SITE_ORIGIN"));
        assertEquals("PT5M", env.get("EDGEPASS_KEY_REFRESH"));
        // Credentials and region come from Lambda (the SDK's default chain, AWS_REGION), never the template.
        assertTrue(env.keySet().stream().noneMatch(k -> k.startsWith("AWS_") || k.startsWith("SECRETS_MANAGER")
                || k.startsWith("PARAMETERS_SECRETS")), env.keySet().toString());
        Map<String, Object> logs = map(resource("AWS::Logs::LogGroup", "LoginFunctionLogs").get("Properties"));
        assertEquals(30, ((Number) logs.get("RetentionInDays")).intValue());
    }

    @Test
    void alias_pointsAtAPublishedVersionOfTheFunction() {
        Map<String, Object> alias = map(resource("AWS::Lambda::Alias").get("Properties"));
        String version = logicalId("AWS::Lambda::Version", "LoginFunctionCurrentVersion");
        assertEquals(Map.of("Fn::GetAtt", List.of(version, "Version")), alias.get("FunctionVersion"));
        assertEquals(Map.of("Ref", logicalId("AWS::Lambda::Function", "LoginFunction")),
                map(resource("AWS::Lambda::Version").get("Properties")).get("FunctionName"));
    }

    @Test
    void appClient_isPublic_codeFlowOnly_withUrlsOnTheDistribution() {
        Map<String, Object> client = map(resource("AWS::Cognito::UserPoolClient").get("Properties"));
        assertEquals(false, client.get("GenerateSecret"));
        assertEquals(List.of("code"), client.get("AllowedOAuthFlows"));
        assertEquals(true, client.get("AllowedOAuthFlowsUserPoolClient"));
        assertEquals(Set.of("openid"), Set.copyOf(list(client.get("AllowedOAuthScopes"))));
        assertEquals(List.of(Synth.SITE_ORIGIN + EdgepassStack.CALLBACK_PATH), client.get("CallbackURLs"));
        assertEquals(List.of(Synth.SITE_ORIGIN + EdgepassStack.SIGNED_OUT_PATH), client.get("LogoutURLs"));
        assertEquals(List.of("COGNITO"), client.get("SupportedIdentityProviders"));
        template.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
    }

    @Test
    void noIdentityPool_isCreated() {
        template.resourceCountIs("AWS::Cognito::IdentityPool", 0);
        template.resourceCountIs("AWS::Cognito::IdentityPoolRoleAttachment", 0);
    }

    @Test
    void ourPolicies_allowNoWildcardActionAndNoStarResource() {
        List<String> problems = new ArrayList<>();
        resources.forEach((id, r) -> {
            // The CDK's BucketDeployment handler is the one policy we do not write; its grants are
            // listed, with the reason, in NagRules and in the guide.
            if (id.startsWith("CustomCDKBucketDeployment")) {
                return;
            }
            for (Map<String, Object> s : policyStatementsOf(map(r))) {
                if (!"Allow".equals(s.get("Effect"))) {
                    continue;
                }
                for (Object action : asList(s.get("Action"))) {
                    if (String.valueOf(action).contains("*")) {
                        problems.add(id + " allows " + action);
                    }
                }
                boolean keyPolicy = type(r).equals("AWS::KMS::Key");
                for (Object resource : asList(s.get("Resource"))) {
                    if ("*".equals(resource) && !keyPolicy) {
                        problems.add(id + " allows on Resource *");
                    }
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void forbiddenStatus_showsTheSignInPage() {
        assertEquals(List.of(Map.of("ErrorCode", 403, "ResponseCode", 403, "ResponsePagePath", EdgepassStack.ERROR_PAGE,
                "ErrorCachingMinTTL", 10)), distributionConfig().get("CustomErrorResponses"));
    }

    @Test
    void outputs_giveTheSiteUrlThePoolAndTheFirstUserCommand() {
        Map<String, Object> outputs = map(template.toJSON().get("Outputs"));
        assertTrue(outputs.keySet().containsAll(List.of("SiteUrl", "UserPoolId", "CreateUserCommand", "PublicKeyId",
                "SigningKeySecretArn")), outputs.keySet().toString());
        assertTrue(String.valueOf(outputs.get("CreateUserCommand")).contains("aws cognito-idp admin-create-user --user-pool-id "));
    }

    @Test
    void cdkNag_awsSolutions_leavesNoUnsuppressedFinding() {
        Annotations annotations = Annotations.fromStack(stack);
        assertEquals(List.of(), annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + " " + m.getEntry().getData()).collect(Collectors.toList()));
        assertEquals(List.of(), annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + " " + m.getEntry().getData()).collect(Collectors.toList()));
    }

    @Test
    void cdkNag_everySuppression_givesAReason() {
        List<Map<String, Object>> suppressions = new ArrayList<>();
        resources.values().forEach(r -> {
            Object metadata = map(r).get("Metadata");
            if (metadata != null && map(metadata).get("cdk_nag") != null) {
                for (Object rule : list(map(map(metadata).get("cdk_nag")).get("rules_to_suppress"))) {
                    suppressions.add(map(rule));
                }
            }
        });
        assertFalse(suppressions.isEmpty());
        for (Map<String, Object> s : suppressions) {
            String reason = String.valueOf(s.get("reason"));
            assertTrue(reason.length() >= 60 && !reason.contains("TODO"), s.get("id") + ": " + reason);
        }
    }

    // ---- template navigation

    static Map<String, Object> distributionConfig() {
        return map(map(resource("AWS::CloudFront::Distribution").get("Properties")).get("DistributionConfig"));
    }

    private static Map<String, Object> behaviour(String pattern) {
        return list(distributionConfig().get("CacheBehaviors")).stream().map(EdgepassStackTest::map)
                .filter(b -> pattern.equals(b.get("PathPattern"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> origin(String id) {
        return list(distributionConfig().get("Origins")).stream().map(EdgepassStackTest::map)
                .filter(o -> id.equals(o.get("Id"))).findFirst().orElseThrow();
    }

    private static String bucketOf(String originId) {
        String domain = String.valueOf(origin(originId).get("DomainName"));
        return domain.contains("PublicSite") ? "PublicSite" : domain.contains("PrivateContent") ? "PrivateContent" : domain;
    }

    private static Map<String, Object> bucketPolicy(String bucket) {
        return resources.values().stream().map(EdgepassStackTest::map)
                .filter(r -> type(r).equals("AWS::S3::BucketPolicy")
                        && String.valueOf(map(r.get("Properties")).get("Bucket")).contains(bucket))
                .map(r -> map(map(r.get("Properties")).get("PolicyDocument"))).findFirst().orElseThrow();
    }

    static boolean thisDistributionArn(Object arn) {
        String s = String.valueOf(arn);
        return s.contains(":distribution/") && s.contains("{Ref=" + logicalId("AWS::CloudFront::Distribution") + "}")
                && !s.contains("distribution/*");
    }

    static List<Map<String, Object>> policyStatementsOf(Map<String, Object> resource) {
        Map<String, Object> props = resource.get("Properties") == null ? Map.of() : map(resource.get("Properties"));
        List<Map<String, Object>> out = new ArrayList<>();
        switch (type(resource)) {
            case "AWS::IAM::Policy", "AWS::S3::BucketPolicy" -> out.addAll(statements(map(props.get("PolicyDocument"))));
            case "AWS::SecretsManager::ResourcePolicy" -> out.addAll(statements(map(props.get("ResourcePolicy"))));
            case "AWS::KMS::Key" -> out.addAll(statements(map(props.get("KeyPolicy"))));
            case "AWS::IAM::Role" -> {
                if (props.get("Policies") != null) {
                    for (Object p : list(props.get("Policies"))) {
                        out.addAll(statements(map(map(p).get("PolicyDocument"))));
                    }
                }
            }
            default -> { }
        }
        return out;
    }

    static List<Map<String, Object>> statements(Map<String, Object> document) {
        return list(document.get("Statement")).stream().map(EdgepassStackTest::map).collect(Collectors.toList());
    }

    static Map<String, Object> resource(String type) {
        return resource(type, "");
    }

    static Map<String, Object> resource(String type, String idPrefix) {
        return map(resources.get(logicalId(type, idPrefix)));
    }

    static String logicalId(String type) {
        return logicalId(type, "");
    }

    static String logicalId(String type, String idPrefix) {
        List<String> ids = resources.entrySet().stream()
                .filter(e -> type(e.getValue()).equals(type) && e.getKey().startsWith(idPrefix))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        assertEquals(1, ids.size(), "one " + type + " " + idPrefix + ": " + ids);
        return ids.get(0);
    }

    static String type(Object resource) {
        return String.valueOf(map(resource).get("Type"));
    }

    static List<Object> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof Collection<?> c ? new ArrayList<>(c) : List.of(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) Objects.requireNonNull(value, "missing value in template");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) Objects.requireNonNull(value, "missing list in template");
    }
}
