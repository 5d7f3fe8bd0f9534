package dev.zerocopy.it.emulated;

import dev.zerocopy.bsd.EmulatedFreeBsd;
import dev.zerocopy.bsd.EmulatedMacOs;
import dev.zerocopy.emulated.EmulatedOs;
import dev.zerocopy.solaris.EmulatedSolaris;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The emulated systems the integration tests run every provider's real code on. */
final class EmulatedSystems {

    private EmulatedSystems() {
    }

    static List<EmulatedOs> all() {
        return List.of(EmulatedFreeBsd.OS, EmulatedMacOs.OS, EmulatedSolaris.OS);
    }

    /** A sparse file of zeros, larger than any socket buffer, cheap to create. */
    static Path sparse(Path dir, long size) throws IOException {
        Path file = dir.resolve("sparse-" + size);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(new byte[] {0}), size - 1);
        }
        return file;
    }
}
