/** Fixtures of the deploy tests: keys, context and the synthesis of the app. */
package dev.edgepass.examples.deploy.testing;
