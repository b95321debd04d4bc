package dev.edgepass.examples.login.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectTargetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/private/app/index.html", "/private/app/a.html?x=1&y=%20z", "/private/app/#top",
            "/a/b/../c"})
    void problem_sameSitePath_accepted(String target) {
        assertTrue(RedirectTargets.problem(target).isEmpty(), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "https://evil.example", "/\\evil", "\\\\evil", "/%5Cevil",
            "/%2Fevil.example", "%2F%2Fevil.example", "javascript:alert(1)", "evil.example", "/\t/evil", "/\n/evil",
            " /x", "http:/evil", "/caf\u00e9", "", "/%zz"})
    void problem_openRedirectOrJunk_refused(String target) {
        assertTrue(RedirectTargets.problem(target).isPresent(), target);
    }
}
