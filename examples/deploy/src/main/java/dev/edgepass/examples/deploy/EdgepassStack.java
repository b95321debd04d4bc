package dev.edgepass.examples.deploy;

import dev.edgepass.examples.deploy.DeploySettings.CloudFrontKey;
import dev.edgepass.examples.deploy.DeploySettings.KeyCustody;
import dev.edgepass.examples.deploy.DeploySettings.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.ErrorResponse;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IKeyGroup;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.IPublicKey;
import software.amazon.awscdk.services.cloudfront.KeyGroup;
import software.amazon.awscdk.services.cloudfront.OriginRequestCookieBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.PublicKey;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOrigin;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOriginWithOACProps;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeySpec;
import software.amazon.awscdk.services.kms.KeyUsage;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLayerVersion;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLogLevel;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsOptions;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsVersions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The article's whole system as one CloudFormation stack: a public and a private S3 bucket behind
 * one CloudFront distribution (three behaviours, a trusted key group on {@code /private/app/*}), a
 * Cognito user pool with a public app client and hosted UI, the Java login function behind its
 * function URL, and the CloudFront private key in Secrets Manager or KMS.
 *
 * <p>What is built depends on {@link DeploySettings#stage()}: the signing key only, then the site
 * without the login function, then everything. Every S3 origin and the function URL are reached
 * only through origin access control, and every resource policy names this distribution.
 *
 * <pre>{@code
 * App app = new App();
 * DeploySettings settings = DeploySettings.fromContext(app.getNode()::tryGetContext, defaultJar);
 * new EdgepassStack(app, "Edgepass", StackProps.builder().build(), settings, SiteFiles.inRepository(root));
 * }</pre>
 *
 * <p>Not thread-safe (CDK constructs are built on one thread).
 */
public final class EdgepassStack extends Stack {

    /** The login function's handler. */
    public static final String HANDLER = "dev.edgepass.examples.lambda.FunctionUrlLoginHandler::handleRequest";
    /** The path patterns that the login function answers. */
    public static final List<String> LOGIN_PATHS = List.of("/private/login*", "/private/logout");
    /** The path pattern of the private content. */
    public static final String PRIVATE_PATH = "/private/app/*";
    /** Where the public bucket keeps the page shown instead of CloudFront's 403. */
    public static final String ERROR_PAGE = "/errors/403.html";
    /** The page Cognito returns to after sign-out. */
    public static final String SIGNED_OUT_PATH = "/index.html?signed-out";
    /** The callback path the login function registers with Cognito. */
    public static final String CALLBACK_PATH = "/private/login/callback";
    /** The name of the alias that CloudFront calls (SnapStart runs on published versions only). */
    public static final String ALIAS = "live";
    /**
     * The spec of the KMS signing key ({@code keyCustody=kms}): RSA, whose deterministic signatures
     * let every instance derive the same login-state key from the key itself.
     */
    static final KeySpec KMS_KEY_SPEC = KeySpec.RSA_2048;

    private final DeploySettings settings;
    private final String loginRoleName;

    /**
     * Builds the stack.
     *
     * @param scope    the app
     * @param id       the stack id, also its default CloudFormation name
     * @param props    stack properties (leave {@code env} unset for an environment-agnostic template)
     * @param settings what to deploy
     * @param site     the site's files
     * @throws IllegalArgumentException if the login function's jar is missing or built for another architecture
     */
    public EdgepassStack(Construct scope, String id, StackProps props, DeploySettings settings, SiteFiles site) {
        super(scope, id, props);
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(site, "site");
        // A fixed role name lets the signing key's resource policy name the only reader before the
        // role exists, without a dependency from the key to the function.
        this.loginRoleName = getStackName() + "-login-" + Aws.REGION;

        Construct signingKey = settings.keyCustody() == KeyCustody.SECRET ? secret() : kmsKey();
        if (settings.stage() == Stage.SIGNING_KEY) {
            CfnOutput.Builder.create(this, "NextStep").description("What to do next")
                    .value("Read the KMS key's public key (aws kms get-public-key), then deploy again with "
                            + "-c keyCustody=kms -c publicKeyFile=public_key.pem").build();
            return;
        }

        List<IPublicKey> keys = new ArrayList<>();
        PublicKey current = publicKey(settings.publicKey().orElseThrow(), "current");
        keys.add(current);
        settings.previousPublicKey().ifPresent(k -> keys.add(publicKey(k, "previous, being rotated out")));
        IKeyGroup keyGroup = KeyGroup.Builder.create(this, "KeyGroup")
                .comment("Keys that may sign cookies for " + PRIVATE_PATH).items(keys).build();

        Bucket logs = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // CloudFront standard logging writes with an ACL grant to its log-delivery account.
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Bucket publicBucket = contentBucket("PublicSite", logs, "s3/public/");
        Bucket privateBucket = contentBucket("PrivateContent", logs, "s3/private/");

        UserPool pool = userPool();
        UserPoolDomain domain = pool.addDomain("HostedUi", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(domainPrefix()).build())
                .build());
        String hostedUi = domain.baseUrl();

        BehaviorOptions privateBehaviour = BehaviorOptions.builder()
                .origin(S3BucketOrigin.withOriginAccessControl(privateBucket))
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                .trustedKeyGroups(List.of(keyGroup))
                .build();
        Map<String, BehaviorOptions> behaviours = new LinkedHashMap<>();
        UserPoolClient client = null;
        Alias alias = null;
        if (settings.stage() == Stage.COMPLETE) {
            // The function needs the site's origin and the distribution needs the function's URL:
            // the origin comes from the context (the SiteUrl output of the previous stage), so the
            // function, the app client and the distribution do not depend on each other in a circle.
            String origin = settings.siteOrigin().orElseThrow().toString();
            client = webClient(pool, origin);
            alias = loginFunction(pool, client, hostedUi, current, signingKey);
            FunctionUrl url = alias.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.AWS_IAM).build());
            BehaviorOptions login = BehaviorOptions.builder()
                    .origin(FunctionUrlOrigin.withOriginAccessControl(url, FunctionUrlOriginWithOACProps.builder()
                            .readTimeout(Duration.seconds(10)).build()))
                    .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                    // GET and HEAD only: the code flow and sign-out are GETs, and a POST through OAC would
                    // need the viewer to send x-amz-content-sha256, which a browser form cannot.
                    .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                    .cachePolicy(CachePolicy.CACHING_DISABLED)
                    .originRequestPolicy(loginRequestPolicy())
                    .build();
            for (String path : LOGIN_PATHS) {
                behaviours.put(path, login);
            }
        }
        behaviours.put(PRIVATE_PATH, privateBehaviour);

        Distribution distribution = Distribution.Builder.create(this, "Distribution")
                .comment("edgepass: public site, login function, private content behind signed cookies")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(publicBucket))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .build())
                .additionalBehaviors(behaviours)
                .defaultRootObject("index.html")
                // Error responses belong to the whole distribution, not to one behaviour: any 403 is
                // replaced, from S3 (a missing key reads as 403 without s3:ListBucket), from CloudFront's
                // signed-cookie check, and from the function URL (a refused OAC signature). The function
                // itself answers 400/401/404/405/5xx, never 403, so its own errors pass unchanged.
                .errorResponses(List.of(ErrorResponse.builder()
                        .httpStatus(403).responseHttpStatus(403).responsePagePath(ERROR_PAGE)
                        .ttl(Duration.seconds(10)).build()))
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cloudfront/")
                .build();
        String siteUrl = "https://" + distribution.getDistributionDomainName();
        if (alias != null) {
            grantDistributionInvoke(alias, distribution);
        } else {
            client = webClient(pool, siteUrl);
        }

        BucketDeployment.Builder.create(this, "PublicSiteFiles")
                .destinationBucket(publicBucket)
                .sources(List.of(
                        Source.asset(site.publicDir().toString(), software.amazon.awscdk.services.s3.assets.AssetOptions.builder()
                                .exclude(List.of("config.js")).build()),
                        Source.asset(site.errorPagesDir().toString()),
                        Source.data("config.js", configJs(pool, client, siteUrl, hostedUi))))
                .logGroup(deploymentLogs("PublicSiteFilesLogs"))
                .build();
        BucketDeployment.Builder.create(this, "PrivateContentFiles")
                .destinationBucket(privateBucket)
                .sources(List.of(Source.asset(site.privateDir().toString())))
                // CloudFront passes the whole path to S3: /private/app/index.html is key private/app/index.html
                .destinationKeyPrefix("private/")
                .logGroup(deploymentLogs("PrivateContentFilesLogs"))
                .build();

        CfnOutput.Builder.create(this, "SiteUrl").description("Open this in a browser").value(siteUrl).build();
        CfnOutput.Builder.create(this, "UserPoolId").value(pool.getUserPoolId()).build();
        CfnOutput.Builder.create(this, "HostedUiUrl").value(hostedUi).build();
        CfnOutput.Builder.create(this, "PublicKeyId").description("CloudFront key pair id (keyPairId in the secret)")
                .value(current.getPublicKeyId()).build();
        CfnOutput.Builder.create(this, "CreateUserCommand").description("Creates a first user; Cognito emails a temporary password")
                .value(Fn.join("", List.of("aws cognito-idp admin-create-user --user-pool-id ", pool.getUserPoolId(),
                        " --username YOUR_EMAIL --user-attributes Name=email,Value=YOUR_EMAIL Name=email_verified,Value=true")))
                .build();
        if (settings.stage() == Stage.SITE) {
            CfnOutput.Builder.create(this, "NextStep").description("What to do next")
                    .value(settings.keyCustody() == KeyCustody.SECRET
                            ? "Put the private key into the secret (aws secretsmanager put-secret-value), then deploy again with -c siteOrigin=" + siteUrl
                            : "Deploy again with -c siteOrigin=" + siteUrl)
                    .build();
            Annotations.of(this).addInfo("No login function yet: deploy again with -c siteOrigin=<SiteUrl output> "
                    + "once the signing key is in place.");
        }
    }

    private UserPoolClient webClient(UserPool pool, String siteUrl) {
        return pool.addClient("WebClient", UserPoolClientOptions.builder()
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .preventUserExistenceErrors(true)
                .supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().authorizationCodeGrant(true).implicitCodeGrant(false).build())
                        // openid alone: the login endpoint reads nothing but the ID token itself
                        .scopes(List.of(OAuthScope.OPENID))
                        .callbackUrls(List.of(siteUrl + CALLBACK_PATH))
                        .logoutUrls(List.of(siteUrl + SIGNED_OUT_PATH))
                        .build())
                .build());
    }

    private Construct secret() {
        Secret secret = Secret.Builder.create(this, "SigningKey")
                .description("CloudFront key pair of the edgepass login function: JSON {\"keyPairId\":\"K...\",\"privateKey\":\"-----BEGIN ...\"}. "
                        + "Put the value with aws secretsmanager put-secret-value after the first deploy.")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Only the login function's role may read the key, whatever IAM policies say elsewhere in
        // the account; writing it (put-secret-value) stays with the deployer.
        secret.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("OnlyTheLoginFunctionReadsTheKey")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of("*"))
                .conditions(Map.of("StringNotEquals", Map.of("aws:PrincipalArn", loginRoleArn())))
                .build());
        CfnOutput.Builder.create(this, "SigningKeySecretArn").description("Put the private key here (put-secret-value)")
                .value(secret.getSecretArn()).build();
        return secret;
    }

    private Construct kmsKey() {
        List<String> admin = List.of("kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey",
                "kms:EnableKey", "kms:GetKeyPolicy", "kms:GetPublicKey", "kms:ListAliases", "kms:ListResourceTags",
                "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:TagResource",
                "kms:UntagResource", "kms:UpdateKeyDescription");
        PolicyDocument policy = PolicyDocument.Builder.create().statements(List.of(
                // In a key policy "*" is the key itself. The account keeps administration (and reading
                // the public key); signing is delegated to IAM only for the login function's role.
                PolicyStatement.Builder.create().sid("AccountAdministersTheKey")
                        .principals(List.of(new AccountRootPrincipal())).actions(admin).resources(List.of("*")).build(),
                PolicyStatement.Builder.create().sid("IamMayGrantSigning")
                        .principals(List.of(new AccountRootPrincipal())).actions(List.of("kms:Sign"))
                        .resources(List.of("*"))
                        .conditions(Map.of("ArnEquals", Map.of("aws:PrincipalArn", loginRoleArn())))
                        .build()))
                .build();
        Key key = Key.Builder.create(this, "SigningKey")
                .description("CloudFront signing key of the edgepass login function (never leaves KMS)")
                .keySpec(KMS_KEY_SPEC)
                .keyUsage(KeyUsage.SIGN_VERIFY)
                .policy(policy)
                .pendingWindow(Duration.days(7))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        CfnOutput.Builder.create(this, "SigningKeyArn").description("KMS key whose public key CloudFront trusts")
                .value(key.getKeyArn()).build();
        return key;
    }

    private PublicKey publicKey(CloudFrontKey key, String role) {
        // The id follows the key, so a key keeps its CloudFront resource when it moves from
        // publicKeyFile to previousPublicKeyFile during a rotation.
        return PublicKey.Builder.create(this, "PublicKey" + key.fingerprint())
                .comment("edgepass signing key " + key.fingerprint() + " (" + role + ")")
                .encodedKey(key.pem())
                .build();
    }

    private Bucket contentBucket(String id, Bucket logs, String logPrefix) {
        return Bucket.Builder.create(this, id)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix(logPrefix)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private UserPool userPool() {
        return UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).username(true).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(12).requireLowercase(true).requireUppercase(true)
                        .requireDigits(true).requireSymbols(true).tempPasswordValidity(Duration.days(3)).build())
                .mfa(settings.requireMfa() ? Mfa.REQUIRED : Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private String domainPrefix() {
        // The stack id's last UUID group: unique per stack, and no account id in a public host name.
        return settings.authDomainPrefix().orElseGet(() -> Fn.join("-", List.of("edgepass",
                Fn.select(4, Fn.split("-", Fn.select(2, Fn.split("/", Aws.STACK_ID)))))));
    }

    private Alias loginFunction(UserPool pool, UserPoolClient client, String hostedUi, PublicKey current,
            Construct signingKey) {
        List<String> sdkEntries = !settings.usesSdk() ? List.of()
                : signingKey instanceof Secret ? LambdaJar.SECRETS_MANAGER_SDK : LambdaJar.KMS_SDK;
        Path jar = LambdaJar.check(settings.lambdaJar(), settings.architecture(), sdkEntries);
        LogGroup logGroup = LogGroup.Builder.create(this, "LoginFunctionLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create().sid("WriteOwnLogs")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EDGEPASS_USER_POOL_ID", pool.getUserPoolId());
        env.put("EDGEPASS_CLIENT_ID", client.getUserPoolClientId());
        env.put("EDGEPASS_HOSTED_UI", hostedUi);
        env.put("EDGEPASS_SITE_ORIGIN", settings.siteOrigin().orElseThrow().toString());
        env.put("EDGEPASS_LOGOUT_URI", settings.siteOrigin().orElseThrow() + SIGNED_OUT_PATH);
        env.put("EDGEPASS_COOKIE_LIFETIME", settings.cookieLifetime().toString());
        env.put("EDGEPASS_SCOPES", "openid");
        ParamsAndSecretsLayerVersion layer = null;
        if (signingKey instanceof Secret secret) {
            statements.add(PolicyStatement.Builder.create().sid("ReadSigningKey")
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(List.of(secret.getSecretArn()))
                    .build());
            env.put("EDGEPASS_KEY_SECRET_ID", secret.getSecretArn());
            env.put("EDGEPASS_KEY_REFRESH", settings.keyRefresh().toString());
            if (settings.secretReader() == DeploySettings.SecretReader.SDK) {
                // The SDK client takes AWS_REGION and the default credentials chain from Lambda,
                // which under SnapStart is the container credentials endpoint.
                env.put("EDGEPASS_KEY_SOURCE", "secrets-manager");
            } else {
                env.put("EDGEPASS_KEY_SOURCE", "secrets-extension");
                ParamsAndSecretsOptions options = ParamsAndSecretsOptions.builder()
                        .cacheEnabled(true)
                        .secretsManagerTtl(Duration.seconds((int) settings.keyRefresh().toSeconds()))
                        .logLevel(ParamsAndSecretsLogLevel.WARN)
                        .build();
                layer = settings.paramsSecretsLayerArn()
                        .map(arn -> ParamsAndSecretsLayerVersion.fromVersionArn(arn, options))
                        .orElseGet(() -> ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, options));
            }
        } else {
            Key key = (Key) signingKey;
            // Sign is pinned to what the KMS signer sends (a SHA-256 digest, PKCS#1 v1.5); the two
            // condition keys exist only for Sign and Verify, so GetPublicKey gets its own statement.
            statements.add(PolicyStatement.Builder.create().sid("SignDigestsWithKmsKey")
                    .actions(List.of("kms:Sign"))
                    .resources(List.of(key.getKeyArn()))
                    .conditions(Map.of("StringEquals", Map.of(
                            "kms:SigningAlgorithm", "RSASSA_PKCS1_V1_5_SHA_256",
                            "kms:MessageType", "DIGEST")))
                    .build());
            statements.add(PolicyStatement.Builder.create().sid("ReadKmsPublicKey")
                    .actions(List.of("kms:GetPublicKey"))
                    .resources(List.of(key.getKeyArn()))
                    .build());
            env.put("EDGEPASS_KEY_SOURCE", "kms");
            env.put("EDGEPASS_KMS_KEY_ID", key.getKeyArn());
            env.put("EDGEPASS_KMS_KEY_SPEC", KMS_KEY_SPEC.name());
            env.put("EDGEPASS_KEY_PAIR_ID", current.getPublicKeyId());
            env.put("EDGEPASS_HASH_ALGORITHM", "SHA256");
        }
        Role role = Role.Builder.create(this, "LoginFunctionRole")
                .roleName(loginRoleName)
                .description("edgepass login function: its own logs and its signing key, nothing else")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .inlinePolicies(Map.of("login", PolicyDocument.Builder.create().statements(statements).build()))
                .build();

        software.amazon.awscdk.services.lambda.Function.Builder fn = software.amazon.awscdk.services.lambda.Function.Builder
                .create(this, "LoginFunction")
                .description("edgepass login endpoint: Cognito code flow in, CloudFront signed cookies out")
                .runtime(Runtime.JAVA_21)
                .architecture(settings.architecture() == DeploySettings.Architecture.ARM64
                        ? software.amazon.awscdk.services.lambda.Architecture.ARM_64
                        : software.amazon.awscdk.services.lambda.Architecture.X86_64)
                .handler(HANDLER)
                .code(Code.fromAsset(jar.toString()))
                .memorySize(1024)
                .timeout(Duration.seconds(10))
                .role(role)
                .logGroup(logGroup)
                .environment(env);
        if (settings.snapStart()) {
            fn.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
            if (layer != null) {
                Annotations.of(this).addWarningV2("edgepass:snapStartWithSecretsExtension",
                        "snapStart=true with secretReader=extension: the Parameters and Secrets extension needs AWS_SESSION_TOKEN, "
                                + "which Lambda does not set for SnapStart functions; the version may fail to publish");
            }
        }
        if (layer != null) {
            fn.paramsAndSecrets(layer);
        }
        software.amazon.awscdk.services.lambda.Function function = fn.build();
        return Alias.Builder.create(this, "LoginFunctionAlias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    private void grantDistributionInvoke(Alias alias, Distribution distribution) {
        String distributionArn = Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder()
                .service("cloudfront").region("").resource("distribution")
                .resourceName(distribution.getDistributionId()).build());
        // Function URLs created since October 2025 need both actions in the resource policy
        // (Lambda developer guide, "Control access to Lambda function URLs"); the CDK's origin adds
        // only InvokeFunctionUrl, so both are granted here on the alias that the URL serves.
        CfnPermission.Builder.create(this, "CloudFrontInvokesUrl")
                .action("lambda:InvokeFunctionUrl")
                .functionName(alias.getFunctionArn())
                .principal("cloudfront.amazonaws.com")
                .sourceArn(distributionArn)
                .functionUrlAuthType("AWS_IAM")
                .build();
        CfnPermission.Builder.create(this, "CloudFrontInvokesViaUrl")
                .action("lambda:InvokeFunction")
                .functionName(alias.getFunctionArn())
                .principal("cloudfront.amazonaws.com")
                .sourceArn(distributionArn)
                .invokedViaFunctionUrl(true)
                .build();
    }

    private OriginRequestPolicy loginRequestPolicy() {
        // What the login handler reads: the query (code, state, redirect) and the login-state cookie.
        // No viewer header is needed, and the viewer's Host must not reach a function URL.
        return OriginRequestPolicy.Builder.create(this, "LoginRequestPolicy")
                .comment("edgepass login function: query string and cookies, no viewer headers")
                .queryStringBehavior(OriginRequestQueryStringBehavior.all())
                .cookieBehavior(OriginRequestCookieBehavior.all())
                .headerBehavior(OriginRequestHeaderBehavior.none())
                .build();
    }

    private LogGroup deploymentLogs(String id) {
        return LogGroup.Builder.create(this, id).retention(RetentionDays.ONE_WEEK)
                .removalPolicy(RemovalPolicy.DESTROY).build();
    }

    private String configJs(UserPool pool, UserPoolClient client, String siteUrl, String hostedUi) {
        return String.join("\n",
                "// Written by the edgepass CDK app at deploy time.",
                "var UserPoolId = \"" + pool.getUserPoolId() + "\";",
                "var ClientId = \"" + client.getUserPoolClientId() + "\";",
                "var AWSRegion = \"" + Aws.REGION + "\";",
                "var BaseUrl = \"" + siteUrl + "\";",
                "var HostedUiUrl = \"" + hostedUi + "\";",
                "// /private/login runs the authorization-code flow with PKCE.",
                "var LoginFlow = \"code\";",
                "");
    }

    private String loginRoleArn() {
        return "arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/" + loginRoleName;
    }
}
