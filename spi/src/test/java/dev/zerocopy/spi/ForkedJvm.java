package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test's probe in a fresh JVM on the test class path, and what such probes share. */
public final class ForkedJvm {

    /** What the probe printed. */
    public record Output(String out, String err) {
    }

    private ForkedJvm() {
    }

    /**
     * Runs {@code main}'s {@code main} method in a fresh JVM and asserts that it exited with 0 within 30 s.
     *
     * @param main    the class whose {@code main} runs
     * @param jvmArgs the JVM's options
     * @return what it printed, trimmed
     * @throws IOException          if the JVM cannot start
     * @throws InterruptedException if interrupted while waiting
     */
    public static Output run(Class<?> main, String... jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Path out = Files.createTempFile("forked", ".out");
        Path err = Files.createTempFile("forked", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");     // only the options asked for
            Process process = builder.start();
            process.getOutputStream().close();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8).trim();
            String errors = Files.readString(err, StandardCharsets.UTF_8).trim();
            assertTrue(exited, "still running after 30 s: " + errors);
            assertEquals(0, process.exitValue(), errors);
            return new Output(printed, errors);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Loads the library from {@code jars} in a class loader of its own (over the platform loader), and
     * makes three 4 KiB transfers from a temporary file into a pipe on the calling thread through the
     * provider that {@code ZeroCopyTransfer.load()} of that loader chooses; prints the provider's name.
     *
     * @param jars where the library's classes are
     * @return the loader, open
     * @throws Exception if a transfer fails or moves less
     */
    public static URLClassLoader transferInOwnLoader(URL... jars) throws Exception {
        URLClassLoader loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
        Class<?> api = Class.forName("dev.zerocopy.ZeroCopyTransfer", true, loader);
        Object zc = api.getMethod("load").invoke(null);
        System.out.println(api.getMethod("name").invoke(zc));
        Method transfer = api.getMethod("transfer", FileChannel.class, long.class, long.class,
                WritableByteChannel.class);
        Path file = Files.write(Files.createTempFile("release", ".bin"), new byte[64 * 1024]);
        Pipe pipe = Pipe.open();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel source = pipe.source()) {
            long moved = 0;
            for (int i = 0; i < 3; i++) {
                moved += (long) transfer.invoke(zc, in, (long) i * 4096, 4096L, sink);
            }
            if (moved != 3 * 4096) {
                throw new AssertionError("moved " + moved);
            }
        } finally {
            Files.delete(file);
        }
        return loader;
    }

    /**
     * Loads the library from {@code jars} in a class loader of its own, transfers as
     * {@link #transferInOwnLoader(URL...)} does, drops the loader and tells whether the collector freed it
     * (waiting on a reference queue, the collector's own notice, for up to about 5 s).
     *
     * @param jars where the library's classes are
     * @return whether the loader was freed
     * @throws Exception if a transfer fails
     */
    public static boolean loaderFreedAfterTransfers(URL... jars) throws Exception {
        ReferenceQueue<ClassLoader> collected = new ReferenceQueue<>();
        WeakReference<ClassLoader> loader = transferAndDrop(collected, jars);
        for (int i = 0; i < 50; i++) {
            System.gc();
            if (collected.remove(100) == loader) {
                return true;
            }
        }
        return false;
    }

    private static WeakReference<ClassLoader> transferAndDrop(ReferenceQueue<ClassLoader> collected, URL... jars)
            throws Exception {
        URLClassLoader loader = transferInOwnLoader(jars);
        loader.close();
        return new WeakReference<>(loader, collected);
    }

    /**
     * Where a class was loaded from.
     *
     * @param type the class
     * @return its class path entry
     */
    public static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
