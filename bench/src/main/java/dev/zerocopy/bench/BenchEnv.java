package dev.zerocopy.bench;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.PseudoRandomStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * What every scenario shares: the options, the provider under test, the source file (pseudo-random bytes
 * of {@link #SEED}, in the page cache), the scratch directory, the C reference if it was built, and the
 * loopback peers. Also the fair handling of output files (see {@link #prepareOutput(Path, long)}).
 */
public final class BenchEnv {

    /** The seed of every byte the harness sends. */
    public static final long SEED = 0x5EEDL;

    /**
     * How long a freshly written output file rests before its run. Truncating it then hands its pages
     * back just before the timed copy takes them again.
     */
    private static final long SETTLE_NANOS = 200_000_000L;
    /** Outputs smaller than this (smoke tests) need no rest: their pages are too few to matter. */
    private static final long SETTLE_FROM_BYTES = 16L << 20;

    private final Options options;
    private final Path scratch;
    private final Path source;
    private final ZeroCopyTransfer zc;
    private final Optional<CReference> c;
    private final JdkCopies copies = new JdkCopies();

    BenchEnv(Options options, Path scratch, Path source, ZeroCopyTransfer zc, Optional<CReference> c) {
        this.options = options;
        this.scratch = scratch;
        this.source = source;
        this.zc = zc;
        this.c = c;
    }

    /**
     * Writes the source file.
     *
     * @param file the file
     * @param size its size
     * @throws IOException on failure
     */
    static void writeSource(Path file, long size) throws IOException {
        PseudoRandomStream.writeFile(file, SEED, size);
    }

    Options options() {
        return options;
    }

    Path scratch() {
        return scratch;
    }

    Path source() {
        return source;
    }

    ZeroCopyTransfer zc() {
        return zc;
    }

    Optional<CReference> c() {
        return c;
    }

    JdkCopies copies() {
        return copies;
    }

    FileChannel openSource() throws IOException {
        return FileChannel.open(source, StandardOpenOption.READ);
    }

    /** A variant's side of a connection to a peer. */
    @FunctionalInterface
    interface Connected {
        Measurement run(InetSocketAddress peer) throws Exception;
    }

    /**
     * Runs a variant against a sink and checks what the sink received.
     *
     * @param verify   whether the sink compares every byte with the stream of {@link #SEED}
     * @param expected the bytes the sink must receive
     * @param external whether the variant runs in another process (else the sink's CPU time is subtracted)
     * @param body     the variant, which must close its connection before returning
     * @return the variant's measurement
     * @throws Exception on failure, a short count or a mismatch
     */
    Measurement withSink(boolean verify, long expected, boolean external, Connected body) throws Exception {
        try (Peer sink = Peer.sink(verify ? SEED : null)) {
            Measurement m = body.run(sink.address());
            Peer.Result r = sink.await();
            check("sink", r, expected);
            return external ? m : m.minusCpu(r.cpuNanos());
        }
    }

    /**
     * Runs a variant against a source that sends the first {@code count} bytes of the source file once the
     * variant has sent its go byte. The caller checks the bytes the variant reports.
     *
     * @param count    the bytes to send
     * @param external whether the variant runs in another process
     * @param body     the variant
     * @return the variant's measurement
     * @throws Exception on failure or a short count
     */
    Measurement withSource(long count, boolean external, Connected body) throws Exception {
        try (Peer peer = Peer.source(source, 0, count)) {
            Measurement m = body.run(peer.address());
            Peer.Result r = peer.await();
            check("source", r, count);
            return external ? m : m.minusCpu(r.cpuNanos());
        }
    }

    /** A relay's two connections. */
    @FunctionalInterface
    interface Relayed {
        Measurement run(InetSocketAddress source, InetSocketAddress sink) throws Exception;
    }

    /**
     * Runs a relay between a source and a sink.
     *
     * @param verify   whether the sink verifies every byte
     * @param count    the bytes the source sends
     * @param external whether the relay runs in another process
     * @param body     the relay
     * @return its measurement
     * @throws Exception on failure, short count or mismatch
     */
    Measurement withRelay(boolean verify, long count, boolean external, Relayed body) throws Exception {
        try (Peer from = Peer.source(source, 0, count)) {
            Peer.Result[] sent = new Peer.Result[1];
            Measurement m = withSink(verify, count, external, to -> {
                Measurement relayed = body.run(from.address(), to);
                sent[0] = from.await();
                return relayed;
            });
            check("source", sent[0], count);
            return external ? m : m.minusCpu(sent[0].cpuNanos());
        }
    }

    private static void check(String who, Peer.Result r, long expected) throws IOException {
        if (r.bytes() != expected) {
            throw new IOException("the " + who + " saw " + r.bytes() + " bytes, expected " + expected);
        }
        if (r.mismatchAt() >= 0) {
            throw new IOException("the " + who + " received a wrong byte at offset " + r.mismatchAt());
        }
    }

    /**
     * Makes an output file ready for a timed run, the same way for every variant. On this kind of VM,
     * memory left free for about two seconds goes back to the host, and the first write into it is many
     * times slower; a run that writes into freshly freed memory measures the VM. So the file is first
     * written in full, untimed, into page-cache pages, left to settle, and only truncated by the caller
     * right before its timer starts: the timed copy then reuses pages that were freed a moment ago.
     *
     * @param file the output file
     * @param size the bytes the run will write
     * @throws IOException on failure
     */
    static void prepareOutput(Path file, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (written < size) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                written += out.write(zeros, written);
            }
        }
        if (size >= SETTLE_FROM_BYTES) {
            LockSupport.parkNanos(SETTLE_NANOS);
        }
    }

    /**
     * Truncates a prepared output file (for variants that run in another process).
     *
     * @param file the file
     * @throws IOException on failure
     */
    static void truncate(Path file) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            out.truncate(0);
        }
    }

    /**
     * Checks an output file against the stream of {@link #SEED}.
     *
     * @param file the file
     * @param size its expected size
     * @throws IOException if it differs
     */
    static void verifyOutput(Path file, long size) throws IOException {
        long at = PseudoRandomStream.firstMismatch(file, SEED, size);
        if (at >= 0) {
            throw new IOException(file.getFileName() + " differs from the source at offset " + at);
        }
    }
}
