package dev.edgepass.examples.deploy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds dead relative links in Markdown files: a link to a file or directory that does not
 * exist, or to an anchor that no heading (or {@code <a name>}) of the target file produces.
 * Anchors are computed the way GitHub renders them. Links to other schemes ({@code https:},
 * {@code mailto:}) and text inside code are not checked.
 */
public final class MarkdownLinks {

    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern NAMED_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Set<String> SKIPPED_DIRS = Set.of("target", "node_modules", "cdk.out");

    private MarkdownLinks() {}

    /**
     * Returns one line per dead link under {@code root}, such as {@code docs/a.md: b.md#x (no such anchor)}.
     *
     * @param root the repository root
     * @return the problems, empty when every link resolves
     */
    public static List<String> problems(Path root) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : markdownFiles(root)) {
            for (String link : links(read(file))) {
                String target = link;
                String anchor = null;
                int hash = link.indexOf('#');
                if (hash >= 0) {
                    target = link.substring(0, hash);
                    anchor = link.substring(hash + 1);
                }
                Path resolved = target.isEmpty() ? file : file.getParent().resolve(target).normalize();
                String where = root.relativize(file) + ": " + link;
                if (!Files.exists(resolved)) {
                    problems.add(where + " (no such file)");
                    continue;
                }
                if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
                    Set<String> known = anchors.computeIfAbsent(resolved, p -> anchorsOf(read(p)));
                    if (!known.contains(anchor)) {
                        problems.add(where + " (no such anchor)");
                    }
                }
            }
        }
        return problems;
    }

    /** Returns the links of a Markdown text, leaving out fenced code blocks, inline code and other schemes. */
    public static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                String target = m.group(1);
                if (!SCHEME.matcher(target).find()) {
                    out.add(target);
                }
            }
        }
        return out;
    }

    /** Returns the anchors of a Markdown text: GitHub's heading ids and explicit {@code <a name>} ones. */
    public static Set<String> anchorsOf(String markdown) {
        Set<String> out = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher named = NAMED_ANCHOR.matcher(line);
            while (named.find()) {
                out.add(named.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                out.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return out;
    }

    /** Returns the id GitHub gives a heading with this text. */
    public static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        StringBuilder b = new StringBuilder();
        for (int cp : text.toLowerCase(Locale.ROOT).codePoints().toArray()) {
            if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_') {
                b.appendCodePoint(cp);
            } else if (cp == ' ') {
                b.append('-');
            }
        }
        return b.toString();
    }

    private static List<Path> markdownFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String name = part.toString();
                            if (name.startsWith(".") || SKIPPED_DIRS.contains(name)) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
