package dev.zerocopy;

import dev.zerocopy.portable.PortableTransfer;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Finds providers the way {@link java.nio.channels.spi.SelectorProvider#provider()} does, in the class
 * loader that defined {@link ZeroCopyTransfer} and in the calling thread's context class loader, so that a
 * provider jar is found wherever the library's jars sit: on the class path, in an executable jar's nested
 * libraries, in a web application's or a plugin's own class loader.
 */
final class ProviderLookup {

    /** The system property that selects a provider by name. */
    static final String PROPERTY = "dev.zerocopy.provider";

    private static final Comparator<ZeroCopyTransfer> BEST_FIRST =
            Comparator.comparingInt(ZeroCopyTransfer::priority).reversed().thenComparing(ZeroCopyTransfer::name);

    /** The loader that defined the API; {@code null} stands for the bootstrap loader. */
    private static final ClassLoader DEFINING = ZeroCopyTransfer.class.getClassLoader();

    /**
     * Providers chosen for context class loaders that see more than {@link #DEFINING}. Keys are weak and
     * values soft, so that an undeployed application's loader, which may have defined its provider, can
     * be collected.
     */
    private static final Map<ClassLoader, SoftReference<ZeroCopyTransfer>> BY_CONTEXT = new WeakHashMap<>();

    /** The last context loader looked up and its provider, for the next call from the same thread. */
    private static volatile Last last;

    private ProviderLookup() {
    }

    /** A context class loader and its provider, both weakly held. */
    private record Last(WeakReference<ClassLoader> loader, WeakReference<ZeroCopyTransfer> provider) {
    }

    /** The provider of the defining loader alone, chosen on first use. */
    private static volatile ZeroCopyTransfer defining;

    static ZeroCopyTransfer cached() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == null || context == DEFINING) {
            return definingProvider();
        }
        Last recent = last;
        if (recent != null && recent.loader().get() == context) {
            ZeroCopyTransfer provider = recent.provider().get();
            if (provider != null) {
                return provider;
            }
        }
        return forContext(context);
    }

    private static ZeroCopyTransfer definingProvider() {
        ZeroCopyTransfer provider = defining;
        if (provider == null) {
            synchronized (ProviderLookup.class) {
                provider = defining;
                if (provider == null) {
                    provider = select(loaders(DEFINING));
                    defining = provider;
                }
            }
        }
        return provider;
    }

    private static synchronized ZeroCopyTransfer forContext(ClassLoader context) {
        SoftReference<ZeroCopyTransfer> known = BY_CONTEXT.get(context);
        ZeroCopyTransfer provider = known != null ? known.get() : null;
        if (provider == null) {
            provider = isAncestorOfDefining(context) ? definingProvider() : select(loaders(DEFINING, context));
            BY_CONTEXT.put(context, new SoftReference<>(provider));
        }
        last = new Last(new WeakReference<>(context), new WeakReference<>(provider));
        return provider;
    }

    /** A loader the defining loader delegates to sees nothing the defining loader does not. */
    private static boolean isAncestorOfDefining(ClassLoader context) {
        for (ClassLoader l = DEFINING; l != null; l = l.getParent()) {
            if (l == context) {
                return true;
            }
        }
        return false;
    }

    private static List<ClassLoader> loaders(ClassLoader... loaders) {
        List<ClassLoader> list = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            list.add(loader != null ? loader : ClassLoader.getSystemClassLoader());
        }
        return list;
    }

    static ZeroCopyTransfer select(ClassLoader loader) {
        return select(loaders(loader));
    }

    private static ZeroCopyTransfer select(List<ClassLoader> loaders) {
        List<ZeroCopyTransfer> all = discover(loaders);
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
        for (ZeroCopyTransfer provider : discover(loaders(loader))) {
            statuses.add(new ProviderStatus(provider.name(), provider.priority(), provider.getClass().getName(),
                    availabilityOf(provider)));
        }
        return List.copyOf(statuses);
    }

    /**
     * Every provider the loaders find, each class once, plus the portable one if it was not found, best
     * first.
     */
    private static List<ZeroCopyTransfer> discover(List<ClassLoader> loaders) {
        List<ZeroCopyTransfer> found = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (ClassLoader loader : loaders) {
            discover(loader, loader == loaders.get(0), found, seen);
        }
        if (found.stream().noneMatch(p -> p instanceof PortableTransfer)) {
            found.add(new PortableTransfer());
        }
        found.sort(BEST_FIRST);
        return found;
    }

    /**
     * Adds what one loader finds. With the property set, a provider the first loader cannot instantiate
     * is an error; in a further loader it may be a copy of the API from another loader, and is skipped.
     */
    private static void discover(ClassLoader loader, boolean first, List<ZeroCopyTransfer> found,
            Set<Class<?>> seen) {
        Iterator<ZeroCopyTransfer> it = ServiceLoader.load(ZeroCopyTransfer.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ZeroCopyTransfer provider = it.next();
                if (seen.add(provider.getClass())) {
                    found.add(provider);
                }
            } catch (ServiceConfigurationError broken) {
                // A provider that cannot even be instantiated is skipped, as SelectorProvider skips nothing
                // but we must still return a working transfer; it shows up as missing in statuses().
                if (first && System.getProperty(PROPERTY) != null) {
                    throw broken;
                }
            }
        }
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
