package dev.zerocopy.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

/** The lazy-binding idiom: nothing is registered before it is needed, and a failure keeps its reason. */
class NativeBindingTest {

    /** A symbol that no C library exports. */
    static final class Missing {
        static {
            Native.register(Missing.class, Platform.C_LIBRARY_NAME);
        }

        private Missing() {
        }

        static native int zerocopy_no_such_symbol(int x);
    }

    /** Another missing symbol, for a library that requires it. */
    static final class AlsoMissing {
        static {
            Native.register(AlsoMissing.class, Platform.C_LIBRARY_NAME);
        }

        private AlsoMissing() {
        }

        static native int zerocopy_no_such_copy_call(int x);
    }

    /** {@code getpid}, which every C library exports. */
    static final class Present {
        static {
            Native.register(Present.class, Platform.C_LIBRARY_NAME);
        }

        private Present() {
        }

        static native int getpid();
    }

    @Test
    void aMissingSymbolIsAFailureWithItsReasonEveryTimeItIsAsked() {
        NativeBinding binding = new NativeBinding(Missing.class);
        assertFalse(Native.registered(Missing.class), "nothing is bound before it is asked");
        String first = binding.failure();
        assertTrue(first != null && first.contains("zerocopy_no_such_symbol"), String.valueOf(first));
        assertSame(first, binding.failure(), "remembered");
        assertFalse(binding.bound());
    }

    @Test
    void aLibraryIsUnusableWhenARequiredHolderCannotBeBound() {
        assumeTrue(PosixSystem.running() == PosixSystem.LINUX, "binds the host's C library with Linux's constants");
        String failure = new JnaPosixLibc(PosixSystem.LINUX, new NativeBinding(AlsoMissing.class)).bindingFailure();
        assertTrue(failure != null && failure.contains("zerocopy_no_such_copy_call"), String.valueOf(failure));
        assertNull(new JnaPosixLibc(PosixSystem.LINUX).bindingFailure(), "the shared calls alone are bound");
    }

    @Test
    void aPresentSymbolIsBoundOnFirstUse() {
        assumeTrue(PosixSystem.running() != null, "a C library zerocopy binds");
        NativeBinding binding = new NativeBinding(Present.class);
        assertFalse(Native.registered(Present.class), "creating the binding binds nothing");
        assertNull(binding.failure());
        assertTrue(Native.registered(Present.class));
        assertTrue(binding.bound());
        assertEquals(ProcessHandle.current().pid(), Present.getpid());
    }

    @Test
    void theSystemIsNamedByOsName() {
        assertEquals(PosixSystem.LINUX, PosixSystem.named("Linux"));
        assertEquals(PosixSystem.FREEBSD, PosixSystem.named("FreeBSD"));
        assertEquals(PosixSystem.MACOS, PosixSystem.named("Mac OS X"));
        assertEquals(PosixSystem.SOLARIS, PosixSystem.named("SunOS"));
        assertNull(PosixSystem.named("Windows 11"));
        assertNull(PosixSystem.named(null));
    }
}
