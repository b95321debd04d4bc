/**
 * AWS Lambda adapters of the login example.
 *
 * <p>{@link dev.edgepass.examples.lambda.FunctionUrlLoginHandler} answers Lambda function URL and
 * API Gateway HTTP API (payload 2.0) events: deploy it as the CloudFront origin of
 * {@code /private/login}. {@link dev.edgepass.examples.lambda.CloudFrontLoginHandler} consumes
 * CloudFront viewer-request events and answers CloudFront generated responses, for code that
 * handles CloudFront-shaped events in Java (Lambda@Edge itself runs no Java runtime).
 */
package dev.edgepass.examples.lambda;
