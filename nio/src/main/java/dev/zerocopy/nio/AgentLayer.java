package dev.zerocopy.nio;

import java.lang.instrument.Instrumentation;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The module layer in which the agent runs zerocopy: the agent's own jar, resolved as one open module (its
 * packages and services as the JDK finds them in the jar) in a {@link ModuleLayer} of its own, with one
 * class loader whose parent is the system class loader. The
 * JDK's grants the agent needs go to that module alone:
 * <ul>
 *   <li>{@code java.base/sun.nio.ch} and {@code java.base/java.io} are opened to it, so that the library
 *       reads channel fds in the "opened" mode and defines its bridge class in {@code sun.nio.ch};</li>
 *   <li>on JDK 22 and later it gets native access (see {@link NativeAccess}), so that JNA binds the C
 *       library without the JDK's "restricted method" warning (off with the system property
 *       {@value #NATIVE_ACCESS_PROPERTY}{@code =false}).</li>
 * </ul>
 * Every other library on the class path keeps the JDK's defaults, warnings included: on JDK 22 and later
 * all unnamed modules share one native-access switch, so a class loader of our own could not have scoped
 * it. The application's own copy of the library, if it has one on the class path, is a different set of
 * classes and is not touched either. JDK 17 to 21 have no native-access check; the layer is used there too,
 * so that the opened packages stay scoped and the agent behaves the same on every JDK.
 */
final class AgentLayer {

    /** The system property that turns enabling native access off. */
    static final String NATIVE_ACCESS_PROPERTY = "dev.zerocopy.agent.nativeAccess";

    /**
     * The JDK modules the library reads when the runtime has them: the flight recorder events, the
     * {@code sun.misc.Unsafe} fallback, the instrumentation API, and JNA's logging and (unused here) AWT
     * helpers.
     */
    private static final List<String> REQUIRES =
            List.of("jdk.jfr", "jdk.unsupported", "java.instrument", "java.logging", "java.desktop");

    private final Module module;

    private AgentLayer(Module module) {
        this.module = module;
    }

    /**
     * Defines the layer of the jar that holds the given class.
     *
     * @param agentClass a class of the agent jar
     * @return the layer
     * @throws IllegalStateException if the class does not come from a jar file
     * @throws java.lang.module.FindException if the jar is not a valid automatic module (by its manifest's
     *         {@code Automatic-Module-Name} or its file name)
     * @throws java.lang.module.ResolutionException if it cannot be resolved
     */
    static AgentLayer of(Class<?> agentClass) {
        Path jar = jarOf(agentClass);
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        if (found.size() != 1) {
            throw new IllegalStateException(jar + " is not one module: " + found);
        }
        ModuleReference module = explicit(found.iterator().next());
        String name = module.descriptor().name();
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolve(new OneModule(module), ModuleFinder.of(),
                Set.of(name));
        ModuleLayer.Controller controller = ModuleLayer.defineModulesWithOneLoader(configuration, List.of(boot),
                ClassLoader.getSystemClassLoader());
        Module defined = controller.layer().findModule(name).orElseThrow();
        // What the jar lacks (a thin jar used as the agent) comes from the class path, as the loader's parent.
        controller.addReads(defined, ClassLoader.getSystemClassLoader().getUnnamedModule());
        return new AgentLayer(defined);
    }

    /**
     * The jar's module as an open, explicit one: the packages and services the JDK found in it, reading
     * only the JDK modules the library uses. An automatic module would read every module of the boot
     * layer, and clash with an application that has zerocopy's own modules on the module path (two
     * modules with the package {@code dev.zerocopy}).
     */
    private static ModuleReference explicit(ModuleReference automatic) {
        ModuleDescriptor found = automatic.descriptor();
        ModuleDescriptor.Builder builder = ModuleDescriptor.newOpenModule(found.name()).packages(found.packages());
        for (String required : REQUIRES) {
            if (ModuleLayer.boot().findModule(required).isPresent()) {
                builder.requires(required);
            }
        }
        for (ModuleDescriptor.Provides provides : found.provides()) {
            builder.uses(provides.service()).provides(provides);
        }
        found.packages().forEach(builder::exports);
        return new ModuleReference(builder.build(), automatic.location().orElse(null)) {
            @Override
            public ModuleReader open() throws IOException {
                return automatic.open();
            }
        };
    }

    /** Finds the one module. */
    private static final class OneModule implements ModuleFinder {
        private final ModuleReference module;

        OneModule(ModuleReference module) {
            this.module = module;
        }

        @Override
        public Optional<ModuleReference> find(String name) {
            return module.descriptor().name().equals(name) ? Optional.of(module) : Optional.empty();
        }

        @Override
        public Set<ModuleReference> findAll() {
            return Set.of(module);
        }
    }

    private static Path jarOf(Class<?> agentClass) {
        CodeSource source = agentClass.getProtectionDomain().getCodeSource();
        Path jar;
        try {
            jar = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("the agent's location is not a file: " + source.getLocation(), e);
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent runs from a jar file, not from " + jar);
        }
        return jar;
    }

    /**
     * Returns the layer's module.
     *
     * @return the module
     */
    Module module() {
        return module;
    }

    /**
     * Opens the packages whose private fields hold channel fds, and the package that receives the bridge,
     * to the layer's module.
     *
     * @param instrumentation the JVM's instrumentation
     */
    void openJavaBase(Instrumentation instrumentation) {
        Set<Module> library = Set.of(module);
        instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("sun.nio.ch", library, "java.io", library), Set.of(), Map.of());
    }

    /**
     * Runs {@link AgentInstaller#install} as defined in the layer, which also enables native access for the
     * layer's module (see {@link NativeAccess}).
     *
     * @param instrumentation the JVM's instrumentation
     * @throws Exception what the installer throws, or if it cannot be reached
     */
    void install(Instrumentation instrumentation) throws Exception {
        Class<?> installer = Class.forName(AgentInstaller.class.getName(), true, module.getClassLoader());
        Method install = installer.getDeclaredMethod("install", Instrumentation.class);
        install.setAccessible(true);
        try {
            install.invoke(null, instrumentation);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
