package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * copy and send read every source until its end of file, whatever size it reports (procfs, sysfs,
 * FIFOs, standard input), print their status on standard error, and treat {@code -} and a trailing
 * slash as cp does.
 */
@Timeout(120)
class StreamsIT {

    @TempDir
    Path dir;

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** What a plain read until end of file gives, as cat and Files.copy read it. */
    private static byte[] readToEnd(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void procfsFileReportingSizeZeroIsCopiedWhole() throws Exception {
        Path proc = Path.of("/proc/version");
        assumeTrue(Files.isReadable(proc), "no procfs");
        assertEquals(0, Files.size(proc), "procfs reports size 0");
        byte[] expected = readToEnd(proc);
        Path target = dir.resolve("version");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", proc.toString(), target.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertArrayEquals(expected, Files.readAllBytes(target));
        assertTrue(result.stderr().startsWith("copied " + expected.length + " bytes"), result::toString);
    }

    @Test
    void sysfsFileReportingMoreThanItHoldsIsNotAFailure() throws Exception {
        Path sys = Path.of("/sys/devices/system/cpu/online");
        assumeTrue(Files.isReadable(sys), "no sysfs");
        byte[] expected = readToEnd(sys);
        assumeTrue(Files.size(sys) > expected.length, "the sysfs file reports its true size here");
        Path target = dir.resolve("online");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", sys.toString(), target.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertArrayEquals(expected, Files.readAllBytes(target));
    }

    @Test
    void fifoIsReadUntilTheWriterCloses() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        byte[] data = random(3 * 1024 * 1024 + 5, 1);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(data);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Path target = dir.resolve("from-fifo");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", fifo.toString(), target.toString());
        writer.join(TimeUnit.SECONDS.toMillis(60));
        assertEquals(0, result.exitCode(), result::toString);
        assertArrayEquals(data, Files.readAllBytes(target));
        assertTrue(result.stderr().startsWith("copied " + data.length + " bytes"), result::toString);
    }

    @Test
    void dashAndDevStdinReadStandardInputToItsEnd() throws Exception {
        byte[] data = random(2 * 1024 * 1024 + 3, 2);
        for (String name : new String[] {"-", "/dev/stdin"}) {
            Path target = dir.resolve("stdin-copy");
            ZeroCopyJar.Result result = ZeroCopyJar.runWithInput(data, "copy", name, target.toString());
            assertEquals(0, result.exitCode(), result::toString);
            assertArrayEquals(data, Files.readAllBytes(target), name);
        }
    }

    @Test
    void standardOutputCarriesExactlyTheData() throws Exception {
        byte[] data = random(1024 * 1024 + 11, 3);
        Path source = Files.write(dir.resolve("source"), data);
        for (String name : new String[] {"-", "/dev/stdout"}) {
            ZeroCopyJar.Result result = ZeroCopyJar.run("copy", source.toString(), name);
            assertEquals(0, result.exitCode(), result::toString);
            assertArrayEquals(data, result.stdoutBytes(), name);
            assertTrue(result.stderr().startsWith("copied " + data.length + " bytes"), result::toString);
        }
    }

    @Test
    void sendReadsStandardInputToItsEnd() throws Exception {
        byte[] data = random(1024 * 1024 + 7, 4);
        try (ZeroCopyJar.Running recv = ZeroCopyJar.start("recv", "0", "-")) {
            String address = recv.awaitLine("listening on ").substring("listening on ".length());
            ZeroCopyJar.Result send = ZeroCopyJar.runWithInput(data, "send", "/dev/stdin", address);
            assertEquals(0, send.exitCode(), send::toString);
            assertTrue(send.stderr().startsWith("sent " + data.length + " bytes"), send::toString);
            ZeroCopyJar.Result received = recv.finish();
            assertEquals(0, received.exitCode(), received::toString);
            assertArrayEquals(data, received.stdoutBytes(), "recv - writes exactly the data on standard output");
        }
    }

    @Test
    void trailingSlashNamesADirectoryThatMustExist() throws Exception {
        Path source = Files.writeString(dir.resolve("a.txt"), "a");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", source.toString(), dir.resolve("newdir") + "/");
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("zerocopy: cannot create " + dir.resolve("newdir") + "/: Not a directory\n", result.stderr());
        assertFalse(Files.exists(dir.resolve("newdir")));
    }

    @Test
    void aNewFileGetsTheSourcesPermissionBitsLessTheUmask() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path source = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\n");
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(source, mode);
        // What the umask leaves of rwxrwxrwx, probed the way open(2) applies it.
        Path probe = Files.createFile(dir.resolve("probe"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Set<PosixFilePermission> expected = new java.util.HashSet<>(mode);
        expected.retainAll(Files.getPosixFilePermissions(probe));
        Path target = dir.resolve("copy.sh");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", source.toString(), target.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(expected, Files.getPosixFilePermissions(target));
    }

    @Test
    void summaryOfASmallCopyUsesASmallUnit() throws Exception {
        Path source = Files.writeString(dir.resolve("small"), "eighteen bytes ..\n");
        ZeroCopyJar.Result result = ZeroCopyJar.run("copy", source.toString(), dir.resolve("small2").toString());
        assertEquals(0, result.exitCode(), result::toString);
        // The time runs from the first byte (the provider's one-time set-up, ~0.1 s, is not in it); a loaded
        // machine may still take longer than that for the copy itself, so only the unit is held tight.
        assertTrue(result.stderr().matches("copied 18 bytes \\(18 B\\) from .* in 0\\.\\d{3} s, \\d+(\\.\\d)? (B|KiB|MiB)/s, "
                + "provider \\w+\n"), result::toString);
    }
}
