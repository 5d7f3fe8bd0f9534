package dev.zerocopy.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check sees a registration when JNA makes one, and none before. */
class NativeRegistrationsTest {

    /** A binding that only this test registers. */
    static final class Getpid {
        private Getpid() {
        }

        static native int getpid();
    }

    @Test
    void seesWhatJnaRegistered() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "binds the host's getpid");
        assertTrue(NativeRegistrations.bindingClasses(NativeRegistrationsTest.class).contains(Getpid.class));
        assertEquals(List.of(), NativeRegistrations.registered(NativeRegistrationsTest.class));

        Native.register(Getpid.class, Platform.C_LIBRARY_NAME);
        try {
            assertEquals(ProcessHandle.current().pid(), Getpid.getpid());
            assertEquals(List.of(Getpid.class), NativeRegistrations.registered(NativeRegistrationsTest.class));
        } finally {
            Native.unregister(Getpid.class);
        }
        assertEquals(List.of(), NativeRegistrations.registered(NativeRegistrationsTest.class));
    }
}
