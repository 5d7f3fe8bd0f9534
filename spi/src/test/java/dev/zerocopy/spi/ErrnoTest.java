package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    private static final Map<String, Errno.Table> TABLES = Map.of("Linux", Errno.Table.LINUX,
            "FreeBSD", Errno.Table.FREEBSD, "macOS", Errno.Table.MACOS, "Solaris", Errno.Table.SOLARIS);

    @Test
    void everyColumnReadsBothWaysWithoutCollisions() {
        TABLES.forEach((os, table) -> {
            Set<Integer> seen = new HashSet<>();
            for (Errno errno : Errno.values()) {
                if (errno == Errno.NONE || errno == Errno.UNKNOWN) {
                    continue;
                }
                int number = table.numberOf(errno);
                assertTrue(number > 0, os + " " + errno);
                assertTrue(seen.add(number), os + ": " + errno + " reuses " + number);
                assertEquals(errno, table.of(number), os + " " + number);
            }
            assertEquals(Errno.NONE, table.of(0), os);
            assertEquals(0, table.numberOf(Errno.NONE), os);
            assertEquals(-1, table.numberOf(Errno.UNKNOWN), os);
            assertEquals(Errno.UNKNOWN, table.of(-1), os);
            assertEquals(Errno.UNKNOWN, table.of(100_000), os);
        });
    }

    @Test
    void theSystemsDifferWhereTheirHeadersDo() {
        assertEquals(Errno.EAGAIN, Errno.Table.LINUX.of(11));
        assertEquals(Errno.EAGAIN, Errno.Table.SOLARIS.of(11));
        assertEquals(Errno.EAGAIN, Errno.Table.FREEBSD.of(35));
        assertEquals(Errno.EAGAIN, Errno.Table.MACOS.of(35));
        assertEquals(Errno.UNKNOWN, Errno.Table.SOLARIS.of(35), "35 is EAGAIN only on the BSDs");
        assertEquals(Errno.ENOSYS, Errno.Table.FREEBSD.of(78));
        assertEquals(Errno.ENOSYS, Errno.Table.SOLARIS.of(89));
        assertEquals(Errno.ENOTSOCK, Errno.Table.FREEBSD.of(38));
        assertEquals(Errno.ENOTSOCK, Errno.Table.SOLARIS.of(95));
        assertEquals(Errno.EBUSY, Errno.Table.FREEBSD.of(16));
        assertEquals(Errno.ECONNRESET, Errno.Table.SOLARIS.of(131));
    }

    @Test
    void enotsupReadsAsEopnotsuppWhereItIsANumberApart() {
        assertEquals(Errno.EOPNOTSUPP, Errno.Table.FREEBSD.of(45));
        assertEquals(45, Errno.Table.FREEBSD.numberOf(Errno.EOPNOTSUPP));
        assertEquals(Errno.EOPNOTSUPP, Errno.Table.MACOS.of(45), "macOS ENOTSUP");
        assertEquals(102, Errno.Table.MACOS.numberOf(Errno.EOPNOTSUPP));
        assertEquals(Errno.EOPNOTSUPP, Errno.Table.SOLARIS.of(48), "Solaris ENOTSUP");
        assertEquals(122, Errno.Table.SOLARIS.numberOf(Errno.EOPNOTSUPP));
    }

    @Test
    void networkErrorsHaveNamesAndDescriptionsEverywhere() {
        for (Errno errno : List.of(Errno.ECONNREFUSED, Errno.ECONNRESET, Errno.EPIPE, Errno.ENOTCONN,
                Errno.ETIMEDOUT, Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.ENETDOWN, Errno.ECONNABORTED)) {
            TABLES.forEach((os, table) -> assertEquals(errno, table.of(table.numberOf(errno)), os));
            assertNotEquals(Errno.UNKNOWN.description(), errno.description());
        }
        assertEquals("Connection refused", Errno.Table.LINUX.of(111).description());
        assertEquals(Errno.ECONNREFUSED, Errno.Table.FREEBSD.of(61));
        assertEquals(Errno.ECONNREFUSED, Errno.Table.SOLARIS.of(146));
    }

    /** The Linux column against the headers of the machine the tests run on. */
    @Test
    void theLinuxColumnMatchesTheHostsHeaders() throws IOException {
        Path base = Path.of("/usr/include/asm-generic/errno-base.h");
        Path more = Path.of("/usr/include/asm-generic/errno.h");
        assumeTrue(Files.isReadable(base) && Files.isReadable(more), "Linux kernel headers not installed");
        Map<String, Integer> defined = new HashMap<>();
        Pattern define = Pattern.compile("#define\\s+(E[A-Z0-9]+)\\s+(\\d+)");
        for (Path header : List.of(base, more)) {
            Matcher m = define.matcher(Files.readString(header));
            while (m.find()) {
                defined.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        for (Errno errno : Errno.values()) {
            if (errno != Errno.NONE && errno != Errno.UNKNOWN) {
                assertEquals(defined.get(errno.name()), Errno.Table.LINUX.numberOf(errno), errno.name());
            }
        }
    }

    @Test
    void notHandledMeansTheCallCannotServeThisPair() {
        Set<Errno> notHandled = new HashSet<>();
        for (Errno errno : Errno.values()) {
            if (errno.meansNotHandled()) {
                notHandled.add(errno);
            }
        }
        assertEquals(Set.of(Errno.ENOSYS, Errno.EINVAL, Errno.EOPNOTSUPP, Errno.EXDEV, Errno.ENOTSOCK,
                Errno.ESPIPE), notHandled);
    }
}
