package dev.zerocopy.spi;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of reusable objects for a hot path, striped by thread: a thread usually takes
 * back the object it gave back last, with one atomic exchange and no lock. An object is in the pool or in
 * one user's hands, never both. When the slots a thread looks at are empty, {@link #take()} returns
 * {@code null} (the caller makes a fresh object); when they are full, {@link #give(Object)} drops the object
 * for the collector. So a hot path allocates nothing only while an idle object waits near its thread: with
 * more holders at once than slots, or two threads whose slots collide, some takes miss. The pool holds no
 * thread and is no thread-local, so virtual threads share it and no thread keeps anything of this library
 * alive.
 *
 * <p>Keep a pool in a static field of the class whose objects it holds (or of one in the same class
 * loader), so that it never keeps another class loader's classes reachable.
 *
 * @param <T> the objects' type
 */
public final class StripedPool<T> {

    /** Slots looked at from a thread's own, so that two threads sharing a slot rarely both miss. */
    private static final int PROBES = 2;

    private final AtomicReferenceArray<T> slots;
    private final int mask;

    /**
     * Creates a pool with eight slots per processor, at least 64 and at most 1024 (a power of two): enough
     * for the objects of as many blocking transfers as a server's thread pool usually runs at once. Empty
     * slots cost a reference each.
     */
    public StripedPool() {
        int wanted = Math.min(1024, Math.max(64, 8 * Runtime.getRuntime().availableProcessors()));
        int size = Integer.highestOneBit(wanted - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** The number of slots. */
    int capacity() {
        return slots.length();
    }

    /**
     * Takes an idle object near the calling thread's slot.
     *
     * @return the object, now the caller's alone, or {@code null} if none is idle there
     */
    public T take() {
        int home = home();
        for (int i = 0; i < PROBES; i++) {
            int slot = (home + i) & mask;
            if (slots.get(slot) != null) {
                T item = slots.getAndSet(slot, null);
                if (item != null) {
                    return item;
                }
            }
        }
        return null;
    }

    /**
     * Gives an object back; the caller must not use it afterwards.
     *
     * @param item the object, taken from this pool or made by the caller
     */
    public void give(T item) {
        int home = home();
        for (int i = 0; i < PROBES; i++) {
            if (slots.compareAndSet((home + i) & mask, null, item)) {
                return;
            }
        }
    }

    private int home() {
        long id = Thread.currentThread().getId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
