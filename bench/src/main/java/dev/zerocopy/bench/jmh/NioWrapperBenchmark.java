package dev.zerocopy.bench.jmh;

import dev.zerocopy.nio.ZeroCopyFileSystemProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call overhead of the {@link ZeroCopyFileSystemProvider}'s FileChannel wrapper beside the JDK's own
 * channel on the same file: a 4 KiB positional read (pure delegation) and a 16 KiB {@code transferTo} to a
 * loopback socket (the wrapper routes it through {@link dev.zerocopy.ZeroCopyTransfer}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED"})
public class NioWrapperBenchmark {

    private static final int CALL = LoopbackFixture.CALL;

    private LoopbackFixture fixture;
    private FileChannel jdk;
    private FileChannel wrapped;
    private SocketChannel socket;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);

    /**
     * Opens the fixture's file both ways.
     *
     * @throws IOException on failure
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        fixture = new LoopbackFixture();
        Path file = fixture.file();
        jdk = FileChannel.open(file, StandardOpenOption.READ);
        ZeroCopyFileSystemProvider provider = new ZeroCopyFileSystemProvider(FileSystems.getDefault().provider());
        wrapped = provider.newFileChannel(provider.getPath(file.toUri()), Set.of(StandardOpenOption.READ));
        if (wrapped.getClass() == jdk.getClass()) {
            throw new IllegalStateException("the provider did not wrap the channel: " + wrapped.getClass());
        }
        socket = fixture.socket();
    }

    /**
     * Closes everything.
     *
     * @throws IOException on failure
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        jdk.close();
        wrapped.close();
        fixture.close();
    }

    private long nextPosition() {
        return fixture.nextPosition();
    }

    /**
     * A positional read on the JDK's channel.
     *
     * @return the bytes read
     * @throws IOException on failure
     */
    @Benchmark
    public int jdkRead() throws IOException {
        return jdk.read(buffer.clear(), nextPosition());
    }

    /**
     * The same read through the wrapper.
     *
     * @return the bytes read
     * @throws IOException on failure
     */
    @Benchmark
    public int wrappedRead() throws IOException {
        return wrapped.read(buffer.clear(), nextPosition());
    }

    /**
     * 16 KiB {@code transferTo} on the JDK's channel.
     *
     * @return the bytes moved
     * @throws IOException on failure
     */
    @Benchmark
    public long jdkTransferTo() throws IOException {
        return transfer(jdk);
    }

    /**
     * 16 KiB {@code transferTo} through the wrapper.
     *
     * @return the bytes moved
     * @throws IOException on failure
     */
    @Benchmark
    public long wrappedTransferTo() throws IOException {
        return transfer(wrapped);
    }

    private long transfer(FileChannel channel) throws IOException {
        long position = nextPosition();
        long done = 0;
        while (done < CALL) {
            done += channel.transferTo(position + done, CALL - done, socket);
        }
        return done;
    }
}
