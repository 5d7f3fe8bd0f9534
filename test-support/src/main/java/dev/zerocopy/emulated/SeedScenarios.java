package dev.zerocopy.emulated;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zerocopy.spi.ChannelGuard;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Errno;
import dev.zerocopy.spi.FdOps;
import dev.zerocopy.spi.FdRef;
import dev.zerocopy.spi.Loopback;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * The seed regressions, for any emulated system: a provider's real sendfile step over an emulated kernel,
 * run by the shared {@link CopyLoop} and by the provider itself (both must pass) and by a
 * {@link BrokenLoop} (the scenario must catch it). Subclasses name the kernels and build the step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SeedScenarios {

    private static final long SIZE = (1 << 20) + 12_345;
    private static final long CHUNK = 64 << 10;

    /** Sends the whole file to the socket, one way or another. */
    @FunctionalInterface
    protected interface Sender {
        /**
         * Sends.
         *
         * @param file   the file
         * @param socket the socket
         * @return the bytes the sender reports
         * @throws IOException on failure
         */
        long send(FileChannel file, SocketChannel socket) throws IOException;
    }

    /** Runs a step over the whole count, like a loop. */
    @FunctionalInterface
    private interface Loop {
        long run(TransferStep step, ChannelGuard guard) throws IOException;
    }

    private static final Loop REAL = (step, guard) ->
            new CopyLoop("sendfile", step, CHUNK).run(0, SIZE, false, Readiness.immediate(), guard);

    @TempDir
    Path dir;

    /**
     * Returns fresh kernels to run the scenarios on.
     *
     * @return the kernels
     */
    protected abstract List<EmulatedKernel> kernels();

    /**
     * Returns the provider's sendfile step over a kernel.
     *
     * @param kernel the kernel
     * @param file   the file channel
     * @param fileFd the file's duplicate descriptor
     * @param socket the socket's duplicate descriptor
     * @return the step; its position is the file offset
     */
    protected abstract TransferStep sendfile(EmulatedKernel kernel, FileChannel file, int fileFd, int socket);

    private static Loop broken(BrokenLoop bug) {
        return (step, guard) -> bug.run(step, 0, SIZE, CHUNK);
    }

    private Sender stepsIn(EmulatedKernel kernel, Loop loop) {
        FdOps ops = (FdOps) kernel;
        return (file, socket) -> {
            try (FdRef in = FdRef.acquire(file, ops); FdRef out = FdRef.acquire(socket, ops)) {
                return loop.run(sendfile(kernel, file, in.fd(), out.fd()), new ChannelGuard(file, socket));
            }
        };
    }

    private static Sender provider(EmulatedKernel kernel) {
        return (file, socket) -> kernel.provider().transfer(file, 0, SIZE, socket);
    }

    /** Sends SIZE bytes and asserts both ends saw all of them, in order, through the emulated call. */
    private void sendsEverything(EmulatedKernel kernel, FaultPlan plan, Sender sender) throws Exception {
        kernel.plan(plan);
        long movedBefore = kernel.moved();
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        PseudoRandomStream.writeFile(source, 42, SIZE);
        try (Loopback pair = Loopback.open(); FileChannel file = FileChannel.open(source, StandardOpenOption.READ)) {
            Future<Long> received = pair.receiveInto(target);
            long sent = assertDoesNotThrow(() -> sender.send(file, pair.near()));
            pair.near().shutdownOutput();
            assertEquals(SIZE, sent, "bytes the sender reported");
            assertEquals(SIZE, received.get(20, TimeUnit.SECONDS), "bytes the peer received");
        }
        assertEquals(SIZE, kernel.moved() - movedBefore, "bytes the emulated sendfile moved");
        assertEquals(-1, PseudoRandomStream.firstMismatch(target, 42, SIZE));
        assertEquals(0, kernel.openDuplicates());
        assertEquals(0, kernel.toEndRequests());
    }

    @ParameterizedTest
    @MethodSource("kernels")
    @Timeout(60)
    void loopMustNotStopAfterTheFirstChunk(EmulatedKernel kernel) throws Exception {
        FaultPlan shortChunks = FaultPlan.chunks(CHUNK / 4);
        sendsEverything(kernel, shortChunks, stepsIn(kernel, REAL));
        sendsEverything(kernel, shortChunks, provider(kernel));
        assertThrows(AssertionFailedError.class,
                () -> sendsEverything(kernel, shortChunks, stepsIn(kernel, broken(BrokenLoop.STOPS_AFTER_FIRST_CHUNK))),
                "the scenario must catch a loop that stops after the first chunk");
    }

    @ParameterizedTest
    @MethodSource("kernels")
    @Timeout(60)
    void eagainAfterTheWholeCountIsSuccess(EmulatedKernel kernel) throws Exception {
        FaultPlan eagainAfterFullChunk = FaultPlan.progressWith(Errno.EAGAIN, Long.MAX_VALUE);
        sendsEverything(kernel, eagainAfterFullChunk, stepsIn(kernel, REAL));
        sendsEverything(kernel, eagainAfterFullChunk, provider(kernel));
        assertThrows(AssertionFailedError.class,
                () -> sendsEverything(kernel, eagainAfterFullChunk, stepsIn(kernel, broken(BrokenLoop.ERROR_BEFORE_BYTES))),
                "the scenario must catch a loop that reports EAGAIN after the whole count as an error");
    }
}
