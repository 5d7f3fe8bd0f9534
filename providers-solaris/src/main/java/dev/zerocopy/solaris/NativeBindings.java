package dev.zerocopy.solaris;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every native library this module binds in this JVM. A binding class records itself in its
 * static initialiser, before it looks up a symbol, so an empty list proves that no Solaris symbol was
 * ever looked up here.
 */
public final class NativeBindings {

    private static final List<String> BOUND = new CopyOnWriteArrayList<>();

    private NativeBindings() {
    }

    static void record(String binding) {
        BOUND.add(binding);
    }

    /**
     * Returns the bindings made so far, in order.
     *
     * @return an unmodifiable snapshot, empty if nothing was bound
     */
    public static List<String> bound() {
        return List.copyOf(BOUND);
    }
}
