package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zerocopy copy SRC DST}: copies a file with {@link ZeroCopyTransfer} (copy_file_range on Linux). */
@Command(name = "copy", description = "Copy a file SRC to DST (a file or an existing directory).")
public final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "The file to copy.")
    private Path source;

    @Parameters(index = "1", paramLabel = "DST", description = "The file to create or replace, or a directory.")
    private Path target;

    /** Picocli instantiates the command. */
    public CopyCommand() {
    }

    @Override
    public Integer call() throws IOException {
        Path destination = Files.isDirectory(target) && source.getFileName() != null
                ? target.resolve(source.getFileName()) : target;
        if (Files.exists(destination) && Files.exists(source) && Files.isSameFile(source, destination)) {
            throw new CliFailure(source + " and " + destination + " are the same file");
        }
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        try (FileChannel in = FileOpening.forReading(source); FileChannel out = FileOpening.forWriting(destination)) {
            long size = FileOpening.size(source, in);
            long start = System.nanoTime();
            long copied;
            try (Progress progress = Progress.start("copy", size)) {
                copied = Transfers.fromFile(zc, in, size, out, progress,
                        "copying " + source + " to " + destination);
            }
            long nanos = System.nanoTime() - start;
            if (copied < size) {
                throw new CliFailure(source + " shrank while it was copied: copied " + copied + " of " + size
                        + " bytes to " + destination);
            }
            System.out.println(Transfers.summary("copied", copied, nanos,
                    "from " + source + " to " + destination, zc));
        }
        return 0;
    }
}
