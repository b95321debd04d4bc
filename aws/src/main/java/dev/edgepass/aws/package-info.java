/**
 * CloudFront signing keys that live in AWS, on the AWS SDK for Java v2:
 * {@link dev.edgepass.aws.SecretsManagerKeySource} and {@link dev.edgepass.aws.ParameterStoreKeySource}
 * read a key pair id and private key from Secrets Manager or SSM Parameter Store, and
 * {@link dev.edgepass.aws.KmsSigner} signs CloudFront policies with a key that never leaves AWS KMS.
 * Wrap a key source in {@code dev.edgepass.core.RefreshingKeySource} for rotation.
 */
package dev.edgepass.aws;
