package dev.zerocopy.bench;

import dev.zerocopy.JdkTransfers;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The program S6 runs in child JVMs, printing one result line ({@link Measurement#toLine()}):
 *
 * <pre>
 *   s1 jdk|zerocopy PORT FILE COUNT    send FILE to 127.0.0.1:PORT
 *   s2 jdk|zerocopy PORT FILE COUNT    receive COUNT bytes from 127.0.0.1:PORT into FILE (after a go byte)
 *   walk DIR                           walk DIR and read every entry's basic attributes
 * </pre>
 *
 * In {@code jdk} mode it is an ordinary NIO program ({@code transferTo}/{@code transferFrom}), which the
 * zerocopy agent, if present, takes over; in {@code zerocopy} mode it calls {@link ZeroCopyTransfer}.
 *
 * <p>Each mode first warms up untimed, the same way in every variant, so that the figures compare steady
 * states rather than class loading and JIT: the copies move their first eighth untimed (the peer still
 * sees one contiguous stream) and time the rest; the walk runs once untimed, then timed. After the
 * warm-up the child waits (up to {@value #SETTLE_LIMIT_MILLIS} ms) until the whole JVM has been idle for
 * {@value #SETTLE_QUIET_MILLIS} ms (its process CPU time grew by less than 5 % of that): an agent's
 * start-up (Byte Buddy runs a lot of code once) leaves a compile queue that would otherwise burn CPU, and
 * one of the two cores, inside the timed window.
 */
public final class ChildMain {

    private static final long SETTLE_QUIET_MILLIS = 200;
    /** Idle means less CPU than 1/{@value} of the quiet interval: 10 ms in 200 ms. */
    private static final long IDLE_FRACTION = 20;
    private static final long SETTLE_LIMIT_MILLIS = 3_000;

    private ChildMain() {
    }

    /** Waits until this JVM is idle (JIT compilers, GC, agents) for a while, or the limit passed. */
    private static void settle() {
        long deadline = System.nanoTime() + SETTLE_LIMIT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            long before = ProcessCpuClock.nanos();
            LockSupport.parkNanos(SETTLE_QUIET_MILLIS * 1_000_000L);
            if (ProcessCpuClock.nanos() - before < SETTLE_QUIET_MILLIS * 1_000_000L / IDLE_FRACTION) {
                return;
            }
        }
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        Measurement m = switch (args[0]) {
            case "s1" -> send(args[1].equals("zerocopy"), port(args[2]), Path.of(args[3]), Long.parseLong(args[4]));
            case "s2" -> receive(args[1].equals("zerocopy"), port(args[2]), Path.of(args[3]), Long.parseLong(args[4]));
            case "walk" -> walk(Path.of(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.out.println(m.toLine());
    }

    private static InetSocketAddress port(String port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port));
    }

    /**
     * Returns the untimed first part of a copy.
     *
     * @param count the whole copy
     * @return an eighth of it, in whole pages
     */
    static long warmUpBytes(long count) {
        return count / 8 / 4096 * 4096;
    }

    /** One part of a copy: the bytes from {@code position}, {@code count} of them. */
    @FunctionalInterface
    private interface Part {
        long copy(long position, long count) throws IOException;
    }

    /** Copies the warm-up part untimed, settles, and times the rest. */
    private static Measurement warmThenTime(long count, Part part) throws IOException {
        long warm = warmUpBytes(count);
        long moved = part.copy(0, warm);
        settle();
        Stopwatch watch = Stopwatch.start();
        long timed = part.copy(warm, count - warm);
        Measurement m = watch.stop(timed, 1);
        check(moved + timed, count);
        return m;
    }

    private static Measurement send(boolean zerocopy, InetSocketAddress peer, Path file, long count)
            throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                SocketChannel out = SocketChannel.open(peer)) {
            return warmThenTime(count, (position, n) -> zerocopy
                    ? ZeroCopyTransfer.load().transfer(in, position, n, out)
                    : JdkTransfers.transferTo(in, position, n, out));
        }
    }

    private static Measurement receive(boolean zerocopy, InetSocketAddress peer, Path file, long count)
            throws IOException {
        try (SocketChannel in = SocketChannel.open(peer);
                FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            in.write(ByteBuffer.wrap(new byte[] {'g'}));
            return warmThenTime(count, (position, n) -> zerocopy
                    ? ZeroCopyTransfer.load().transfer(in, out, position, n)
                    : JdkTransfers.transferFrom(in, out, position, n));
        }
    }

    private static void check(long moved, long count) throws IOException {
        if (moved != count) {
            throw new IOException("moved " + moved + " of " + count + " bytes");
        }
    }

    private static Measurement walk(Path dir) throws IOException {
        walkOnce(dir);
        settle();
        Stopwatch watch = Stopwatch.start();
        long entries = walkOnce(dir);
        return watch.stop(0, Math.max(1, entries));
    }

    /** Walks the tree, reads every entry's attributes, and returns the number of entries. */
    private static long walkOnce(Path dir) throws IOException {
        long entries = 0;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Iterator<Path> it = paths.iterator(); it.hasNext(); ) {
                Files.readAttributes(it.next(), BasicFileAttributes.class);
                entries++;
            }
        }
        return entries;
    }
}
