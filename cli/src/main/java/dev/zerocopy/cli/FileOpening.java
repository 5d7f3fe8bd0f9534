package dev.zerocopy.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the files of the file tools, failing with one line that names the file and the cause. */
final class FileOpening {

    private FileOpening() {
    }

    /**
     * Opens a regular file for reading.
     *
     * @param file the file
     * @return the channel
     * @throws CliFailure if it is missing, a directory or unreadable
     */
    static FileChannel forReading(Path file) throws CliFailure {
        if (Files.isDirectory(file)) {
            throw new CliFailure(file + ": Is a directory");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file, e);
        }
    }

    /**
     * Creates or truncates a file for writing.
     *
     * @param file the file
     * @return the channel
     * @throws CliFailure if it cannot be created or written
     */
    static FileChannel forWriting(Path file) throws CliFailure {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file, e);
        }
    }

    /**
     * Returns a file's size.
     *
     * @param file    the file's path, for the message
     * @param channel the open file
     * @return the size
     * @throws CliFailure if it cannot be read
     */
    static long size(Path file, FileChannel channel) throws CliFailure {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new CliFailure("cannot read the size of " + file, e);
        }
    }
}
