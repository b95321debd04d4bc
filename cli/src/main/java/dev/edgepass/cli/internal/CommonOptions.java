package dev.edgepass.cli.internal;

import picocli.CommandLine.Option;

/** The options every command has besides {@code --help} and {@code --version}. */
public final class CommonOptions {

    @Option(names = "--json", description = "Print the result as one JSON object (errors too, on stderr).")
    boolean json;

    @Option(names = "--debug", description = "On an error, print the stack trace; also print the library's DEBUG log.")
    boolean debug;

    /** Returns true when the result is printed as JSON. */
    public boolean json() {
        return json;
    }
}
