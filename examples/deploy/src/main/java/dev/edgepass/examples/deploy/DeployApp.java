package dev.edgepass.examples.deploy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk deploy} in {@code examples/deploy} runs this (see {@code cdk.json}).
 *
 * <p>It builds one {@link EdgepassStack} named {@code Edgepass} from the context parameters of
 * {@link DeploySettings}, with cdk-nag's AwsSolutions rules applied, so {@code cdk synth} and
 * {@code cdk deploy} stop on a finding that is neither fixed nor suppressed with a reason.
 * The stack is environment-agnostic: {@code cdk deploy} takes the account and region from the
 * AWS CLI profile.
 */
public final class DeployApp {

    /** The stack's id and CloudFormation name. */
    public static final String STACK_NAME = "Edgepass";

    private DeployApp() {}

    /**
     * Synthesizes the app into {@code cdk.out}.
     *
     * @param args ignored; settings come from the CDK context
     */
    public static void main(String[] args) {
        App app = new App();
        build(app, buildProperties());
        app.synth();
    }

    /**
     * Adds the stack and the AwsSolutions checks to an app.
     *
     * @param app   the app, whose context holds the settings
     * @param build the build's paths ({@code lambdaJar}, {@code lambdaSdkJar}, {@code repositoryRoot})
     * @return the stack
     * @throws IllegalArgumentException if a context parameter is malformed
     */
    static EdgepassStack build(App app, Properties build) {
        Path root = Path.of(build.getProperty("repositoryRoot"));
        DeploySettings settings = DeploySettings.fromContext(app.getNode()::tryGetContext,
                Path.of(build.getProperty("lambdaJar")), Path.of(build.getProperty("lambdaSdkJar")));
        EdgepassStack stack = new EdgepassStack(app, STACK_NAME, StackProps.builder()
                .description("edgepass: Cognito login and CloudFront signed cookies for a private S3 site")
                .build(), settings, SiteFiles.inRepository(root));
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        NagRules.suppress(stack, settings);
        return stack;
    }

    static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = DeployApp.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the class path; build the module with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
