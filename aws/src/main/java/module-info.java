/**
 * edgepass aws (optional): CloudFront signing keys from AWS Secrets Manager and SSM Parameter Store
 * through the AWS SDK for Java v2, and a CloudFront signer whose key stays in AWS KMS.
 *
 * <p>Exports only {@code dev.edgepass.aws}; {@code dev.edgepass.aws.internal} is not part of the API.
 */
// The AWS SDK jars have no module descriptors; they are required under their Automatic-Module-Names,
// and the three service clients appear in this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.edgepass.aws {
    requires transitive dev.edgepass.cloudfront;
    requires transitive software.amazon.awssdk.services.kms;
    requires transitive software.amazon.awssdk.services.secretsmanager;
    requires transitive software.amazon.awssdk.services.ssm;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires org.slf4j;

    exports dev.edgepass.aws;
}
