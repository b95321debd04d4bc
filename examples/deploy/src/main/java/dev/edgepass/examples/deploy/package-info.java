/**
 * The AWS CDK app that deploys edgepass's whole system: {@link dev.edgepass.examples.deploy.DeployApp}
 * is the entry point that {@code cdk.json} runs, {@link dev.edgepass.examples.deploy.EdgepassStack}
 * the stack, {@link dev.edgepass.examples.deploy.DeploySettings} its context parameters.
 */
package dev.edgepass.examples.deploy;
