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
}
