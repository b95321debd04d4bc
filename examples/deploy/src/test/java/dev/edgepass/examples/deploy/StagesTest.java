package dev.edgepass.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.deploy.testing.Synth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The stages of a deployment and the KMS custody: what each synthesis contains, and that cdk-nag
 * passes on each.
 */
class StagesTest {

    private static Template synth(Map<String, Object> context) {
        App app = new App(AppProps.builder().outdir(Synth.synthDir().resolveSibling("cdk.out-stages").toString())
                .context(context).build());
        EdgepassStack stack = DeployApp.build(app, Synth.buildProperties());
        Template template = Template.fromStack(stack);
        Annotations annotations = Annotations.fromStack(stack);
        assertEquals(List.of(), annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + " " + m.getEntry().getData()).collect(Collectors.toList()));
        assertEquals(List.of(), annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + " " + m.getEntry().getData()).collect(Collectors.toList()));
        return template;
    }

    private static Set<String> types(Template template) {
        return EdgepassStackTest.map(template.toJSON().get("Resources")).values().stream()
                .map(EdgepassStackTest::type).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void kmsWithoutPublicKey_deploysOnlyTheSigningKey() {
        Template template = synth(Map.of("keyCustody", "kms"));
        assertEquals(Set.of("AWS::KMS::Key"), types(template));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeySpec", "RSA_2048", "KeyUsage", "SIGN_VERIFY"));
    }

    @Test
    void siteStage_hasNoLoginFunctionAndNoLoginBehaviour() {
        Template template = synth(Map.of("publicKeyPem", Synth.publicKeyPem()));
        List<String> functions = new ArrayList<>();
        EdgepassStackTest.map(template.toJSON().get("Resources")).forEach((id, r) -> {
            if (EdgepassStackTest.type(r).equals("AWS::Lambda::Function")) {
                functions.add(id);
            }
        });
        assertTrue(functions.stream().allMatch(id -> id.startsWith("CustomCDKBucketDeployment")), functions.toString());
        template.resourceCountIs("AWS::Lambda::Url", 0);
        String behaviours = String.valueOf(template.findResources("AWS::CloudFront::Distribution"));
        assertFalse(behaviours.contains("/private/login"));
        assertTrue(behaviours.contains("/private/app/*"));
        assertTrue(EdgepassStackTest.map(template.toJSON().get("Outputs")).containsKey("NextStep"));
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
    }

    @Test
    void kmsCustody_grantsExactlySignAndGetPublicKey_onTheOneKey() {
        Map<String, Object> context = Synth.completeContext();
        context.put("keyCustody", "kms");
        context.put("architecture", "x86_64");
        Template template = synth(context);
        template.resourceCountIs("AWS::SecretsManager::Secret", 0);
        template.resourceCountIs("AWS::KMS::Key", 1);
        Map<String, Object> resources = EdgepassStackTest.map(template.toJSON().get("Resources"));
        String keyId = resources.entrySet().stream().filter(e -> EdgepassStackTest.type(e.getValue()).equals("AWS::KMS::Key"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        Map<String, Object> role = resources.entrySet().stream().filter(e -> e.getKey().startsWith("LoginFunctionRole"))
                .map(e -> EdgepassStackTest.map(e.getValue())).findFirst().orElseThrow();
        List<Map<String, Object>> statements = EdgepassStackTest.policyStatementsOf(role);
        List<Map<String, Object>> kms = statements.stream().filter(s -> String.valueOf(s.get("Action")).contains("kms:"))
                .collect(Collectors.toList());
        assertEquals(3, statements.size(), "logs, Sign and GetPublicKey, nothing else");
        assertEquals(2, kms.size());
        Map<String, Object> sign = kms.stream().filter(s -> "kms:Sign".equals(s.get("Action"))).findFirst().orElseThrow();
        Map<String, Object> read = kms.stream().filter(s -> "kms:GetPublicKey".equals(s.get("Action"))).findFirst().orElseThrow();
        Map<String, Object> keyArn = Map.of("Fn::GetAtt", List.of(keyId, "Arn"));
        assertEquals(keyArn, sign.get("Resource"));
        assertEquals(keyArn, read.get("Resource"));
        // Sign only SHA-256 digests with PKCS#1 v1.5, what the KMS signer sends; the conditions
        // would deny GetPublicKey, which has its own statement without them.
        assertEquals(Map.of("StringEquals", Map.of("kms:SigningAlgorithm", "RSASSA_PKCS1_V1_5_SHA_256",
                "kms:MessageType", "DIGEST")), sign.get("Condition"));
        assertFalse(read.containsKey("Condition"));
        Map<String, Object> fn = resources.entrySet().stream().filter(e -> e.getKey().startsWith("LoginFunction")
                && EdgepassStackTest.type(e.getValue()).equals("AWS::Lambda::Function"))
                .map(e -> EdgepassStackTest.map(EdgepassStackTest.map(e.getValue()).get("Properties"))).findFirst().orElseThrow();
        Map<String, Object> env = EdgepassStackTest.map(EdgepassStackTest.map(fn.get("Environment")).get("Variables"));
        assertEquals("kms", env.get("EDGEPASS_KEY_SOURCE"));
        assertEquals("SHA256", env.get("EDGEPASS_HASH_ALGORITHM"));
        assertEquals("RSA_2048", env.get("EDGEPASS_KMS_KEY_SPEC"));
        assertTrue(env.containsKey("EDGEPASS_KMS_KEY_ID") && env.containsKey("EDGEPASS_KEY_PAIR_ID"));
        // The login-state key is derived from one deterministic RSA signature of the KMS key.
        assertFalse(env.containsKey("EDGEPASS_STATE_KEY"));
        assertFalse(fn.containsKey("Layers"), "the KMS signer needs no extension layer");
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), fn.get("SnapStart"));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", EdgepassStack.ALIAS));
        // In the key policy, signing is delegated to IAM for the login role only.
        String keyPolicy = String.valueOf(EdgepassStackTest.map(resources.get(keyId)).get("Properties"));
        assertTrue(keyPolicy.contains("kms:Sign") && keyPolicy.contains("aws:PrincipalArn") && keyPolicy.contains("Edgepass-login-"));
    }

    @Test
    void rotation_keepsBothKeysInTheGroup_underIdsThatFollowTheKey() {
        String current = Synth.publicKeyPem();
        String previous = Synth.publicKeyPem();
        Map<String, Object> context = Synth.completeContext();
        context.put("publicKeyPem", current);
        context.put("previousPublicKeyPem", previous);
        Template template = synth(context);
        template.resourceCountIs("AWS::CloudFront::PublicKey", 2);
        String fingerprint = DeploySettings.CloudFrontKey.parse("previousPublicKeyPem", previous).fingerprint();
        assertTrue(template.findResources("AWS::CloudFront::PublicKey").keySet().stream()
                .anyMatch(id -> id.startsWith("PublicKey" + fingerprint)));
        String group = String.valueOf(template.findResources("AWS::CloudFront::KeyGroup"));
        assertEquals(2, group.split("Ref=PublicKey", -1).length - 1, group);
    }

    @Test
    void arm64_withTheExtension_buildsAnArmFunctionWithTheArmLayer() {
        Map<String, Object> context = Synth.completeContext();
        context.put("architecture", "arm64");
        context.put("secretReader", "extension");
        context.put("lambdaJar", LambdaJarTest.jarWithAccp(Synth.synthDir().resolveSibling("arm-test"), 0xB7).toString());
        Template template = synth(context);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Architectures", List.of("arm64"),
                "Runtime", "java21"));
        assertTrue(String.valueOf(template.toJSON().get("Mappings")).contains("AWS-Parameters-and-Secrets-Lambda-Extension-Arm64"));
    }

    @Test
    void layerArnFromContext_replacesTheDefaultTable() {
        Map<String, Object> context = Synth.completeContext();
        String arn = "arn:aws:lambda:eu-west-2:133256977650:layer:AWS-Parameters-and-Secrets-Lambda-Extension:12";
        context.put("secretReader", "extension");
        context.put("paramsSecretsLayerArn", arn);
        Template template = synth(context);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Layers", List.of(arn)));
    }

    @Test
    void extensionReader_readsTheSecretThroughTheLayer_withoutSnapStart() {
        Map<String, Object> context = Synth.completeContext();
        context.put("secretReader", "extension");
        Template template = synth(context);
        Map<String, Object> resources = EdgepassStackTest.map(template.toJSON().get("Resources"));
        Map<String, Object> fn = functionProperties(resources);
        // The extension authenticates callers with AWS_SESSION_TOKEN, which SnapStart functions lack.
        assertFalse(fn.containsKey("SnapStart"));
        Map<String, Object> env = EdgepassStackTest.map(EdgepassStackTest.map(fn.get("Environment")).get("Variables"));
        assertEquals("secrets-extension", env.get("EDGEPASS_KEY_SOURCE"));
        assertEquals("300", env.get("SECRETS_MANAGER_TTL"));
        assertEquals("PT5M", env.get("EDGEPASS_KEY_REFRESH"));
        assertTrue(String.valueOf(fn.get("Layers")).contains("Fn::FindInMap"), "the layer from the CDK's regional table: "
                + fn.get("Layers"));
        assertTrue(String.valueOf(template.toJSON().get("Mappings")).contains("AWS-Parameters-and-Secrets-Lambda-Extension:"));
        // The role is the same as with the SDK: its logs and GetSecretValue on the one secret.
        List<Map<String, Object>> statements = EdgepassStackTest.policyStatementsOf(resources.entrySet().stream()
                .filter(e -> e.getKey().startsWith("LoginFunctionRole")).map(e -> EdgepassStackTest.map(e.getValue()))
                .findFirst().orElseThrow());
        assertEquals(List.of("[logs:CreateLogStream, logs:PutLogEvents]", "secretsmanager:GetSecretValue"),
                statements.stream().map(s -> String.valueOf(s.get("Action"))).sorted().collect(Collectors.toList()));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", EdgepassStack.ALIAS));
    }

    @Test
    void snapStartOff_keepsThePublishedVersionAndAlias() {
        Map<String, Object> context = Synth.completeContext();
        context.put("snapStart", "false");
        Template template = synth(context);
        assertFalse(functionProperties(EdgepassStackTest.map(template.toJSON().get("Resources"))).containsKey("SnapStart"));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", EdgepassStack.ALIAS));
        template.hasResourceProperties("AWS::Lambda::Url", Map.of("Qualifier", EdgepassStack.ALIAS));
    }

    @Test
    void sdkReaderWithAJarWithoutTheSdk_failsSynthesis() {
        Map<String, Object> context = Synth.completeContext();
        context.put("lambdaJar", Synth.buildProperties().getProperty("lambdaJar"));
        App app = new App(AppProps.builder().outdir(Synth.synthDir().resolveSibling("cdk.out-stages").toString())
                .context(context).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeployApp.build(app, Synth.buildProperties()));
        assertTrue(e.getMessage().contains("-aws-sdk.jar"), e.getMessage());
    }

    private static Map<String, Object> functionProperties(Map<String, Object> resources) {
        return resources.entrySet().stream().filter(e -> e.getKey().startsWith("LoginFunction")
                && EdgepassStackTest.type(e.getValue()).equals("AWS::Lambda::Function"))
                .map(e -> EdgepassStackTest.map(EdgepassStackTest.map(e.getValue()).get("Properties"))).findFirst().orElseThrow();
    }

    @Test
    void snapStartWithTheSecretsExtension_isAllowedButWarned() {
        Map<String, Object> context = Synth.completeContext();
        context.put("secretReader", "extension");
        context.put("snapStart", "true");
        App app = new App(AppProps.builder().outdir(Synth.synthDir().resolveSibling("cdk.out-stages").toString())
                .context(context).build());
        EdgepassStack stack = DeployApp.build(app, Synth.buildProperties());
        Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function",
                Map.of("SnapStart", Map.of("ApplyOn", "PublishedVersions"), "Runtime", "java21"));
        assertEquals(1, Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(".*AWS_SESSION_TOKEN.*")).size());
    }

    @Test
    void requireMfa_makesMfaRequired() {
        Map<String, Object> context = Synth.completeContext();
        context.put("requireMfa", "true");
        synth(context).hasResourceProperties("AWS::Cognito::UserPool", Map.of("MfaConfiguration", "ON"));
        synth(Synth.completeContext()).hasResourceProperties("AWS::Cognito::UserPool", Map.of("MfaConfiguration", "OPTIONAL"));
    }

    @Test
    void site_usesTheDemoPagesWithAGeneratedConfig() {
        Template template = synth(Synth.completeContext());
        Map<String, Map<String, Object>> deployments = template.findResources("Custom::CDKBucketDeployment");
        assertEquals(2, deployments.size());
        String publicSite = deployments.entrySet().stream().filter(e -> e.getKey().startsWith("PublicSiteFiles"))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElseThrow();
        // config.js: deploy-time markers for the pool, the client, the distribution and the domain
        assertTrue(publicSite.contains("SourceMarkers"), publicSite);
        for (String ref : List.of("UserPool", "WebClient", "Distribution", "HostedUi")) {
            assertTrue(publicSite.contains(ref), ref + " in config.js");
        }
        String privateSite = deployments.entrySet().stream().filter(e -> e.getKey().startsWith("PrivateContentFiles"))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElseThrow();
        assertTrue(privateSite.contains("DestinationBucketKeyPrefix=private/"), privateSite);
    }
}
