package dev.zerocopy.spi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Records the {@code dev.zerocopy.Transfer} events of some code, for tests that check which path ran. */
public final class RecordedTransfers {

    /** Code that may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** One event's fields. */
    public record Transfer(String provider, String direction, String mechanism, long bytes, String fallbackReason,
            String protocol, boolean virtualThread, int waits) {
    }

    private RecordedTransfers() {
    }

    /**
     * Runs the action with a recording and returns the transfer events it committed, in order.
     *
     * @param action the code
     * @return the events
     * @throws Exception what the action throws
     */
    public static List<Transfer> of(Action action) throws Exception {
        Path dump = Files.createTempFile("transfers", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.zerocopy.Transfer");
            recording.start();
            action.run();
            recording.stop();
            recording.dump(dump);
            return RecordingFile.readAllEvents(dump).stream()
                    .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime))
                    .map(e -> new Transfer(e.getString("provider"), e.getString("direction"),
                            e.getString("mechanism"), e.getLong("bytes"), e.getString("fallbackReason"),
                            e.getString("protocol"), e.getBoolean("virtualThread"), e.getInt("waits")))
                    .toList();
        } finally {
            Files.deleteIfExists(dump);
        }
    }
}
