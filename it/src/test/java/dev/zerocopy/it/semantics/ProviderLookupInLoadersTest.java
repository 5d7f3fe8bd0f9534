package dev.zerocopy.it.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.jna.Native;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.linux.LinuxTransfer;
import dev.zerocopy.posix.PosixLibc;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZeroCopyTransfer#load()} finds the Linux provider wherever the library's jars sit: in a child
 * {@link URLClassLoader} that is not the system class loader (a web application's, a plugin's), and in a
 * launcher's class loader over jars nested in an executable jar (Spring Boot's layout), with the context
 * class loader set as such launchers set it and left alone.
 */
@Timeout(60)
class ProviderLookupInLoadersTest {

    @TempDir
    Path dir;

    /** The jars of the API, the posix shell, the Linux provider and JNA, made from wherever the build put them. */
    private List<Path> libraryJars() throws Exception {
        List<Path> jars = new ArrayList<>();
        for (Class<?> type : List.of(ZeroCopyTransfer.class, PosixLibc.class, LinuxTransfer.class, Native.class)) {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            jars.add(Files.isDirectory(location) ? jarOf(location, dir.resolve(jars.size() + ".jar")) : location);
        }
        return jars;
    }

    private static Path jarOf(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** An executable jar with the given jars stored under {@code BOOT-INF/lib/}. */
    private Path executableJar(List<Path> libs) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path lib : libs) {
                byte[] bytes = Files.readAllBytes(lib);
                JarEntry entry = new JarEntry("BOOT-INF/lib/" + lib.getFileName());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                out.putNextEntry(entry);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The name of the provider {@code load()} returns, asked through the loader's own copy of the API. */
    private static String loadIn(ClassLoader loader, ClassLoader context) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(context);
        try {
            Class<?> api = Class.forName(ZeroCopyTransfer.class.getName(), true, loader);
            assertNotSame(ZeroCopyTransfer.class, api, "the API is the loader's own copy");
            Object first = api.getMethod("load").invoke(null);
            assertSame(first, api.getMethod("load").invoke(null), "cached");
            return (String) api.getMethod("name").invoke(first);
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void childUrlClassLoaderChoosesLinux() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path jar : libraryJars()) {
            urls.add(jar.toUri().toURL());
        }
        try (URLClassLoader child = new URLClassLoader("webapp", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertEquals("linux", loadIn(child, ClassLoader.getSystemClassLoader()), "context loader untouched");
            assertEquals("linux", loadIn(child, child), "context loader set to the child");
        }
    }

    @Test
    void nestedJarLauncherChoosesLinux() throws Exception {
        NestedJarLoader launcher = new NestedJarLoader(executableJar(libraryJars()));
        assertEquals("linux", loadIn(launcher, launcher), "as a launcher runs main");
        assertEquals("linux", loadIn(launcher, ClassLoader.getSystemClassLoader()), "context loader untouched");
    }

    @Test
    void contextClassLoaderAddsProviders() throws Exception {
        // The API on the class path, a provider jar only in the context class loader (a web application's
        // WEB-INF/lib over a server's shared lib): this JVM's linux provider is registered there alone.
        Path services = Files.createDirectories(dir.resolve("ctx/META-INF/services"));
        Files.writeString(services.resolve(ZeroCopyTransfer.class.getName()), ContextOnly.class.getName() + "\n");
        try (URLClassLoader context = new URLClassLoader(new URL[] {dir.resolve("ctx").toUri().toURL()},
                ClassLoader.getSystemClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader saved = thread.getContextClassLoader();
            thread.setContextClassLoader(context);
            try {
                assertEquals(ContextOnly.NAME, ZeroCopyTransfer.load().name());
            } finally {
                thread.setContextClassLoader(saved);
            }
            assertEquals("linux", ZeroCopyTransfer.load().name(), "the class path's own choice is unchanged");
        }
    }

    /** A provider registered only through a context class loader, ranked above every real one. */
    public static final class ContextOnly extends dev.zerocopy.spi.AbstractZeroCopyTransfer {
        static final String NAME = "context-only";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public dev.zerocopy.Availability availability() {
            return dev.zerocopy.Availability.usable("test");
        }
    }

}
