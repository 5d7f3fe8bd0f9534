package dev.zerocopy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records the {@code dev.zerocopy.Transfer} JFR events of one untimed run, to report which mechanism the
 * provider used and why it fell back, if it did: a slow zerocopy row means little without that.
 */
final class MechanismProbe {

    private static final String EVENT = "dev.zerocopy.Transfer";

    private MechanismProbe() {
    }

    /**
     * Runs a trial under a recording.
     *
     * @param scratch where to dump the recording
     * @param trial   the run, made with verification on
     * @return the distinct mechanisms seen, with fallback reasons, such as {@code sendfile}
     * @throws Exception if the run fails
     */
    static String observe(Path scratch, Variant.Trial trial) throws Exception {
        Path dump = Files.createTempFile(scratch, "probe", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable(EVENT).withThreshold(Duration.ZERO).withoutStackTrace();
            recording.start();
            trial.run(true);
            recording.stop();
            recording.dump(dump);
            return mechanisms(dump);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private static String mechanisms(Path dump) throws IOException {
        Set<String> seen = new TreeSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
            if (event.getEventType().getName().equals(EVENT)) {
                String reason = event.getString("fallbackReason");
                seen.add(event.getString("mechanism") + (reason == null ? "" : " (fallback: " + reason + ")"));
            }
        }
        return seen.isEmpty() ? "no event" : String.join(", ", seen);
    }
}
