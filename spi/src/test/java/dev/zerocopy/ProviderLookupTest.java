package dev.zerocopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zerocopy.portable.PortableTransfer;
import dev.zerocopy.spi.AbstractZeroCopyTransfer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookup follows SelectorProvider's shape: the property, then the best usable ServiceLoader provider,
 * then the portable one. The test providers are registered through a class loader whose service file
 * is written into a temp dir, so they never leak into other tests' class paths.
 */
class ProviderLookupTest {

    /** A test provider. */
    public static class Fake extends AbstractZeroCopyTransfer {
        private final String name;
        private final int priority;
        private final Availability availability;

        Fake(String name, int priority, Availability availability) {
            this.name = name;
            this.priority = priority;
            this.availability = availability;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Availability availability() {
            if (availability == null) {
                throw new UnsatisfiedLinkError("no libc here");
            }
            return availability;
        }
    }

    /** Usable, priority 10. */
    public static final class High extends Fake {
        public High() {
            super("high", 10, Availability.usable("test"));
        }
    }

    /** Usable, priority 5. */
    public static final class Low extends Fake {
        public Low() {
            super("low", 5, Availability.usable("test"));
        }
    }

    /** Unusable, priority 100. */
    public static final class Elsewhere extends Fake {
        public Elsewhere() {
            super("elsewhere", 100, Availability.unusable("needs SomeOS"));
        }
    }

    /** Its availability check throws, priority 50. */
    public static final class Broken extends Fake {
        public Broken() {
            super("broken", 50, null);
        }
    }

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty("dev.zerocopy.provider");
    }

    private ClassLoader loaderWith(Class<?>... providers) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        StringBuilder lines = new StringBuilder();
        for (Class<?> provider : providers) {
            lines.append(provider.getName()).append('\n');
        }
        Files.writeString(services.resolve(ZeroCopyTransfer.class.getName()), lines);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void picksTheUsableProviderOfHighestPriority() throws IOException {
        ClassLoader loader = loaderWith(Low.class, Elsewhere.class, High.class, Broken.class);
        assertEquals("high", ZeroCopyTransfer.load(loader).name());
    }

    @Test
    void fallsBackToPortableWhenNothingElseIsUsable() throws IOException {
        ClassLoader loader = loaderWith(Elsewhere.class, Broken.class);
        assertEquals(PortableTransfer.NAME, ZeroCopyTransfer.load(loader).name());
    }

    @Test
    void listsEveryProviderBestFirstWithReasons() throws IOException {
        List<ProviderStatus> statuses = ZeroCopyTransfer.providers(
                loaderWith(Low.class, Elsewhere.class, High.class, Broken.class));
        assertEquals(List.of("elsewhere", "broken", "high", "low", "portable"),
                statuses.stream().map(ProviderStatus::name).toList());
        assertFalse(statuses.get(0).availability().usable());
        assertEquals("needs SomeOS", statuses.get(0).availability().reason());
        assertFalse(statuses.get(1).availability().usable());
        assertTrue(statuses.get(1).availability().reason().contains("no libc here"));
        assertTrue(statuses.get(4).availability().usable());
        assertEquals(High.class.getName(), statuses.get(2).className());
    }

    @Test
    void propertySelectsByNameEvenIfNotTheBest() throws IOException {
        System.setProperty("dev.zerocopy.provider", "low");
        assertEquals("low", ZeroCopyTransfer.load(loaderWith(Low.class, High.class)).name());
        System.setProperty("dev.zerocopy.provider", "portable");
        assertEquals("portable", ZeroCopyTransfer.load(loaderWith(Low.class, High.class)).name());
    }

    @Test
    void propertyFailsLoudlyForMissingOrUnusableProviders() throws IOException {
        ClassLoader loader = loaderWith(Low.class, Elsewhere.class);
        System.setProperty("dev.zerocopy.provider", "nosuch");
        ServiceConfigurationError missing = assertThrows(ServiceConfigurationError.class,
                () -> ZeroCopyTransfer.load(loader));
        assertTrue(missing.getMessage().contains("nosuch") && missing.getMessage().contains("low"),
                missing.getMessage());
        System.setProperty("dev.zerocopy.provider", "elsewhere");
        ServiceConfigurationError unusable = assertThrows(ServiceConfigurationError.class,
                () -> ZeroCopyTransfer.load(loader));
        assertTrue(unusable.getMessage().contains("needs SomeOS"), unusable.getMessage());
    }

    @Test
    void loadIsCachedAndPortableOnTheSpiAlone() {
        assertSame(ZeroCopyTransfer.load(), ZeroCopyTransfer.load());
        assertEquals(PortableTransfer.NAME, ZeroCopyTransfer.load().name());
    }
}
