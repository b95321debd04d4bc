package dev.edgepass.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints {@code edgepass <version> (Java <version>)} for {@code --version}. */
public final class VersionProvider implements IVersionProvider {

    /** Returns the version of this build, or {@code unknown} when the resource is missing. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/edgepass/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"edgepass " + version() + " (Java " + System.getProperty("java.version") + ")"};
    }
}
