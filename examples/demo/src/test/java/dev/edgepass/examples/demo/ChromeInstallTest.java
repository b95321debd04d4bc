package dev.edgepass.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** How the browser test finds Chromium or Chrome and chromedriver, on made-up machines under a temporary folder. */
class ChromeInstallTest {

    @TempDir
    Path root;

    @Test
    void find_prefersThePath_overTheUsualPlaces() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path chrome = executable(bin.resolve("google-chrome"));
        Path driver = executable(bin.resolve("chromedriver"));
        Path debianChromium = executable(root.resolve("usr/bin/chromium"));

        ChromeInstall.Lookup lookup = ChromeInstall.find(root.resolve("nothing") + File.pathSeparator + bin, null, null,
                List.of(debianChromium), List.of());

        assertEquals(new ChromeInstall.Found(chrome, driver), lookup.found().orElseThrow());
    }

    @Test
    void find_usesTheUsualPlaces_whenThePathHasNone() throws IOException {
        Path snapChromium = executable(root.resolve("snap/bin/chromium"));
        Path snapDriver = executable(root.resolve("snap/bin/chromium.chromedriver"));

        ChromeInstall.Lookup lookup = ChromeInstall.find("", null, null,
                List.of(root.resolve("usr/bin/chromium"), snapChromium), List.of(root.resolve("usr/bin/chromedriver"), snapDriver));

        assertEquals(new ChromeInstall.Found(snapChromium, snapDriver), lookup.found().orElseThrow());
    }

    @Test
    void find_findsTheSnapDriverByItsNameOnThePath() throws IOException {
        Path snap = Files.createDirectories(root.resolve("snap/bin"));
        Path chromium = executable(snap.resolve("chromium"));
        Path driver = executable(snap.resolve("chromium.chromedriver"));

        assertEquals(new ChromeInstall.Found(chromium, driver), ChromeInstall.find(snap.toString(), null, null, List.of(),
                List.of()).found().orElseThrow());
    }

    @Test
    void find_skipsFilesThatAreNotExecutable() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.createFile(bin.resolve("chromium"));
        executable(bin.resolve("chromedriver"));

        ChromeInstall.Lookup lookup = ChromeInstall.find(bin.toString(), null, null, List.of(), List.of());

        assertFalse(lookup.found().isPresent());
        assertTrue(lookup.problem().contains("no Chromium or Chrome (chromedriver is "), lookup.problem());
    }

    @Test
    void find_nothingInstalled_saysWhatIsMissingAndHowToInstallItOnOneLine() {
        ChromeInstall.Lookup lookup = ChromeInstall.find(root.toString(), null, null, ChromeInstall.browserPlaces(root.resolve("home")).stream()
                .map(p -> root.resolve(p.toString().substring(1))).toList(), List.of());

        assertFalse(lookup.found().isPresent());
        assertTrue(lookup.problem().startsWith("DemoBrowserIT skipped: no Chromium or Chrome and no chromedriver found"),
                lookup.problem());
        assertTrue(lookup.problem().contains("apt-get install chromium chromium-driver"), lookup.problem());
        assertFalse(lookup.problem().contains("\n"), "one line");
    }

    @Test
    void find_explicitPaths_winOverEverything() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        executable(bin.resolve("chromium"));
        executable(bin.resolve("chromedriver"));
        Path mine = executable(root.resolve("mine/chrome"));
        Path myDriver = executable(root.resolve("mine/driver"));

        assertEquals(new ChromeInstall.Found(mine, myDriver),
                ChromeInstall.find(bin.toString(), mine.toString(), myDriver.toString(), List.of(), List.of()).found().orElseThrow());
    }

    @Test
    void find_explicitPathThatIsNoExecutable_fails() {
        assertThrows(AssertionFailedError.class, () -> ChromeInstall.find("", root.resolve("none").toString(), null,
                List.of(), List.of()));
    }

    @Test
    void skipOrFail_skipsByDefault_andFailsWhenABrowserIsRequired() {
        String problem = "DemoBrowserIT skipped: no chromedriver found; install it";

        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> ChromeInstall.skipOrFail(problem, false));
        assertTrue(skipped.getMessage().contains(problem), skipped.getMessage());

        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> ChromeInstall.skipOrFail(problem, true));
        assertTrue(failed.getMessage().startsWith("DemoBrowserIT needs a browser (-Dedgepass.requireBrowser=true): "
                + "no chromedriver found"), failed.getMessage());
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        assertTrue(file.toFile().setExecutable(true), "chmod +x " + file);
        return file;
    }
}
