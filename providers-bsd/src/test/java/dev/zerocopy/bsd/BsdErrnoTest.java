package dev.zerocopy.bsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.spi.Errno;
import org.junit.jupiter.api.Test;

class BsdErrnoTest {

    @Test
    void freeBsdNumbersMatchSysErrnoH() {
        assertEquals(Errno.EAGAIN, BsdErrno.FREEBSD.of(35));
        assertEquals(Errno.EINTR, BsdErrno.FREEBSD.of(4));
        assertEquals(Errno.EBUSY, BsdErrno.FREEBSD.of(16));
        assertEquals(Errno.EPIPE, BsdErrno.FREEBSD.of(32));
        assertEquals(Errno.EOPNOTSUPP, BsdErrno.FREEBSD.of(45));
        assertEquals(Errno.ENOSYS, BsdErrno.FREEBSD.of(78));
        assertEquals(Errno.ENOTSOCK, BsdErrno.FREEBSD.of(38));
        assertEquals(Errno.ECONNRESET, BsdErrno.FREEBSD.of(54));
        assertEquals(Errno.UNKNOWN, BsdErrno.FREEBSD.of(102));
        assertEquals(Errno.NONE, BsdErrno.FREEBSD.of(0));
        assertEquals(22, BsdErrno.FREEBSD.numberOf(Errno.EINVAL));
    }

    @Test
    void macOsHasTwoNumbersForNotSupported() {
        assertEquals(Errno.EOPNOTSUPP, BsdErrno.MACOS.of(102));
        assertEquals(Errno.EOPNOTSUPP, BsdErrno.MACOS.of(45), "ENOTSUP");
        assertEquals(102, BsdErrno.MACOS.numberOf(Errno.EOPNOTSUPP));
        assertEquals(Errno.EAGAIN, BsdErrno.MACOS.of(35));
        assertEquals(Errno.ENOSYS, BsdErrno.MACOS.of(78));
        assertEquals(Errno.EOVERFLOW, BsdErrno.MACOS.of(84));
    }
}
