package dev.zerocopy.bench.jmh;

import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.StandardOpenOption;
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
 * One 16 KiB file-to-socket call (one sendfile under the Linux provider: JNA on JDK 17 to 21,
 * {@code java.lang.foreign} on 22+) through {@link ZeroCopyTransfer} beside the JDK's
 * {@link FileChannel#transferTo}. A loopback sink thread drains
 * the socket. Positions cycle through a 16 MiB page-cached file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED"})
public class StepCallBenchmark {

    private static final int CALL = LoopbackFixture.CALL;

    private LoopbackFixture fixture;
    private FileChannel file;
    private SocketChannel socket;
    private ZeroCopyTransfer zc;

    /**
     * Writes the file and connects to a sink.
     *
     * @throws IOException on failure
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        fixture = new LoopbackFixture();
        file = FileChannel.open(fixture.file(), StandardOpenOption.READ);
        socket = fixture.socket();
        zc = ZeroCopyTransfer.load();
    }

    /**
     * Closes everything.
     *
     * @throws IOException on failure
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        file.close();
        fixture.close();
    }

    private long nextPosition() {
        return fixture.nextPosition();
    }

    /**
     * The library's call.
     *
     * @return the bytes moved
     * @throws IOException on failure
     */
    @Benchmark
    public long zerocopy() throws IOException {
        return zc.transfer(file, nextPosition(), CALL, socket);
    }

    /**
     * The JDK's call, repeated until the 16 KiB have moved as the library guarantees.
     *
     * @return the bytes moved
     * @throws IOException on failure
     */
    @Benchmark
    public long jdkTransferTo() throws IOException {
        long position = nextPosition();
        long done = 0;
        while (done < CALL) {
            done += file.transferTo(position + done, CALL - done, socket);
        }
        return done;
    }
}
