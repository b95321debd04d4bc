package dev.edgepass.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.examples.deploy.testing.Synth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/configuration.md) against the code: every {@code EDGEPASS_}
 * variable named in a string literal of the main sources is in the table, and every variable in
 * the table is named in the main sources (read by the login function's code, or set by this CDK
 * app for it).
 */
class ConfigurationReferenceTest {

    private static final Pattern LITERAL = Pattern.compile("\"(EDGEPASS_[A-Z][A-Z0-9_]*)\"");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(EDGEPASS_[A-Z][A-Z0-9_]*)` \\|", Pattern.MULTILINE);

    private static Set<String> documented() throws IOException {
        String doc = Files.readString(Synth.repositoryRoot().resolve("docs/configuration.md"), StandardCharsets.UTF_8);
        Set<String> names = new TreeSet<>();
        Matcher m = TABLE_ROW.matcher(doc);
        while (m.find()) {
            assertTrue(names.add(m.group(1)), "documented twice: " + m.group(1));
        }
        return names;
    }

    /** Names in string literals of src/main/java, in the deploy module or everywhere else. */
    private static Set<String> inCode(boolean deployModule) throws IOException {
        Path root = Synth.repositoryRoot();
        Path deploy = root.resolve("examples/deploy");
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/") && !root.relativize(p).startsWith("."))
                    .filter(p -> p.startsWith(deploy) == deployModule)
                    .flatMap(p -> {
                        Matcher m = LITERAL.matcher(read(p));
                        Set<String> found = new TreeSet<>();
                        while (m.find()) {
                            found.add(m.group(1));
                        }
                        return found.stream();
                    })
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyVariableTheCodeReads_isDocumented() throws IOException {
        Set<String> read = inCode(false);
        assertFalse(read.isEmpty());
        read.removeAll(documented());
        assertEquals(Set.of(), read, "read by the code but missing from docs/configuration.md");
    }

    @Test
    void everyVariableTheCdkAppSets_isDocumented() throws IOException {
        Set<String> set = inCode(true);
        assertTrue(set.contains("EDGEPASS_KEY_SOURCE"), set.toString());
        set.removeAll(documented());
        assertEquals(Set.of(), set, "set by the CDK app but missing from docs/configuration.md");
    }

    @Test
    void everyDocumentedVariable_isNamedInTheCode() throws IOException {
        Set<String> doc = documented();
        Set<String> named = inCode(false);
        named.addAll(inCode(true));
        doc.removeAll(named);
        assertEquals(Set.of(), doc, "in docs/configuration.md but neither read nor set by any code");
    }

    @Test
    void loginConfig_readsEveryVariableItsJavadocLists() throws IOException {
        // A sanity check of the scan itself: LoginConfig.fromEnvironment names these directly.
        Set<String> read = inCode(false);
        assertTrue(read.containsAll(Set.of("EDGEPASS_CLIENT_ID", "EDGEPASS_SITE_ORIGIN", "EDGEPASS_HOSTED_UI",
                "EDGEPASS_STATE_KEY", "EDGEPASS_LOGOUT_PATH")), read.toString());
    }
}
