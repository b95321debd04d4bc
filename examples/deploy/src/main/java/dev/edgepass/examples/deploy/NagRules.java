package dev.edgepass.examples.deploy;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The AwsSolutions findings this stack accepts, each with its reason, scoped to the one resource
 * (and, for IAM5, the one action or resource) it is about. Everything else the rules find fails
 * synthesis. The reasons are written for the reviewer of a deployment.
 *
 * <p>Stateless and thread-safe.
 */
final class NagRules {

    /** The construct id prefix of the CDK's BucketDeployment handler (one per stack). */
    static final String BUCKET_DEPLOYMENT_HANDLER = "Custom::CDKBucketDeployment";

    private NagRules() {}

    static void suppress(Stack stack, DeploySettings settings) {
        if (stack.getNode().tryFindChild("SigningKey") != null && settings.keyCustody() == DeploySettings.KeyCustody.SECRET) {
            NagSuppressions.addResourceSuppressions(stack.getNode().findChild("SigningKey"), List.of(rule("AwsSolutions-SMG4",
                    "The secret holds a CloudFront key pair. Rotating it is a CloudFront change first (a new public key in "
                            + "the key group, then the new private key in the secret, then the old key out after the cookie "
                            + "lifetime), which the deployer runs as documented in docs/guide.md; a Secrets Manager rotation "
                            + "function cannot update the key group. The function re-reads the secret every keyRefresh.")),
                    true);
        }
        if (settings.stage() == DeploySettings.Stage.SIGNING_KEY) {
            return;
        }
        IConstruct pool = stack.getNode().findChild("UserPool");
        List<NagPackSuppression> poolRules = new ArrayList<>();
        poolRules.add(rule("AwsSolutions-COG3",
                "Cognito threat protection (AdvancedSecurityMode ENFORCED) needs the Plus feature plan, billed per monthly "
                        + "active user; the login flow does not depend on it. Enable it for production pools "
                        + "(featurePlan PLUS, standardThreatProtectionMode FULL_FUNCTION)."));
        if (!settings.requireMfa()) {
            poolRules.add(rule("AwsSolutions-COG2",
                    "MFA is optional (TOTP) so a first user can sign in without an authenticator app; "
                            + "deploy with -c requireMfa=true to require it for everyone."));
        }
        NagSuppressions.addResourceSuppressions(pool, poolRules, true);

        IConstruct distribution = stack.getNode().findChild("Distribution");
        NagSuppressions.addResourceSuppressions(distribution, List.of(
                rule("AwsSolutions-CFR4",
                        "The distribution uses its default *.cloudfront.net certificate, for which CloudFront fixes the "
                                + "minimum viewer protocol; a custom domain with an ACM certificate and TLSv1.2_2021 is the fix, "
                                + "and is outside this example. Viewers are redirected to HTTPS on every behaviour."),
                rule("AwsSolutions-CFR1",
                        "No country is excluded by design: access is decided by Cognito sign-in and signed cookies, "
                                + "not by the viewer's location."),
                rule("AwsSolutions-CFR2",
                        "AWS WAF is a separately billed web ACL; the private content is guarded by CloudFront's signed-cookie "
                                + "check and the login function by origin access control. Attach a web ACL (webAclId) for "
                                + "rate limiting in production.")),
                true);

        IConstruct function = stack.getNode().tryFindChild("LoginFunction");
        if (function != null) {
            NagSuppressions.addResourceSuppressions(function, List.of(rule("AwsSolutions-L1",
                    "Java 21 (LTS) is the runtime the deployment jar is built and tested for, with SnapStart and CRaC "
                            + "hooks; edgepass itself targets Java 17+. Move to a newer Java runtime after testing the jar on it.")),
                    true);
            if (settings.snapStart()) {
                Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "SnapStart runs on the version that the alias 'live' publishes and CloudFront calls");
            }
        }

        for (IConstruct child : stack.getNode().getChildren()) {
            if (child.getNode().getId().startsWith(BUCKET_DEPLOYMENT_HANDLER)) {
                NagSuppressions.addResourceSuppressions(child, List.of(
                        rule("AwsSolutions-IAM4",
                                "The CDK's BucketDeployment handler runs only while CloudFormation deploys the site files; its "
                                        + "role uses AWSLambdaBasicExecutionRole for its own logs.",
                                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                        rule("AwsSolutions-IAM5",
                                "The CDK's BucketDeployment handler copies the site files from the CDK asset bucket into the two "
                                        + "site buckets of this stack; its wildcards are object keys of those buckets and the "
                                        + "read/write/list action groups the CDK grants for that copy.",
                                "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
                                "Action::s3:DeleteObject*", "Action::s3:Abort*",
                                "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
                                "Resource::<PublicSite9CD7D557.Arn>/*", "Resource::<PrivateContent50307181.Arn>/*"),
                        rule("AwsSolutions-L1",
                                "The runtime of the CDK's BucketDeployment handler is chosen by aws-cdk-lib and moves with it.")),
                        true);
            }
        }
    }

    private static NagPackSuppression rule(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            b.appliesTo(List.of((Object[]) appliesTo));
        }
        return b.build();
    }
}
