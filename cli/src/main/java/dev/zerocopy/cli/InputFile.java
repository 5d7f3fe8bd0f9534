package dev.zerocopy.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The source of {@code copy} and {@code send}: a file opened for reading, or standard input for
 * {@code -}. Knows whether it is a regular file (read by position) or a stream, which covers FIFOs,
 * character devices and standard input: those are read until end of file, like {@code cat} reads them.
 *
 * @param name    the name to print, the argument as given ({@code -} for standard input)
 * @param path    the file, or {@code null} for standard input
 * @param channel the open channel
 * @param regular whether the source is a regular file (procfs and sysfs files are, whatever size
 *                they report)
 */
record InputFile(String name, Path path, FileChannel channel, boolean regular) implements AutoCloseable {

    /** The argument that names standard input or output. */
    static final String STANDARD_STREAM = "-";

    /**
     * Opens a source.
     *
     * @param argument the file name, or {@code -} for standard input
     * @return the open source
     * @throws CliFailure if it is missing, a directory or unreadable
     */
    static InputFile open(String argument) throws CliFailure {
        if (STANDARD_STREAM.equals(argument)) {
            return new InputFile("standard input", null, new FileInputStream(FileDescriptor.in).getChannel(), false);
        }
        Path file = Arguments.path(argument);
        if (Files.isDirectory(file)) {
            throw new CliFailure(argument + ": Is a directory");
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new InputFile(argument, file, channel, Files.isRegularFile(file));
        } catch (IOException e) {
            throw new CliFailure("cannot read " + argument, e);
        }
    }

    /**
     * Returns the size a regular file reports, for the progress bar; procfs files report 0 and sysfs
     * files 4096 whatever they hold, so it is never a limit.
     *
     * @return the size, or {@code -1} if unknown (a stream, or a file that reports 0)
     */
    long expectedSize() {
        if (!regular) {
            return -1;
        }
        try {
            long size = channel.size();
            return size > 0 ? size : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
