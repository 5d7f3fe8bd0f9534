package dev.zerocopy.nio;

import dev.zerocopy.Availability;
import dev.zerocopy.ZeroCopyTransfer;

/** Base of the tests' stand-in providers: a name and "usable". */
abstract class TestTransfer implements ZeroCopyTransfer {

    private final String name;

    TestTransfer(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Availability availability() {
        return Availability.usable("test");
    }

    /**
     * The contract suite expects {@code ZeroCopyTransfer}'s order of checks (arguments first); a
     * {@code FileChannel}, and so the wrapper and the agent, checks the channels first (see
     * {@link ExceptionParityTest}). Only the order differs; adapters call this first.
     *
     * @param position the position argument
     * @param count    the count argument
     */
    static void argumentsFirst(long position, long count) {
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException();
        }
    }
}
