package dev.zerocopy.emulated;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.PseudoRandomStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The large network copy: a pseudo-random file sent over loopback TCP with
 * {@code provider.transfer(file, 0, size, socket)}, received into a file with plain NIO, and compared.
 */
public final class NetworkCopy {

    /**
     * What both ends saw.
     *
     * @param sent          what the provider returned
     * @param received      the bytes the receiver read before end of stream
     * @param firstMismatch {@link PseudoRandomStream#firstMismatch}: {@code -1} if the received file is right
     */
    public record Result(long sent, long received, long firstMismatch) {
    }

    private NetworkCopy() {
    }

    /**
     * Runs the copy.
     *
     * @param sender the provider that sends
     * @param dir    a temporary directory
     * @param seed   the data's seed
     * @param size   the file's size
     * @return the result
     * @throws Exception if either end fails
     */
    public static Result run(ZeroCopyTransfer sender, Path dir, long seed, long size) throws Exception {
        Path source = dir.resolve("sent-" + seed + "-" + size);
        Path target = dir.resolve("received-" + seed + "-" + size);
        PseudoRandomStream.writeFile(source, seed, size);
        long sent;
        Future<Long> received;
        try (Loopback pair = Loopback.open();
                FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            received = pair.receiveInto(target);
            sent = sender.transfer(file, 0, size, pair.near());
            pair.near().shutdownOutput();
            long got = received.get(60, TimeUnit.SECONDS);
            return new Result(sent, got, PseudoRandomStream.firstMismatch(target, seed, size));
        }
    }
}
