package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a Chromium or Google Chrome and a chromedriver to drive it, where the usual installs put
 * them: the {@code PATH} first, then Debian and Ubuntu ({@code /usr/bin}, {@code /usr/lib/chromium},
 * the snap), Fedora, Google's packages, Homebrew and the macOS application folders. Nothing is
 * downloaded.
 *
 * <p>{@code -Dedgepass.chrome=...} and {@code -Dedgepass.chromedriver=...} (or Selenium's own
 * {@code -Dwebdriver.chrome.driver=...}) name them outright. Where none is found the browser test
 * is skipped with one line that says how to install them, unless
 * {@code -Dedgepass.requireBrowser=true} (set by CI) turns the skip into a failure.
 */
final class ChromeInstall {

    /** The system property that turns a missing browser from a skip into a failure. */
    static final String REQUIRE_BROWSER = "edgepass.requireBrowser";

    static final String HOW_TO_INSTALL = "install Chromium (or Chrome) and chromedriver, e.g. "
            + "'apt-get install chromium chromium-driver' (Debian), 'snap install chromium' (Ubuntu), "
            + "'dnf install chromium chromedriver' (Fedora), 'brew install --cask chromium chromedriver' (macOS), "
            + "or name them with -Dedgepass.chrome=... -Dedgepass.chromedriver=...";

    private static final List<String> BROWSER_NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    private static final List<String> DRIVER_NAMES = List.of("chromedriver", "chromium.chromedriver");

    /**
     * A browser and the driver for it.
     *
     * @param browser the Chromium or Chrome executable
     * @param driver  the chromedriver executable
     */
    record Found(Path browser, Path driver) {}

    private ChromeInstall() {}

    /**
     * Looks for the browser and driver of this machine. When none is found and none is required,
     * prints the one line that says how to install them; when one is required, fails.
     */
    static Lookup lookup() {
        Path home = Path.of(System.getProperty("user.home", "/nonexistent"));
        Lookup lookup = find(System.getenv().getOrDefault("PATH", ""), System.getProperty("edgepass.chrome"),
                System.getProperty("edgepass.chromedriver", System.getProperty("webdriver.chrome.driver")),
                browserPlaces(home), driverPlaces(home));
        if (lookup.found().isEmpty()) {
            if (Boolean.getBoolean(REQUIRE_BROWSER)) {
                skipOrFail(lookup.problem(), true);
            }
            System.err.println(lookup.problem());
        }
        return lookup;
    }

    /** Returns what {@code lookup} found, or skips (or, when required, fails) the calling test. */
    static Found foundOrSkip(Lookup lookup) {
        if (lookup.found().isPresent()) {
            return lookup.found().get();
        }
        skipOrFail(lookup.problem(), Boolean.getBoolean(REQUIRE_BROWSER));
        throw new AssertionError("unreachable");
    }

    /**
     * The outcome of a search: what was found, or why nothing was.
     *
     * @param found   the browser and driver, when both were found
     * @param problem one line on what is missing and how to install it, when not
     */
    record Lookup(Optional<Found> found, String problem) {}

    /**
     * Searches {@code path} (a {@code PATH} value), then the given places; an explicit browser or
     * driver path wins over both and must be an executable.
     */
    static Lookup find(String path, String explicitBrowser, String explicitDriver, List<Path> browserPlaces,
            List<Path> driverPlaces) {
        Optional<Path> browser = explicit(explicitBrowser, "edgepass.chrome")
                .or(() -> onPath(path, BROWSER_NAMES)).or(() -> firstExecutable(browserPlaces));
        Optional<Path> driver = explicit(explicitDriver, "edgepass.chromedriver")
                .or(() -> onPath(path, DRIVER_NAMES)).or(() -> firstExecutable(driverPlaces));
        if (browser.isPresent() && driver.isPresent()) {
            return new Lookup(Optional.of(new Found(browser.get(), driver.get())), "");
        }
        String missing = browser.isEmpty() && driver.isEmpty() ? "no Chromium or Chrome and no chromedriver"
                : browser.isEmpty() ? "no Chromium or Chrome (chromedriver is " + driver.get() + ")"
                : "no chromedriver (the browser is " + browser.get() + ")";
        return new Lookup(Optional.empty(), "DemoBrowserIT skipped: " + missing
                + " found on the PATH or in the usual places; " + HOW_TO_INSTALL);
    }

    /** Aborts the test with {@code problem} as its reason, or fails it when a browser is required. */
    static void skipOrFail(String problem, boolean required) {
        if (required) {
            fail(problem.replace("DemoBrowserIT skipped: ", "DemoBrowserIT needs a browser (-D" + REQUIRE_BROWSER
                    + "=true): "));
        }
        assumeTrue(false, problem);
    }

    static List<Path> browserPlaces(Path home) {
        List<Path> places = new ArrayList<>(List.of(
                Path.of("/usr/bin/chromium"),
                Path.of("/usr/bin/chromium-browser"),
                Path.of("/usr/bin/google-chrome"),
                Path.of("/usr/bin/google-chrome-stable"),
                Path.of("/snap/bin/chromium"),
                Path.of("/opt/google/chrome/chrome"),
                Path.of("/usr/local/bin/chromium"),
                Path.of("/opt/homebrew/bin/chromium"),
                Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"),
                Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")));
        places.add(home.resolve("Applications/Chromium.app/Contents/MacOS/Chromium"));
        places.add(home.resolve("Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
        return places;
    }

    static List<Path> driverPlaces(Path home) {
        return List.of(
                Path.of("/usr/bin/chromedriver"),
                Path.of("/usr/lib/chromium/chromedriver"),
                Path.of("/usr/lib/chromium-browser/chromedriver"),
                Path.of("/snap/bin/chromium.chromedriver"),
                Path.of("/usr/local/bin/chromedriver"),
                Path.of("/opt/homebrew/bin/chromedriver"),
                home.resolve("bin/chromedriver"));
    }

    private static Optional<Path> explicit(String value, String property) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(value);
        if (!isExecutable(file)) {
            fail("-D" + property + "=" + value + " is not an executable file");
        }
        return Optional.of(file);
    }

    private static Optional<Path> onPath(String path, List<String> names) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(dir, windows ? name + ".exe" : name);
                if (isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> firstExecutable(List<Path> places) {
        return places.stream().filter(ChromeInstall::isExecutable).findFirst();
    }

    private static boolean isExecutable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
