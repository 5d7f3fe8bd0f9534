package dev.zerocopy.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Turns file arguments into paths with a one-line failure instead of a raw exception. */
final class Arguments {

    private Arguments() {
    }

    /**
     * Returns the path an argument names.
     *
     * @param argument the argument
     * @return the path
     * @throws CliFailure if the file system cannot represent the name (for example a non-ASCII name
     *                    while the JVM's file name encoding is ASCII)
     */
    static Path path(String argument) throws CliFailure {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            throw new CliFailure(argument + ": the name cannot be encoded as a file name in this locale ("
                    + System.getProperty("sun.jnu.encoding", "?") + "); run with a UTF-8 locale, such as LC_ALL=C.UTF-8");
        }
    }
}
