package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({"4096, 4096", "64K, 65536", "256M, 268435456", "256MiB, 268435456", "1g, 1073741824",
        "2GB, 2147483648", "0, 0", "8T, 8796093022208"})
    void parsesSizes(String text, long bytes) {
        assertEquals(bytes, Units.parseSize(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "-1", "1.5G", "abc", "12X", "9999999999T", "99999999999999999999"})
    void rejectsNonSizes(String text) {
        assertThrows(IllegalArgumentException.class, () -> Units.parseSize(text));
    }

    @Test
    void formatsForPeople() {
        assertEquals("512 B", Units.bytes(512));
        assertEquals("64 MiB", Units.bytes(64L << 20));
        assertEquals("1.5 GiB", Units.bytes(3L << 29));
        assertEquals("1.00 GiB/s", Units.gibPerSecond(1L << 30, 1_000_000_000L));
        assertEquals("1:01:01", Units.clock(3661));
        assertEquals("0:59", Units.clock(59));
    }

    @Test
    void writesAddressesAsUsersDo() throws Exception {
        assertEquals("::1", Listening.text(java.net.InetAddress.getByName("::1")));
        assertEquals("::", Listening.text(java.net.InetAddress.getByName("::")));
        assertEquals("2001:db8::1:0:0:1", Listening.text(java.net.InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", Listening.text(java.net.InetAddress.getByName("2001:db8:0:1:1:1:1:1")));
        assertEquals("0.0.0.0", Listening.text(java.net.InetAddress.getByName("0.0.0.0")));
        assertEquals("[::1]:80", Listening.describe(new java.net.InetSocketAddress("::1", 80)));
    }

    @Test
    void parsesHostPorts() {
        assertEquals(new HostPort("::1", 9000), HostPort.parse("[::1]:9000"));
        assertEquals(new HostPort("example.org", 1), HostPort.parse("example.org:1"));
        assertEquals("[::1]:9000", new HostPort("::1", 9000).toString());
        for (String bad : new String[] {"host", ":80", "host:", "::1:80", "h:0", "h:65536", "h:x", "[]:1"}) {
            assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad), bad);
        }
    }
}
