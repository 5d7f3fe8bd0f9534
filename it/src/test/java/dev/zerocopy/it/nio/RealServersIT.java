package dev.zerocopy.it.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.PseudoRandomStream;
import dev.zerocopy.spi.RecordedTransfers;
import dev.zerocopy.spi.RecordedTransfers.Transfer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified servers ({@link RealServers}) serve a 64 MiB file under {@code -javaagent}: the bytes arrive
 * exactly; for Undertow and Tomcat the flight recording shows {@code ZeroCopyTransfer} sending the whole
 * file from file to socket (sendfile with the Linux provider); Netty's epoll transport, whose native code
 * reads the JDK channel's private fields, keeps working because the agent leaves the channel the JDK's own.
 */
@Timeout(180)
class RealServersIT {

    private static final long SIZE = 64L << 20;
    private static final long SEED = 0x5e4e_2026L;
    /** The most body bytes Undertow sends together with the headers, from its pooled buffer. */
    private static final long UNDERTOW_HEADER_BUFFER = 64 << 10;

    @TempDir
    static Path shared;
    private static Path served;

    @TempDir
    Path work;

    @BeforeAll
    static void writeFile() throws Exception {
        served = shared.resolve("served.bin");
        PseudoRandomStream.writeFile(served, SEED, SIZE);
    }

    @Test
    void undertowResourceHandler() throws Exception {
        // Undertow copies the first bytes of the body into the buffer that holds the headers (16 KiB here).
        assertSentByZeroCopy(serve("undertow"), SIZE - UNDERTOW_HEADER_BUFFER);
    }

    @Test
    void tomcatDefaultServletWithSendfile() throws Exception {
        assertSentByZeroCopy(serve("tomcat"), SIZE);
    }

    @Test
    void nettyEpollFileRegionStillWorks() throws Exception {
        serve("netty");
    }

    /** What the child printed, for failure messages. */
    private String childOutput = "";

    private List<Transfer> serve(String server) throws Exception {
        Path recording = work.resolve("server.jfr");
        Path out = work.resolve("downloaded.bin");
        ChildJvm.Result result = ChildJvm.run(ChildJvm.Route.AGENT, work,
                List.of("-Xlog:jfr+startup=off", "-XX:StartFlightRecording:filename=" + recording),
                RealServers.class, server, served.toString(), out.toString());
        childOutput = ChildJvm.describe(result);
        assertEquals(0, result.exitCode(), childOutput);
        assertTrue(result.stdout().contains(server + " " + SIZE), ChildJvm.describe(result));
        assertEquals(-1, PseudoRandomStream.firstMismatch(out, SEED, SIZE), server + ": bytes identical");
        return RecordedTransfers.read(recording);
    }

    private void assertSentByZeroCopy(List<Transfer> events, long atLeast) {
        boolean linux = ZeroCopyTransfer.load().name().equals("linux");
        long sent = 0;
        for (Transfer event : events) {
            if (event.direction().equals("file->socket")) {
                if (linux) {
                    assertEquals("sendfile", event.mechanism(), event.toString());
                }
                sent += event.bytes();
            }
        }
        String what = "file->socket bytes recorded: " + sent + " in " + events.size() + " events; " + childOutput;
        assertTrue(sent >= atLeast && sent <= SIZE, what);
    }
}
