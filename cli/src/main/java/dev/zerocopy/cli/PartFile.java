package dev.zerocopy.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a temporary name beside its final name ({@code .NAME.HEX.part}) and renamed over
 * it only by {@link #commit()}: until then the final file is untouched, and {@link #close()} without a
 * commit removes the partial data. The rename is atomic on one file system, so readers see the old
 * file or the complete new one.
 */
final class PartFile implements AutoCloseable {

    private final Path file;
    private final Path part;
    private final FileChannel channel;
    private boolean committed;

    private PartFile(Path file, Path part, FileChannel channel) {
        this.file = file;
        this.part = part;
        this.channel = channel;
    }

    /**
     * Creates the temporary file beside {@code file}, with the permission bits of {@code file} if it
     * exists, else those of a new file ({@code rw-rw-rw-} less the umask).
     *
     * @param file the final file
     * @param name the file's name as the user wrote it, for messages
     * @return the open part file
     * @throws CliFailure if the directory cannot hold it
     */
    static PartFile create(Path file, String name) throws CliFailure {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-rw-rw-");
        try {
            if (Files.exists(absolute)) {
                mode = Files.getPosixFilePermissions(absolute);
            }
        } catch (IOException | UnsupportedOperationException e) {
            mode = null;
        }
        while (true) {
            Path part = directory.resolve("." + absolute.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".part");
            try {
                FileChannel channel = mode == null
                        ? FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        : FileChannel.open(part, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                attribute(mode));
                return new PartFile(absolute, part, channel);
            } catch (FileAlreadyExistsException taken) {
                // another name
            } catch (UnsupportedOperationException e) {
                mode = null;
            } catch (IOException e) {
                throw new CliFailure("cannot write " + name, e);
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    /**
     * Returns the channel to write.
     *
     * @return the channel of the temporary file
     */
    FileChannel channel() {
        return channel;
    }

    /**
     * Returns the temporary file.
     *
     * @return its path
     */
    Path part() {
        return part;
    }

    /**
     * Closes the temporary file and renames it over the final file.
     *
     * @throws IOException if the rename fails (the temporary file is then removed by {@link #close()})
     */
    void commit() throws IOException {
        channel.close();
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Closes the channel and removes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
        channel.close();
        if (!committed) {
            Files.deleteIfExists(part);
        }
    }
}
