package dev.zerocopy.cli;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code zerocopy copy SRC DST}: copies a file with {@link ZeroCopyTransfer} (copy_file_range on Linux)
 * until its end of file, as {@code cp} does; {@code -} is standard input or output. The summary line
 * goes to standard error, so standard output carries only data.
 */
@Command(name = "copy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Copy SRC to DST (a file, or an existing directory to copy into); '-' is standard input or output.",
            "Reads SRC until its end of file, also FIFOs, devices and /proc or /sys files that report size 0.",
            "A new DST gets SRC's permission bits (less the umask), as with cp. The summary goes to standard error."
        })
public final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "The file to copy, or - for standard input.")
    private String source;

    @Parameters(index = "1", paramLabel = "DST",
            description = "The file to create or replace, a directory, or - for standard output.")
    private String target;

    /** Picocli instantiates the command. */
    public CopyCommand() {
    }

    @Override
    public Integer call() throws IOException {
        ZeroCopyTransfer zc = ZeroCopyTransfer.load();
        try (InputFile in = InputFile.open(source); OutputFile out = openTarget(in)) {
            Interruption.watch(null);
            Transfers.prime(zc, in);
            long start = System.nanoTime();
            long copied;
            Transfers copy;
            try (Progress progress = Progress.start("copy", in.expectedSize())) {
                copy = new Transfers(zc, progress, "copying " + in.name() + " to " + out.name(), Transfers.Peer.NONE);
                copied = copy.copy(in, out.channel());
            }
            long nanos = System.nanoTime() - start;
            if (out.regular() && out.channel().size() != copied) {
                throw new CliFailure("copying " + in.name() + " to " + out.name() + ": copied " + copied
                        + " bytes but " + out.name() + " holds " + out.channel().size());
            }
            Status.print(Transfers.summary("copied", copied, nanos, "from " + in.name() + " to " + out.name(), zc));
        }
        return 0;
    }

    private OutputFile openTarget(InputFile in) throws CliFailure {
        if (InputFile.STANDARD_STREAM.equals(target)) {
            return OutputFile.standardOutput();
        }
        Path destination = Arguments.path(target);
        String name = target;
        if (Files.isDirectory(destination)) {
            if (in.path() == null || in.path().getFileName() == null) {
                throw new CliFailure("cannot copy " + in.name() + " into the directory " + target
                        + ": name the file to create");
            }
            destination = destination.resolve(in.path().getFileName());
            name = destination.toString();
        } else if (target.endsWith("/")) {
            // cp's rule: a trailing slash names a directory, never a file to create.
            throw new CliFailure("cannot create " + target + ": Not a directory");
        }
        try {
            if (in.path() != null && Files.exists(destination) && Files.isSameFile(in.path(), destination)) {
                throw new CliFailure(in.name() + " and " + name + " are the same file");
            }
        } catch (CliFailure e) {
            throw e;
        } catch (IOException e) {
            throw new CliFailure("cannot read " + name, e);
        }
        return OutputFile.create(destination, name, permissionsOf(in));
    }

    private static Set<PosixFilePermission> permissionsOf(InputFile in) {
        if (in.path() == null || !in.regular()) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(in.path());
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
