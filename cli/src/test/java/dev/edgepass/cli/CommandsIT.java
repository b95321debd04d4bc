package dev.edgepass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgepass.cli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code --version} on every command, the completion script, and the launcher. */
class CommandsIT {

    static final List<String> COMMANDS = List.of("keygen", "sign-cookies", "sign-url", "inspect", "verify-cookies",
            "verify-url", "verify-token", "completion");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "sign-cookies", "sign-url", "inspect", "verify-cookies", "verify-url", "verify-token",
            "completion"})
    void help_everyCommand_printsUsageAndExits0(String command) {
        Cli.Result r = Cli.run(dir, command, "--help");

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("Usage: edgepass " + command + " "), r::toString);
        assertTrue(r.out().contains("--version"), r::toString);
        assertTrue(r.out().contains("Exit codes:"), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keygen", "sign-cookies", "sign-url", "inspect", "verify-cookies", "verify-url", "verify-token",
            "completion"})
    void version_everyCommand_printsTheVersion(String command) {
        Cli.Result r = Cli.run(dir, command, "--version");

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().matches("edgepass \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java [^)]+\\)\\n"), r::toString);
    }

    @Test
    void help_topLevel_listsEveryCommandAndTheExitCodes() {
        Cli.Result r = Cli.run(dir, "--help");

        assertEquals(0, r.exit());
        for (String c : COMMANDS) {
            assertTrue(r.out().contains("\n  " + c + " "), c);
        }
        assertTrue(r.out().contains("  2  usage error"), r::toString);
    }

    @Test
    void completion_isABashScriptThatCompletesCommandsAndOptions() throws Exception {
        Cli.Result script = Cli.run(dir, "completion");
        assertEquals(0, script.exit(), script::toString);
        Files.writeString(dir.resolve("edgepass_completion"), script.out());

        assertEquals(0, Cli.exec(dir, null, Map.of(), List.of("bash", "-n", "edgepass_completion")).exit(), "valid bash");
        Cli.Result commands = Cli.exec(dir, null, Map.of(), List.of("bash", "-c", "source ./edgepass_completion;"
                + " COMP_WORDS=(edgepass verify-); COMP_CWORD=1; COMP_LINE='edgepass verify-'; COMP_POINT=16;"
                + " _complete_edgepass; printf '%s\\n' \"${COMPREPLY[@]}\" | sort"));
        assertEquals("verify-cookies\nverify-token\nverify-url\n", commands.out(), commands::toString);
        Cli.Result options = Cli.exec(dir, null, Map.of(), List.of("bash", "-c", "source ./edgepass_completion;"
                + " COMP_WORDS=(edgepass keygen --algorithm ''); COMP_CWORD=3; COMP_LINE='edgepass keygen --algorithm ';"
                + " COMP_POINT=28; _complete_edgepass; printf '%s\\n' \"${COMPREPLY[@]}\" | sort"));
        assertEquals("ec-p256\nrsa-2048\nrsa-3072\nrsa-4096\n", options.out(), options::toString);
    }

    @Test
    void launcher_runsTheJar() {
        Cli.Result r = Cli.exec(dir, null, Map.of("EDGEPASS_JAR", Cli.jar().toString()),
                List.of("sh", System.getProperty("edgepass.launcher"), "inspect", "--help"));

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("Usage: edgepass inspect"), r::toString);
    }

    @Test
    void launcher_withoutAJar_saysHowToBuildIt() {
        Cli.Result r = Cli.exec(dir, null, Map.of("EDGEPASS_JAR", dir.resolve("none.jar").toString()),
                List.of("sh", System.getProperty("edgepass.launcher"), "--version"));

        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("edgepass: cannot find the edgepass jar"), r::toString);
    }
}
