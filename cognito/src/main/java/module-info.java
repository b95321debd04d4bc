/**
 * edgepass cognito: verifies Amazon Cognito ID and access tokens.
 *
 * <p>Exports only {@code dev.edgepass.cognito}; {@code dev.edgepass.cognito.internal} is not part
 * of the API.
 */
module dev.edgepass.cognito {
    requires dev.edgepass.core;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.edgepass.cognito;
}
