package dev.zerocopy.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads back the JFR event {@value #EVENT} that every transfer commits: which provider and mechanism
 * ran, in which direction, how many bytes moved and why a faster mechanism was not used. For tools and
 * tests that report or check the path a transfer took: record some code in this JVM ({@link #of(Action)},
 * or {@link #start()} and {@link #stop()}), or read a recording made elsewhere, such as a JVM started
 * with {@code -XX:StartFlightRecording} ({@link #read(Path)}).
 *
 * <p>A recording is dumped to a file and read back, which is exact: a streaming consumer would deliver
 * the last events only after its next flush.
 */
public final class RecordedTransfers implements AutoCloseable {

    /** The event's name. */
    public static final String EVENT = TransferEvent.NAME;

    /**
     * One event's fields.
     *
     * @param provider       the provider's name
     * @param direction      the pair of channel kinds, such as {@code file->socket}
     * @param mechanism      what moved the bytes: {@code sendfile}, {@code splice}, {@code copy_file_range},
     *                       {@code jdk}, {@code buffer} ...
     * @param bytes          the bytes transferred
     * @param fallbackReason why faster mechanisms were not used, or {@code null}
     * @param protocol       how the channels were held: {@code guest}, {@code dup} or {@code none}
     * @param virtualThread  whether a virtual thread transferred
     * @param waits          the waits for readiness
     * @param thread         the Java name of the thread that transferred, or {@code null} if unknown
     */
    public record Transfer(String provider, String direction, String mechanism, long bytes, String fallbackReason,
            String protocol, boolean virtualThread, int waits, String thread) {
    }

    /** Code to record, which may throw. */
    @FunctionalInterface
    public interface Action {
        /**
         * Runs the code.
         *
         * @throws Exception what the code throws
         */
        void run() throws Exception;
    }

    private final Recording recording;

    private RecordedTransfers(Recording recording) {
        this.recording = recording;
    }

    /**
     * Starts recording the event in this JVM, every transfer however short, without stack traces.
     *
     * @return the running recording; {@link #stop()} returns the events, {@link #close()} discards them
     * @throws IllegalStateException if JFR cannot record in this runtime
     */
    public static RecordedTransfers start() {
        Recording recording = new Recording();
        recording.setName("zerocopy-transfers");
        recording.enable(EVENT).withoutThreshold().withoutStackTrace();
        recording.start();
        return new RecordedTransfers(recording);
    }

    /**
     * Stops recording and returns the transfers recorded, in the order they started.
     *
     * @return the transfers
     * @throws IOException if the recording cannot be dumped or read back
     */
    public List<Transfer> stop() throws IOException {
        Path dump = Files.createTempFile("zerocopy-transfers", ".jfr");
        try (recording) {
            recording.stop();
            recording.dump(dump);
            return read(dump);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** Stops recording, if it still runs, and discards what was recorded. */
    @Override
    public void close() {
        recording.close();
    }

    /**
     * Runs the code under a recording and returns the transfers it made, in the order they started.
     *
     * @param action the code
     * @return the transfers
     * @throws Exception what the code throws, or an {@link IOException} from reading the recording
     */
    public static List<Transfer> of(Action action) throws Exception {
        try (RecordedTransfers transfers = start()) {
            action.run();
            return transfers.stop();
        }
    }

    /**
     * Reads the transfers from a recording file, in the order they started; other events are skipped.
     *
     * @param recording the file
     * @return the transfers
     * @throws IOException if the file cannot be read
     */
    public static List<Transfer> read(Path recording) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals(EVENT))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime))
                .map(RecordedTransfers::transfer)
                .toList();
    }

    private static Transfer transfer(RecordedEvent event) {
        return new Transfer(event.getString("provider"), event.getString("direction"), event.getString("mechanism"),
                event.getLong("bytes"), event.getString("fallbackReason"), event.getString("protocol"),
                event.getBoolean("virtualThread"), event.getInt("waits"),
                event.getThread() == null ? null : event.getThread().getJavaName());
    }
}
