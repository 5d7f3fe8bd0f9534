package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM whose flight recorder never starts does not load the transfer's JFR event class, whose first use
 * costs about 0.1 s of JFR set-up; once a recording runs, transfers record their event.
 */
@Timeout(60)
class TransferEventCostTest {

    @TempDir
    Path dir;

    /** Makes transfers in a fresh JVM: one before any recording, then with {@code record} one under a recording. */
    public static final class Probe {
        /**
         * Prints the bytes of a 4 KiB transfer from a temporary file into a pipe; with {@code record}, then
         * the number of events a recording started afterwards saw of a second one.
         *
         * @param args {@code record}, or nothing
         * @throws Exception if a transfer fails
         */
        public static void main(String[] args) throws Exception {
            Path file = Files.write(Files.createTempFile("event-cost", ".bin"), new byte[4096]);
            Pipe pipe = Pipe.open();
            ZeroCopyTransfer portable = new PortableTransfer();
            try (FileChannel in = FileChannel.open(file); Pipe.SinkChannel sink = pipe.sink();
                    Pipe.SourceChannel source = pipe.source()) {
                System.out.println(portable.transfer(in, 0, 4096, sink));
                if (args.length > 0) {
                    source.read(java.nio.ByteBuffer.allocate(4096));
                    System.out.println(RecordedTransfers.of(() -> portable.transfer(in, 0, 4096, sink)).size());
                }
            } finally {
                Files.delete(file);
            }
        }
    }

    @Test
    void aJvmThatRecordsNothingLoadsNoEventClass() throws Exception {
        Path classes = dir.resolve("classes.log");
        ForkedJvm.Output output = ForkedJvm.run(Probe.class, "-Xlog:class+load=info:file=" + classes);
        assertEquals("4096", output.out(), output.err());
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains(TransferContext.class.getName() + " "), "the probe made a transfer");
        assertFalse(loaded.contains(TransferEvent.class.getName() + " "), "the event class was loaded");
        assertFalse(loaded.contains("jdk.jfr.Event "), "JFR's event machinery was loaded");
    }

    @Test
    void aRecordingStartedAfterTransfersSeesTheNextOne() throws Exception {
        ForkedJvm.Output output = ForkedJvm.run(ProbeWithRecording.class);
        assertEquals("4096\n1", output.out(), output.err());
    }

    /** The probe, recording its second transfer. */
    public static final class ProbeWithRecording {
        /**
         * Runs {@link Probe} with {@code record}.
         *
         * @param args none
         * @throws Exception if a transfer fails
         */
        public static void main(String[] args) throws Exception {
            Probe.main(new String[] {"record"});
        }
    }
}
