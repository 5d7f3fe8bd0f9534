package dev.zerocopy.bench;

import dev.zerocopy.JdkTransfers;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * S7: many connections at once, file to socket, each sender calling {@code transfer} (or the JDK's
 * {@code transferTo}) until its file is sent, on a virtual thread per connection or on a platform-thread
 * pool of the same size; one selector thread drains every connection at full speed. Reports the
 * throughput, the CPU, and the most carrier threads (the virtual-thread scheduler's workers) alive at once.
 *
 * <pre>java -cp zerocopy-bench.jar dev.zerocopy.bench.ManyConnections [CONNECTIONS] [BYTES_EACH] [ROUNDS]</pre>
 */
public final class ManyConnections {

    /** One way of sending. */
    private record Way(String label, boolean zerocopy, boolean virtual) {
    }

    /** One round's figures. */
    record Figures(double seconds, double cpuSeconds, long bytes, int carriers) {
    }

    private ManyConnections() {
    }

    /**
     * Runs S7 and prints a Markdown table.
     *
     * @param args connections (default 1000), bytes each (default 1 MiB), rounds (default 3)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long each = args.length > 1 ? Long.parseLong(args[1]) : 1 << 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.print(run(connections, each, rounds));
    }

    /**
     * Runs every way {@code rounds} times, interleaved, and returns the table.
     *
     * @param connections connections at once
     * @param each        bytes per connection
     * @param rounds      rounds
     * @return the Markdown table
     * @throws Exception on failure
     */
    static String run(int connections, long each, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("zerocopy-s7");
        Path file = dir.resolve("source");
        try {
            dev.zerocopy.spi.PseudoRandomStream.writeFile(file, 7, each);
            ZeroCopyTransfer zc = ZeroCopyTransfer.load();
            List<Way> ways = new ArrayList<>(List.of(new Way("zerocopy " + zc.name() + ", platform pool", true, false),
                    new Way("JDK transferTo, platform pool", false, false)));
            boolean virtual = Runtime.version().feature() >= 21;
            if (virtual) {
                ways.add(0, new Way("zerocopy " + zc.name() + ", virtual threads", true, true));
                ways.add(2, new Way("JDK transferTo, virtual threads", false, true));
            }
            List<List<Figures>> results = new ArrayList<>();
            ways.forEach(w -> results.add(new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < ways.size(); i++) {
                    results.get(i).add(round(zc, ways.get(i), file, connections, each));
                }
            }
            StringBuilder table = new StringBuilder();
            table.append(String.format(Locale.ROOT, "S7: %d connections × %d bytes, file → loopback socket, %d rounds"
                    + " (medians; min–max)%n%n", connections, each, rounds));
            table.append("| way | throughput | CPU | carrier threads |\n|---|---|---|---|\n");
            for (int i = 0; i < ways.size(); i++) {
                List<Figures> f = results.get(i);
                table.append(String.format(Locale.ROOT, "| %s | %.2f GiB/s (%.2f–%.2f) | %.2f s | %s |%n",
                        ways.get(i).label(), median(f), min(f), max(f),
                        f.stream().mapToDouble(Figures::cpuSeconds).sorted().toArray()[f.size() / 2],
                        ways.get(i).virtual() ? String.valueOf(f.stream().mapToInt(Figures::carriers).max()
                                .orElse(0)) : "—"));
            }
            if (!virtual) {
                table.append("\nNo virtual threads on JDK ").append(Runtime.version().feature()).append(".\n");
            }
            return table.toString();
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static double gibPerSecond(Figures f) {
        return f.bytes() / f.seconds() / (1L << 30);
    }

    private static double median(List<Figures> f) {
        return f.stream().mapToDouble(ManyConnections::gibPerSecond).sorted().toArray()[f.size() / 2];
    }

    private static double min(List<Figures> f) {
        return f.stream().mapToDouble(ManyConnections::gibPerSecond).min().orElse(0);
    }

    private static double max(List<Figures> f) {
        return f.stream().mapToDouble(ManyConnections::gibPerSecond).max().orElse(0);
    }

    /** One round: all connections at once; returns when every byte has been drained. */
    static Figures round(ZeroCopyTransfer zc, Way way, Path file, int connections, long each) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections);
                FileChannel source = FileChannel.open(file, StandardOpenOption.READ);
                Selector selector = Selector.open()) {
            List<SocketChannel> near = new ArrayList<>();
            try {
                for (int i = 0; i < connections; i++) {
                    near.add(SocketChannel.open(server.getLocalAddress()));
                    SocketChannel far = server.accept();
                    far.configureBlocking(false);
                    far.register(selector, SelectionKey.OP_READ);
                }
                AtomicBoolean sampling = new AtomicBoolean(true);
                AtomicInteger carriers = new AtomicInteger();
                Thread sampler = new Thread(() -> sampleCarriers(sampling, carriers), "s7-carriers");
                sampler.setDaemon(true);
                sampler.start();
                ExecutorService senders = way.virtual() ? virtualThreads() : Executors.newFixedThreadPool(connections);
                long cpu0 = ProcessCpuClock.nanos();
                long wall0 = System.nanoTime();
                List<Future<Long>> sent = new ArrayList<>();
                for (SocketChannel socket : near) {
                    sent.add(senders.submit(() -> {
                        long done = way.zerocopy() ? zc.transfer(source, 0, each, socket)
                                : JdkTransfers.transferTo(source, 0, each, socket);
                        socket.shutdownOutput();
                        return done;
                    }));
                }
                long drained = drain(selector, connections);
                long seconds = System.nanoTime() - wall0;
                long cpu = ProcessCpuClock.nanos() - cpu0;
                long total = 0;
                for (Future<Long> f : sent) {
                    total += f.get(60, TimeUnit.SECONDS);
                }
                senders.shutdown();
                sampling.set(false);
                sampler.join();
                if (drained != total || total != each * connections) {
                    throw new IOException("S7 drained " + drained + " of " + each * connections + " bytes");
                }
                return new Figures(seconds / 1e9, cpu / 1e9, total, carriers.get());
            } finally {
                for (SocketChannel socket : near) {
                    socket.close();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            }
        }
    }

    /** Reads every connection until all of them ended; returns the bytes read. */
    private static long drain(Selector selector, int connections) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long total = 0;
        int open = connections;
        while (open > 0) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                int n = ((SocketChannel) key.channel()).read(buffer.clear());
                if (n < 0) {
                    key.cancel();
                    open--;
                } else {
                    total += n;
                }
            }
            selector.selectedKeys().clear();
        }
        return total;
    }

    /** Records the most virtual-thread scheduler workers ("ForkJoinPool-N-worker-M") alive at once. */
    private static void sampleCarriers(AtomicBoolean sampling, AtomicInteger most) {
        while (sampling.get()) {
            int now = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("ForkJoinPool-") && t.getName().contains("-worker-"))
                    .count();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static ExecutorService virtualThreads() throws Exception {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
