package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
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
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        return new Output(out, err);
    }

    /**
     * Loads the library from {@code jars} in a class loader of its own (over the platform loader), and
     * makes three 4 KiB transfers from {@code file} into a pipe on the calling thread through the provider
     * that {@code ZeroCopyTransfer.load()} of that loader chooses.
     *
     * @param file  a file of at least 12 KiB
     * @param jars  where the library's classes are
     * @return the loader, open
     * @throws Exception if a transfer fails or moves less
     */
    public static URLClassLoader transferInOwnLoader(Path file, URL... jars) throws Exception {
        URLClassLoader loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader());
        Class<?> api = Class.forName("dev.zerocopy.ZeroCopyTransfer", true, loader);
        Object zc = api.getMethod("load").invoke(null);
        System.out.println(api.getMethod("name").invoke(zc));
        Method transfer = api.getMethod("transfer", FileChannel.class, long.class, long.class,
                WritableByteChannel.class);
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
        }
        return loader;
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
