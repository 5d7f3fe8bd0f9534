package dev.zerocopy.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link TransferStep} that plays back a script of results and records every call, for testing the
 * copy loop's rules without a kernel. When the script runs out, each call moves its whole count.
 */
public final class ScriptedStep implements TransferStep {

    /** One recorded call. */
    public record Call(long position, long count) {
    }

    private record Outcome(long bytes, Errno errno) {
    }

    private final Deque<Outcome> script = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private long sourceRemaining = Long.MAX_VALUE;

    /**
     * Adds a result: moves {@code bytes} (capped at the call's count) and reports {@code errno}.
     *
     * @param bytes the bytes to report
     * @param errno the error to report
     * @return this
     */
    public ScriptedStep then(long bytes, Errno errno) {
        script.add(new Outcome(bytes, errno));
        return this;
    }

    /**
     * Adds {@code times} results that move {@code bytes} each without error.
     *
     * @param times how many
     * @param bytes the bytes each
     * @return this
     */
    public ScriptedStep repeat(int times, long bytes, Errno errno) {
        for (int i = 0; i < times; i++) {
            then(bytes, errno);
        }
        return this;
    }

    /**
     * Limits the source: once this many bytes moved, every call reports 0 bytes and no error.
     *
     * @param bytes the source's length
     * @return this
     */
    public ScriptedStep sourceLength(long bytes) {
        this.sourceRemaining = bytes;
        return this;
    }

    /**
     * Returns the calls made so far.
     *
     * @return the calls
     */
    public List<Call> calls() {
        return calls;
    }

    @Override
    public void run(long position, long count, StepResult result) {
        calls.add(new Call(position, count));
        Outcome outcome = script.poll();
        long bytes = outcome == null ? count : Math.min(outcome.bytes(), count);
        bytes = Math.min(bytes, sourceRemaining);
        sourceRemaining -= bytes;
        result.set(bytes, outcome == null ? Errno.NONE : outcome.errno(), 0);
    }
}
