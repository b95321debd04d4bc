package dev.edgepass.examples.lambda;

import dev.edgepass.examples.login.LoginConfig;
import dev.edgepass.examples.login.LoginHandler;
import java.util.Map;

/** Builds the login handler of the no-argument Lambda constructors from the environment. */
final class Handlers {

    private Handlers() {}

    static LoginHandler fromEnvironment(Map<String, String> env) {
        return LoginHandler.create(LoginConfig.fromEnvironment(env));
    }
}
