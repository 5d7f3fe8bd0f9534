package dev.zerocopy.it.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import dev.zerocopy.spi.RecordedTransfers.Transfer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ServeFiles}, which knows nothing of zerocopy, serves and receives one file four ways at once in a
 * child JVM, run plain, with {@code -javaagent} and with the {@code -D} file system provider. The child's
 * flight recording shows where {@code ZeroCopyTransfer} ran ({@code dev.zerocopy.Transfer} events, by
 * thread): nowhere plain, on every way with the agent, and on the {@code FileChannel.open} and
 * {@code Files.newByteChannel} ways with the provider (whose channels are the JDK's own when the agent is
 * active too). Every copy is byte-identical, and neither route prints anything; a broken provider set-up
 * falls back to the JDK with one warning. With the Linux provider present, the events also name sendfile
 * and splice.
 */
@Timeout(180)
class NioRoutesIT {

    private static final long SIZE = (8L << 20) + 12345;
    private static final long SEED = 0x2026_0005L;

    @TempDir
    static Path shared;
    private static Path source;

    @TempDir
    Path work;

    @BeforeAll
    static void writeSource() throws Exception {
        source = shared.resolve("served.bin");
        PseudoRandomStream.writeFile(source, SEED, SIZE);
    }

    private static final String JDK_CHANNEL = "sun.nio.ch.FileChannelImpl";
    private static final String HOOK_DISABLED = "zerocopy: FileChannel transfers use the JDK's own implementation";

    @Test
    void plainJvmRecordsNoTransfers() throws Exception {
        assertEquals(Map.of(), transfersByThread(silent(serve(ChildJvm.Route.PLAIN, JDK_CHANNEL))));
    }

    /** With the agent every way is routed, and channels stay the JDK's, also with the provider installed. */
    @ParameterizedTest
    @EnumSource(value = ChildJvm.Route.class, names = {"AGENT", "BOTH"})
    void agentRoutesEveryFileChannel(ChildJvm.Route route) throws Exception {
        assertRouted(transfersByThread(silent(serve(route, JDK_CHANNEL))), ServeFiles.WAYS);
    }

    @Test
    void providerRoutesFileChannelOpenAndNewByteChannel() throws Exception {
        Map<String, List<Transfer>> events = transfersByThread(
                silent(serve(ChildJvm.Route.PROVIDER, "dev.zerocopy.nio.ZeroCopyFileChannel")));
        assertRouted(events, List.of("open", "bytechannel"));
    }

    @Test
    void aBrokenProviderSetupFallsBackToTheJdkAndSaysSoOnce() throws Exception {
        Served served = serve(ChildJvm.Route.AGENT, JDK_CHANNEL, "-Ddev.zerocopy.provider=no-such-provider");
        assertEquals(1, served.result().stderr().stream().filter(line -> line.contains(HOOK_DISABLED)).count(),
                ChildJvm.describe(served.result()));
        assertTrue(served.result().stderr().stream().anyMatch(line -> line.contains("no-such-provider")),
                ChildJvm.describe(served.result()));
        assertEquals(Map.of(), transfersByThread(served.recording()));
    }

    /** A child's result and its flight recording. */
    private record Served(ChildJvm.Result result, Path recording) {
    }

    /** Runs the child and checks its output and copies; every way must deliver the exact bytes. */
    private Served serve(ChildJvm.Route route, String channelClass, String... jvmArgs) throws Exception {
        Path recording = work.resolve("transfers.jfr");
        List<String> args = new java.util.ArrayList<>(List.of(jvmArgs));
        args.add("-Xlog:jfr+startup=off");
        args.add("-XX:StartFlightRecording:filename=" + recording);
        ChildJvm.Result result = ChildJvm.run(route, work, args, ServeFiles.class, source.toString(), work.toString());
        String description = route + ": " + ChildJvm.describe(result);
        assertEquals(0, result.exitCode(), description);
        List<String> expected = ServeFiles.WAYS.stream().map(way -> way + " " + SIZE).collect(Collectors.toList());
        expected.add("channel " + channelClass);
        assertEquals(expected, result.stdout(), description);
        for (String way : ServeFiles.WAYS) {
            assertEquals(-1, PseudoRandomStream.firstMismatch(work.resolve(way + ".bin"), SEED, SIZE),
                    route + " " + way + ": bytes identical");
        }
        return new Served(result, recording);
    }

    /** The child printed nothing on its error stream. */
    private static Path silent(Served served) throws Exception {
        assertEquals(List.of(), served.result().stderr(), "prints nothing: " + ChildJvm.describe(served.result()));
        return served.recording();
    }

    private static Map<String, List<Transfer>> transfersByThread(Path recording) throws Exception {
        Map<String, List<Transfer>> byThread = new TreeMap<>();
        for (Transfer transfer : RecordedTransfers.read(recording)) {
            String thread = transfer.thread() == null ? "?" : transfer.thread();
            byThread.computeIfAbsent(thread, t -> new java.util.ArrayList<>()).add(transfer);
        }
        return byThread;
    }

    /** Exactly the given ways' threads ran transfers; each moved the whole file in its direction. */
    private static void assertRouted(Map<String, List<Transfer>> events, List<String> ways) {
        Set<String> expected = new TreeSet<>();
        for (String way : ways) {
            expected.add("serve-" + way);
            expected.add("recv-" + way);
        }
        assertEquals(expected, events.keySet(), "threads with transfers");
        boolean linux = ZeroCopyTransfer.load().name().equals("linux");
        for (String way : ways) {
            assertWhole(events.get("serve-" + way), "file->socket", linux ? Set.of("sendfile") : null);
            assertWhole(events.get("recv-" + way), "socket->file", linux ? Set.of("splice") : null);
        }
    }

    private static void assertWhole(List<Transfer> events, String direction, Set<String> mechanisms) {
        long bytes = 0;
        for (Transfer event : events) {
            assertEquals(direction, event.direction(), event.toString());
            assertTrue(event.provider() != null && !event.provider().isEmpty());
            if (mechanisms != null) {
                assertTrue(mechanisms.contains(event.mechanism()), event.toString());
            }
            bytes += event.bytes();
        }
        assertEquals(SIZE, bytes, direction + " events add up to the file");
    }
}
