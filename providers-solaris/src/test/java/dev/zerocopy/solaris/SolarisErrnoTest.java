package dev.zerocopy.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zerocopy.spi.Errno;
import org.junit.jupiter.api.Test;

class SolarisErrnoTest {

    @Test
    void numbersAreSystemV() {
        assertEquals(Errno.EAGAIN, SolarisErrno.of(11));
        assertEquals(Errno.EINTR, SolarisErrno.of(4));
        assertEquals(Errno.EINVAL, SolarisErrno.of(22));
        assertEquals(Errno.ENOSYS, SolarisErrno.of(89));
        assertEquals(Errno.ENOTSOCK, SolarisErrno.of(95));
        assertEquals(Errno.EOPNOTSUPP, SolarisErrno.of(122));
        assertEquals(Errno.EOPNOTSUPP, SolarisErrno.of(48), "ENOTSUP");
        assertEquals(Errno.ECONNRESET, SolarisErrno.of(131));
        assertEquals(Errno.UNKNOWN, SolarisErrno.of(35), "35 is EAGAIN only on the BSDs");
        assertEquals(122, SolarisErrno.numberOf(Errno.EOPNOTSUPP));
    }
}
