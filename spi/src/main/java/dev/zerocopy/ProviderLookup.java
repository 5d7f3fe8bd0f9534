package dev.zerocopy;

import dev.zerocopy.portable.PortableTransfer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds providers the way {@link java.nio.channels.spi.SelectorProvider#provider()} does. */
final class ProviderLookup {

    /** The system property that selects a provider by name. */
    static final String PROPERTY = "dev.zerocopy.provider";

    private static final Comparator<ZeroCopyTransfer> BEST_FIRST =
            Comparator.comparingInt(ZeroCopyTransfer::priority).reversed().thenComparing(ZeroCopyTransfer::name);

    private static volatile ZeroCopyTransfer cached;

    private ProviderLookup() {
    }

    static ZeroCopyTransfer cached() {
        ZeroCopyTransfer provider = cached;
        if (provider == null) {
            synchronized (ProviderLookup.class) {
                provider = cached;
                if (provider == null) {
                    provider = select(ClassLoader.getSystemClassLoader());
                    cached = provider;
                }
            }
        }
        return provider;
    }

    static ZeroCopyTransfer select(ClassLoader loader) {
        List<ZeroCopyTransfer> all = discover(loader);
        String wanted = System.getProperty(PROPERTY);
        if (wanted != null && !wanted.isBlank()) {
            for (ZeroCopyTransfer provider : all) {
                if (provider.name().equals(wanted)) {
                    Availability availability = availabilityOf(provider);
                    if (!availability.usable()) {
                        throw new ServiceConfigurationError(PROPERTY + "=" + wanted
                                + " names a provider that is not usable here: " + availability.reason());
                    }
                    return provider;
                }
            }
            throw new ServiceConfigurationError(PROPERTY + "=" + wanted + " names no provider; found: "
                    + all.stream().map(ZeroCopyTransfer::name).toList());
        }
        for (ZeroCopyTransfer provider : all) {
            if (availabilityOf(provider).usable()) {
                return provider;
            }
        }
        return new PortableTransfer();
    }

    static List<ProviderStatus> statuses(ClassLoader loader) {
        List<ProviderStatus> statuses = new ArrayList<>();
        for (ZeroCopyTransfer provider : discover(loader)) {
            statuses.add(new ProviderStatus(provider.name(), provider.priority(), provider.getClass().getName(),
                    availabilityOf(provider)));
        }
        return List.copyOf(statuses);
    }

    /** Every provider the loader finds, plus the portable one if it was not found, best first. */
    private static List<ZeroCopyTransfer> discover(ClassLoader loader) {
        ClassLoader effective = loader != null ? loader : ClassLoader.getSystemClassLoader();
        List<ZeroCopyTransfer> found = new ArrayList<>();
        Iterator<ZeroCopyTransfer> it = ServiceLoader.load(ZeroCopyTransfer.class, effective).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError broken) {
                // A provider that cannot even be instantiated is skipped, as SelectorProvider skips nothing
                // but we must still return a working transfer; it shows up as missing in statuses().
                if (System.getProperty(PROPERTY) != null) {
                    throw broken;
                }
            }
        }
        if (found.stream().noneMatch(p -> p instanceof PortableTransfer)) {
            found.add(new PortableTransfer());
        }
        found.sort(BEST_FIRST);
        return found;
    }

    private static Availability availabilityOf(ZeroCopyTransfer provider) {
        try {
            Availability availability = provider.availability();
            return availability != null ? availability : Availability.unusable("availability() returned null");
        } catch (LinkageError | RuntimeException e) {
            return Availability.unusable("availability check failed: " + e);
        }
    }
}
