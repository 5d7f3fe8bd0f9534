package dev.zerocopy.it.jpms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.linux.LinuxTransfer;
import dev.zerocopy.posix.PosixLibc;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * zerocopy as named modules: a consumer module that knows only {@code dev.zerocopy} finds the Linux
 * provider through {@link java.util.ServiceLoader} and runs the network copy (file to loopback socket to
 * file, verified) with it, in a forked JVM on {@code --module-path} (spi, posix, providers-linux and JNA,
 * nothing on the class path), and in a {@code jlink} image of the same modules.
 */
@Timeout(300)
class ModulePathIT {

    private static final long SIZE = (8L << 20) + 4097;

    @TempDir
    static Path work;

    private static Path consumer;

    @BeforeAll
    static void compileTheConsumer() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the consumer uses the Linux provider");
        Path sources = Path.of(ModulePathIT.class.getResource("/module-path-consumer/module-info.java").toURI())
                .getParent();
        consumer = work.resolve("consumer");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", consumer.toString(),
                "--module-path", jarOf(ZeroCopyTransfer.class).toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        run(ToolProvider.findFirst("javac").orElseThrow(), args);
    }

    @Test
    void aConsumerOnTheModulePathCopiesThroughTheLinuxProvider() throws Exception {
        String modulePath = String.join(File.pathSeparator, jarOf(ZeroCopyTransfer.class).toString(),
                jarOf(PosixLibc.class).toString(), jarOf(LinuxTransfer.class).toString(),
                jarOf(Native.class).toString(), consumer.toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--module-path", modulePath));
        assertConsumerCopied(command, work.resolve("module-path"));
    }

    @Test
    void aJlinkImageOfTheModulesCopiesThroughTheLinuxProvider() throws Exception {
        Optional<ToolProvider> jlink = ToolProvider.findFirst("jlink");
        assumeTrue(jlink.isPresent(), "no jlink: the jdk.jlink module is not in this JDK");
        // jlink links named modules only: this module's tests use JNA's modular jar (jna-jpms), whose
        // com.sun.jna is a named module; JNA's main jar is an automatic module that jlink refuses.
        Path jna = jarOf(Native.class);
        assumeTrue(ModuleFinder.of(jna).find("com.sun.jna").map(m -> !m.descriptor().isAutomatic()).orElse(false),
                "no jlink: " + jna + " holds no named module com.sun.jna");

        // The JDK's own modules come from its jmods directory or, where it has none (JDK 24+ builds that
        // link from the run-time image, JEP 493), from the running image itself.
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        List<String> modulePath = new ArrayList<>(List.of(jarOf(ZeroCopyTransfer.class).toString(),
                jarOf(PosixLibc.class).toString(), jarOf(LinuxTransfer.class).toString(), jna.toString(),
                consumer.toString()));
        if (Files.isDirectory(jmods)) {
            modulePath.add(0, jmods.toString());
        }
        Path image = work.resolve("image");
        List<String> args = List.of("--module-path", String.join(File.pathSeparator, modulePath), "--add-modules",
                "dev.zerocopy.it.consumer,dev.zerocopy.linux", "--no-header-files", "--no-man-pages",
                "--output", image.toString());
        StringWriter output = new StringWriter();
        int status;
        try (PrintWriter writer = new PrintWriter(output)) {
            status = jlink.get().run(writer, writer, args.toArray(String[]::new));
        }
        assumeTrue(status == 0 || Files.isDirectory(jmods),
                "no jlink: this JDK has no jmods and cannot link from its run-time image: " + output);
        assertEquals(0, status, "jlink " + args + "\n" + output);
        List<String> command = new ArrayList<>(List.of(image.resolve("bin").resolve("java").toString()));
        assertConsumerCopied(command, work.resolve("jlink"));
    }

    /** Runs the consumer with the JVM command given and asserts it copied through sendfile and splice. */
    private static void assertConsumerCopied(List<String> command, Path dir) throws Exception {
        Files.createDirectories(dir);
        command.addAll(List.of("--add-opens", "java.base/sun.nio.ch=dev.zerocopy",
                "--add-opens", "java.base/java.io=dev.zerocopy"));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=com.sun.jna,dev.zerocopy.posix,dev.zerocopy.linux");
        }
        command.addAll(List.of("-m", "dev.zerocopy.it.consumer/dev.zerocopy.it.consumer.Main", dir.toString(),
                Long.toString(SIZE)));
        Path out = dir.resolve("consumer.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the consumer did not finish: " + command);
        }
        List<String> lines = Files.readAllLines(out);
        String report = command + "\n" + String.join("\n", lines);
        assertEquals(0, process.exitValue(), report);
        assertTrue(lines.contains("provider linux in module dev.zerocopy.linux"), report);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("usable true")), report);
        assertTrue(lines.contains("lookup linux"), report);
        assertTrue(lines.contains("event file->socket sendfile " + SIZE + " fallback null"), report);
        assertTrue(lines.contains("event socket->file splice " + SIZE + " fallback null"), report);
        assertTrue(lines.contains("sent " + SIZE + " received " + SIZE + " mismatch -1"), report);
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void run(ToolProvider tool, List<String> args) throws IOException {
        StringWriter output = new StringWriter();
        try (PrintWriter writer = new PrintWriter(output)) {
            int status = tool.run(writer, writer, args.toArray(String[]::new));
            writer.flush();
            assertEquals(0, status, tool.name() + " " + args + "\n" + output);
        }
    }
}
