package dev.zerocopy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** S7 runs with tiny sizes, every byte drained, one row per way (no timing asserted). */
class ManyConnectionsTest {

    @Test
    @Timeout(120)
    void everyWayRunsAndDrainsEveryByte() throws Exception {
        String table = ManyConnections.run(20, 64 * 1024, 1);
        long rows = table.lines().filter(line -> line.startsWith("| zerocopy") || line.startsWith("| JDK")).count();
        assertEquals(Runtime.version().feature() >= 21 ? 4 : 2, rows, table);
        assertTrue(table.contains("GiB/s"), table);
    }
}
