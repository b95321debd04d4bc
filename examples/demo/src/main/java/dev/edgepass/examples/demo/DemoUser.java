package dev.edgepass.examples.demo;

import java.util.List;
import java.util.Objects;

/**
 * The one user of the demo's Cognito stand-in: what you type into its hosted-UI login form.
 *
 * <p>The password is generated at start-up and printed by {@link Main}; {@link #toString()} leaves
 * it out. Immutable and thread-safe.
 *
 * @param username the Cognito user name ({@code cognito:username} / {@code username} claims)
 * @param password the generated password
 * @param email    the user's e-mail address ({@code email} claim)
 * @param groups   the user's groups ({@code cognito:groups} claim)
 */
public record DemoUser(String username, String password, String email, List<String> groups) {

    /** Checks and copies the fields. */
    public DemoUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(email, "email");
        groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
        return "DemoUser[username=" + username + ", email=" + email + ", groups=" + groups + "]";
    }
}
