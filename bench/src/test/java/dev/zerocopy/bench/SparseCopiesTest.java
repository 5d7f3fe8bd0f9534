package dev.zerocopy.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** S3b runs with a small file: both ways copy it identically (no timing asserted). */
class SparseCopiesTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void bothWaysCopyTheSparseFileIdentically() throws Exception {
        String table = SparseCopies.run(dir.resolve("s3b"), 8L << 20, 2);
        assertEquals(2, table.lines().filter(line -> line.endsWith("| yes |")).count(), table);
        assertFalse(table.contains("NO"), table);
    }
}
