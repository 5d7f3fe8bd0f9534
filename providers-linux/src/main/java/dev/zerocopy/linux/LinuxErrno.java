package dev.zerocopy.linux;

import com.sun.jna.Native;
import dev.zerocopy.spi.Errno;

/** Linux's error numbers ({@link Errno.Table#LINUX}) and the error of the call that just failed. */
final class LinuxErrno {

    /** Linux's column of the {@link Errno} table. */
    static final Errno.Table TABLE = Errno.Table.LINUX;

    private LinuxErrno() {
    }

    /** The error of the call that just returned -1 on this thread. */
    static int last() {
        return Native.getLastError();
    }
}
