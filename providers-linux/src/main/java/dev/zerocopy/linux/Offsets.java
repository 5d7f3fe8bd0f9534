package dev.zerocopy.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import dev.zerocopy.spi.StripedPool;

/**
 * Native memory for the calls of {@link Syscalls}, taken by a transfer for the time of its provider hook and
 * reused by later transfers: the two {@code loff_t} offsets that {@code sendfile}, {@code splice} and
 * {@code copy_file_range} read and advance, passed as plain addresses so that no Java array is pinned and
 * copied on each call, the foreign binding's errno capture segment, and the one {@link SyscallStep} a
 * transfer sets up for each call it makes, so that a call allocates nothing. Pooled in this class, not per
 * thread: no thread-local keeps this provider's classes alive, and virtual threads reuse them too.
 */
final class Offsets implements AutoCloseable {

    private static final StripedPool<Offsets> POOL = new StripedPool<>();

    private final ByteBuffer memory = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final long address = Syscalls.address(memory);
    private final Object errnoState = Syscalls.newErrnoState();
    private final SyscallStep step = new SyscallStep(this);
    private boolean errnoInJna;     // where the last call other than the three copies left its errno

    private Offsets() {
    }

    /** Idle offsets from the pool, or new ones; give them back with {@link #close()}. */
    static Offsets take() {
        Offsets idle = POOL.take();
        return idle != null ? idle : new Offsets();
    }

    /** Gives these offsets back to the pool; their step forgets its transfer. */
    @Override
    public void close() {
        step.clear();
        POOL.give(this);
    }

    /**
     * Makes a pipe with {@code pipe2}, its two descriptors written into this scratch memory (which no
     * offset of a call in flight may then use).
     *
     * @param flags {@code pipe2}'s flags
     * @return the read end in {@code [0]} and the write end in {@code [1]}, or {@code null} on failure (see
     *         {@link Syscalls#fdErrno(Offsets)})
     */
    int[] pipe2(int flags) {
        if (Syscalls.pipe2(this, address, flags) != 0) {
            return null;
        }
        return new int[] {memory.getInt(0), memory.getInt(4)};
    }

    /** Records whether the last call other than the three copies went through JNA (see {@link Syscalls#fdErrno}). */
    void errnoInJna(boolean jna) {
        errnoInJna = jna;
    }

    /** Whether the last call other than the three copies went through JNA. */
    boolean errnoInJna() {
        return errnoInJna;
    }

    /** The reusable step; one call at a time (see {@link SyscallStep}). */
    SyscallStep step() {
        return step;
    }

    /** The errno capture segment of the foreign binding ({@code null} under JNA). */
    Object errnoState() {
        return errnoState;
    }

    /** Sets the input offset and returns its address, or returns 0 (NULL) for an end without one. */
    long in(End end, long position) {
        return in(end.positional(), position);
    }

    /** Sets the input offset and returns its address, or returns 0 (NULL) where {@code positional} is false. */
    long in(boolean positional, long position) {
        if (!positional) {
            return 0;
        }
        memory.putLong(0, position);
        return address;
    }

    /** Sets the output offset and returns its address, or returns 0 (NULL) for an end without one. */
    long out(End end, long position) {
        return out(end.positional(), position);
    }

    /** Sets the output offset and returns its address, or returns 0 (NULL) where {@code positional} is false. */
    long out(boolean positional, long position) {
        if (!positional) {
            return 0;
        }
        memory.putLong(8, position);
        return address + 8;
    }
}
