package dev.zerocopy.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The target of {@code copy}: a file created or truncated for writing, or standard output for {@code -}.
 *
 * @param name    the name to print
 * @param channel the open channel
 * @param regular whether it is a regular file (whose size can be checked after the copy)
 */
record OutputFile(String name, FileChannel channel, boolean regular) implements AutoCloseable {

    /**
     * Opens standard output.
     *
     * @return the target
     */
    static OutputFile standardOutput() {
        return new OutputFile("standard output", new FileOutputStream(FileDescriptor.out).getChannel(), false);
    }

    /**
     * Creates or truncates a file. A new file gets the given permission bits (less the umask, as
     * {@code open(2)} applies it), which is what {@code cp} does for a new file.
     *
     * @param file        the file
     * @param name        the name to print
     * @param permissions the permission bits of a new file, or {@code null} for the default
     * @return the target
     * @throws CliFailure if it cannot be created or written
     */
    static OutputFile create(Path file, String name, Set<PosixFilePermission> permissions) throws CliFailure {
        try {
            if (permissions != null && !Files.exists(file)) {
                FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(permissions);
                try {
                    return new OutputFile(name, FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE), mode), true);
                } catch (FileAlreadyExistsException raced) {
                    // created meanwhile: truncate it like any existing file
                }
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new OutputFile(name, channel, Files.isRegularFile(file));
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliFailure("cannot write " + name, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
