package dev.zerocopy.bench.jmh;

import dev.zerocopy.spi.ChannelGuard;
import dev.zerocopy.spi.CopyLoop;
import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.StepResult;
import dev.zerocopy.spi.TransferStep;
import java.io.IOException;
import java.nio.channels.Channel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The copy loop's own cost per chunk: {@link CopyLoop} driving a step that "moves" a chunk without a
 * system call, beside the least a Java loop over the same step can do (no guard, no errno rules). The
 * difference is what the loop adds to every system call of a transfer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CopyLoopBenchmark {

    private static final int CHUNKS = 64;
    private static final long CHUNK = 1 << 20;

    /** An always-open channel for the guard. */
    private static final Channel OPEN = new Channel() {
        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    };

    private final TransferStep step = (position, count, result) -> result.moved(Math.min(count, CHUNK));
    private final CopyLoop loop = new CopyLoop("bench", step, CHUNK);
    private final ChannelGuard guard = new ChannelGuard(OPEN, OPEN);

    /**
     * The copy loop over {@value #CHUNKS} chunks.
     *
     * @return the bytes "moved"
     * @throws IOException never
     */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long copyLoop() throws IOException {
        return loop.run(0, CHUNKS * CHUNK, false, Readiness.immediate(), guard);
    }

    /**
     * A bare loop over the same step.
     *
     * @return the bytes "moved"
     * @throws IOException never
     */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long bareLoop() throws IOException {
        StepResult result = new StepResult();
        long count = CHUNKS * CHUNK;
        long written = 0;
        while (written < count) {
            step.run(written, Math.min(count - written, CHUNK), result);
            written += result.bytes();
        }
        return written;
    }
}
