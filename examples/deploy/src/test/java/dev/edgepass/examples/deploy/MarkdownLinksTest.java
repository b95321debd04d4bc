package dev.edgepass.examples.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.examples.deploy.testing.MarkdownLinks;
import dev.edgepass.examples.deploy.testing.Synth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every relative link and anchor in the repository's Markdown files resolves. */
class MarkdownLinksTest {

    @Test
    void repository_hasNoDeadRelativeLinkOrAnchor() {
        assertEquals(List.of(), MarkdownLinks.problems(Synth.repositoryRoot()));
    }

    @Test
    void problems_reportsAMissingFileAndAMissingAnchor(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/b.md"), "# Title\n\n## Key custody and rotation\n");
        Files.writeString(dir.resolve("a.md"), String.join("\n",
                "[ok](docs/b.md#key-custody-and-rotation) [ok too](#top) [web](https://example.com/x.md)",
                "<a name=\"top\"></a>",
                "[dead file](docs/c.md) [dead anchor](docs/b.md#rotation) `[in code](nowhere.md)`",
                "```", "[fenced](nowhere.md)", "```"));
        assertEquals(List.of("a.md: docs/c.md (no such file)", "a.md: docs/b.md#rotation (no such anchor)"),
                MarkdownLinks.problems(dir));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5. Checking a 403 | 5-checking-a-403",
            "Getting started: the local demo | getting-started-the-local-demo",
            "`examples/lambda` (the handlers) | exampleslambda-the-handlers",
            "Keys in AWS (`core` and the optional `aws` module) | keys-in-aws-core-and-the-optional-aws-module",
            "Scale on paper: 1,000 warm login functions | scale-on-paper-1000-warm-login-functions"})
    void slug_followsGitHub(String heading, String slug) {
        assertEquals(slug, MarkdownLinks.slug(heading));
    }

    @Test
    void anchorsOf_numbersRepeatedHeadings() {
        assertEquals(Set.of("notes", "notes-1"), MarkdownLinks.anchorsOf("## Notes\ntext\n## Notes\n"));
    }
}
