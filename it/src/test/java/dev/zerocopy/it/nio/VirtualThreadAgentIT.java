package dev.zerocopy.it.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zerocopy.spi.PseudoRandomStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's own {@code FileChannel.transferTo} on a virtual thread, to a blocking-mode socket that earlier
 * I/O on a virtual thread left non-blocking: the JDK returns 0 whenever the send buffer is full, so a
 * program that loops until done spins a core. Under {@code -javaagent} the same unmodified call parks on
 * the JDK's poller and returns the whole count in one call, with little CPU.
 */
@Timeout(180)
class VirtualThreadAgentIT {

    private static final long SIZE = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void transferToOnAVirtualThreadParksInsteadOfSpinning() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "no virtual threads on JDK " + Runtime.version().feature());
        Path file = dir.resolve("in");
        PseudoRandomStream.writeFile(file, 21, SIZE);
        ChildJvm.Result result = ChildJvm.run(ChildJvm.Route.AGENT, dir, List.of(), SlowPeerProgram.class,
                file.toString());
        assertEquals(0, result.exitCode(), result.toString());
        String line = result.stdout().stream().filter(s -> s.startsWith("calls=")).findFirst().orElseThrow();
        String[] fields = line.split(" ");
        long calls = Long.parseLong(fields[0].substring("calls=".length()));
        long bytes = Long.parseLong(fields[1].substring("bytes=".length()));
        double cpuShare = Double.parseDouble(fields[2].substring("cpu/wall=".length()));
        assertEquals(SIZE, bytes, line);
        assertEquals(1, calls, "the whole count in one call: " + line);
        assertTrue(cpuShare < 0.5, "the sender waited rather than spun: " + line);
    }

    /**
     * Knows nothing of zerocopy: on a virtual thread, writes a first byte (which leaves the socket's
     * descriptor non-blocking) and transfers one more untimed, then calls {@code transferTo} until the file
     * is sent to a reader that takes 64 KiB every 5 ms; prints the calls it needed, the bytes the reader got
     * (beyond the first two) and the process's CPU time over the wall time of the sending.
     */
    public static final class SlowPeerProgram {
        public static void main(String[] args) throws Throwable {
            ExecutorService virtual = (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
            ExecutorService readers = Executors.newSingleThreadExecutor();
            try (ServerSocketChannel server = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    SocketChannel near = SocketChannel.open(server.getLocalAddress());
                    SocketChannel far = server.accept();
                    FileChannel file = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ)) {
                long size = file.size();
                Future<Long> received = readers.submit(() -> {
                    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                    long total = 0;
                    while (total < size + 2) {
                        int n = far.read(chunk.clear());
                        if (n < 0) {
                            break;
                        }
                        total += n;
                        LockSupport.parkNanos(5_000_000);
                    }
                    return total - 2;
                });
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long[] calls = new long[1];
                long[] wall = new long[1];
                long[] cpu = new long[1];
                virtual.submit(() -> {
                    near.write(ByteBuffer.wrap(new byte[] {1}));
                    // one byte through transferTo first, untimed: class loading and the provider's first
                    // binding then stay out of the measured CPU
                    file.transferTo(0, 1, near);
                    long cpuBefore = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    long sent = 0;
                    while (sent < size) {
                        sent += file.transferTo(sent, size - sent, near);
                        calls[0]++;
                    }
                    wall[0] = System.nanoTime() - start;
                    cpu[0] = os.getProcessCpuTime() - cpuBefore;
                    near.shutdownOutput();
                    return null;
                }).get(120, TimeUnit.SECONDS);
                long bytes = received.get(120, TimeUnit.SECONDS);
                System.out.println("calls=" + calls[0] + " bytes=" + bytes + " cpu/wall=" + (double) cpu[0] / wall[0]);
            } finally {
                virtual.shutdown();
                readers.shutdown();
            }
        }
    }
}
