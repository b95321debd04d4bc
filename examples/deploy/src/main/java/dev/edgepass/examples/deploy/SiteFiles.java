package dev.edgepass.examples.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the site's files are: the public page and its script from the local demo (the same page
 * runs against the stand-ins and on AWS; only {@code config.js} differs, and the stack writes that
 * one), and this module's own error page and private page.
 *
 * @param publicDir     the public site (its {@code config.js} is replaced)
 * @param errorPagesDir files added to the public site, such as {@code errors/403.html}
 * @param privateDir    the private content, served under {@code /private/app/}
 */
public record SiteFiles(Path publicDir, Path errorPagesDir, Path privateDir) {

    /**
     * Checks that the directories exist.
     *
     * @throws IllegalArgumentException if one is not a directory
     */
    public SiteFiles {
        for (Path dir : new Path[] {
                Objects.requireNonNull(publicDir, "publicDir"),
                Objects.requireNonNull(errorPagesDir, "errorPagesDir"),
                Objects.requireNonNull(privateDir, "privateDir")}) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("site directory missing: " + dir.toAbsolutePath());
            }
        }
    }

    /**
     * Returns the files of a checkout of this repository.
     *
     * @param root the repository's root directory
     * @return the site files
     */
    public static SiteFiles inRepository(Path root) {
        Objects.requireNonNull(root, "root");
        Path deploy = root.resolve("examples/deploy/site");
        return new SiteFiles(
                root.resolve("examples/demo/src/main/resources/dev/edgepass/examples/demo/public"),
                deploy.resolve("public"),
                deploy.resolve("private"));
    }
}
