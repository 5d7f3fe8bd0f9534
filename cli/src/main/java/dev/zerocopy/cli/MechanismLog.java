package dev.zerocopy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records which mechanism each transfer used, from the SPI's JFR event {@code dev.zerocopy.Transfer}
 * (fields provider, direction, mechanism, bytes, fallbackReason): a recording of only that event runs
 * between {@link #start(Path)} and {@link #stop()}, is dumped to a file and read back, which is exact
 * (a streaming consumer would deliver the last events only after its next flush).
 */
final class MechanismLog {

    /** The event's name. */
    static final String EVENT = "dev.zerocopy.Transfer";

    private final Recording recording;
    private final Path dump;

    private MechanismLog(Recording recording, Path dump) {
        this.recording = recording;
        this.dump = dump;
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

        void add(RecordedEvent event) {
            providers.add(String.valueOf(event.getString("provider")));
            mechanisms.add(String.valueOf(event.getString("mechanism")));
            String reason = event.getString("fallbackReason");
            if (reason != null && !reason.isBlank()) {
                fallbackReasons.add(reason);
            }
            bytes += event.getLong("bytes");
            transfers++;
        }
    }

    /**
     * Starts recording, or returns {@code null} if JFR is not available in this runtime.
     *
     * @param dump the file to dump the recording into
     * @return the log, or {@code null}
     */
    static MechanismLog start(Path dump) {
        try {
            Recording recording = new Recording();
            recording.setName("zerocopy-demo");
            recording.enable(EVENT).withoutThreshold().withoutStackTrace();
            recording.start();
            return new MechanismLog(recording, dump);
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
        List<RecordedEvent> events = new ArrayList<>();
        try (recording) {
            recording.stop();
            recording.dump(dump);
            events.addAll(RecordingFile.readAllEvents(dump));
        } finally {
            Files.deleteIfExists(dump);
        }
        events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
        Map<String, Side> sides = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            if (EVENT.equals(event.getEventType().getName())) {
                sides.computeIfAbsent(String.valueOf(event.getString("direction")), d -> new Side()).add(event);
            }
        }
        return sides;
    }
}
