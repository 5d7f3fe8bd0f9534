package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.TransferFailedException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The progress line fits the terminal; rates and failures read as a user expects. */
class ProgressTest {

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {20, 45, 60, 80, 200})
    void theLineNeverReachesTheLastColumn(int columns) {
        for (long done : new long[] {0, 1, 5L << 30, (10L << 30) - 1}) {
            String line = Progress.render("copy", done, 10L << 30, 3_000_000_000L, columns);
            assertTrue(line.length() < columns, line.length() + " >= " + columns + ": " + line);
            assertTrue(line.startsWith("copy "), line);
        }
        String unknown = Progress.render("recv", 123456789, -1, 1_000_000_000L, columns);
        assertTrue(unknown.length() < columns, unknown);
    }

    @Test
    void wideTerminalsShowTheBarNarrowOnesKeepTheNumbers() {
        String wide = Progress.render("copy", 5L << 30, 10L << 30, 2_000_000_000L, 120);
        assertTrue(wide.matches("copy \\[#{15}\\.{15}\\] 50% 5 GiB / 10 GiB  2.5 GiB/s  ETA 0:02"), wide);
        String narrow = Progress.render("copy", 5L << 30, 10L << 30, 2_000_000_000L, 45);
        assertEquals("copy 50% 5 GiB / 10 GiB  2.5 GiB/s  ETA 0:02", narrow);
    }

    @Test
    void ratesUseAUnitThatFits() {
        assertEquals("1.00 GiB/s", Units.throughput(1L << 30, 1_000_000_000L));
        assertEquals("512.0 MiB/s", Units.throughput(512L << 20, 1_000_000_000L));
        assertEquals("17.6 KiB/s", Units.throughput(18, 1_000_000L));
        assertEquals("18 B/s", Units.throughput(18, 1_000_000_000L));
    }

    @Test
    void failuresCarryOneByteCountInTheUsersWords() {
        IOException pipe = new TransferFailedException("sendfile", "EPIPE", "Broken pipe", 80);
        assertEquals("connection closed by the receiver after 580 bytes (Broken pipe)",
                Failures.afterBytes(pipe, 580, Transfers.Peer.RECEIVER));
        IOException reset = new TransferFailedException("splice", "ECONNRESET", "Connection reset by peer", 0);
        assertEquals("connection reset by the sender after 7 bytes", Failures.afterBytes(reset, 7, Transfers.Peer.SENDER));
        IOException full = new TransferFailedException("copy_file_range", "ENOSPC", "No space left on device", 3);
        assertEquals("No space left on device after 9 bytes", Failures.afterBytes(full, 9, Transfers.Peer.NONE));
        IOException wrapped = new TransferFailedException("write", new IOException("Input/output error"), 4);
        assertEquals("Input/output error after 4 bytes", Failures.afterBytes(wrapped, 4, Transfers.Peer.NONE));
        assertEquals("interrupted after 5 bytes",
                Failures.afterBytes(new ClosedByInterruptException(), 5, Transfers.Peer.RECEIVER));
    }
}
