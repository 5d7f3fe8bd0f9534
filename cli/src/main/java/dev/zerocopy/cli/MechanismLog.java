package dev.zerocopy.cli;

import dev.zerocopy.spi.RecordedTransfers;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records which mechanism each transfer used between {@link #start()} and {@link #stop()}, by direction,
 * from the SPI's JFR event (read with {@link RecordedTransfers}).
 */
final class MechanismLog {

    private final RecordedTransfers recording;

    private MechanismLog(RecordedTransfers recording) {
        this.recording = recording;
    }

    /** What the transfers of one direction did. */
    static final class Side {
        private final Set<String> providers = new LinkedHashSet<>();
        private final Set<String> mechanisms = new LinkedHashSet<>();
        private final Set<String> fallbackReasons = new LinkedHashSet<>();
        private long bytes;
        private int transfers;

        /**
         * Returns the mechanisms used, joined with {@code +}, such as {@code "splice"}.
         *
         * @return the mechanisms
         */
        String mechanisms() {
            return String.join("+", mechanisms);
        }

        /**
         * Returns the providers seen, joined with {@code +}.
         *
         * @return the providers
         */
        String providers() {
            return String.join("+", providers);
        }

        /**
         * Returns why faster mechanisms were not used, or an empty string.
         *
         * @return the reasons, joined with {@code "; "}
         */
        String fallbackReasons() {
            return String.join("; ", fallbackReasons);
        }

        /**
         * Returns the bytes the events report.
         *
         * @return the sum
         */
        long bytes() {
            return bytes;
        }

        /**
         * Returns the number of events.
         *
         * @return the count
         */
        int transfers() {
            return transfers;
        }

        void add(RecordedTransfers.Transfer transfer) {
            providers.add(String.valueOf(transfer.provider()));
            mechanisms.add(String.valueOf(transfer.mechanism()));
            String reason = transfer.fallbackReason();
            if (reason != null && !reason.isBlank()) {
                fallbackReasons.add(reason);
            }
            bytes += transfer.bytes();
            transfers++;
        }
    }

    /**
     * Starts recording, or returns {@code null} if JFR is not available in this runtime.
     *
     * @return the log, or {@code null}
     */
    static MechanismLog start() {
        try {
            return new MechanismLog(RecordedTransfers.start());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Stops recording and returns what the transfers did, by direction ({@code "file->socket"} ...).
     *
     * @return the sides, in the order of their first event
     * @throws IOException if the recording cannot be dumped or read
     */
    Map<String, Side> stop() throws IOException {
        Map<String, Side> sides = new LinkedHashMap<>();
        for (RecordedTransfers.Transfer transfer : recording.stop()) {
            sides.computeIfAbsent(String.valueOf(transfer.direction()), d -> new Side()).add(transfer);
        }
        return sides;
    }
}
