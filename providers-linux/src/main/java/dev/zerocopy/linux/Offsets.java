package dev.zerocopy.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A thread's native memory for the calls of {@link Syscalls}: the two {@code loff_t} offsets that
 * {@code sendfile}, {@code splice} and {@code copy_file_range} read and advance, passed as plain addresses
 * so that no Java array is pinned and copied on each call, and the foreign binding's errno capture segment.
 */
final class Offsets {

    private static final ThreadLocal<Offsets> CURRENT = ThreadLocal.withInitial(Offsets::new);

    private final ByteBuffer memory = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final long address = Pointer.nativeValue(Native.getDirectBufferPointer(memory));
    private final Object errnoState = Syscalls.newErrnoState();

    private Offsets() {
    }

    /** The current thread's offsets. */
    static Offsets current() {
        return CURRENT.get();
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
