package dev.zerocopy.nio;

import java.lang.instrument.Instrumentation;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module layer in which the agent runs zerocopy: the agent's own jar, resolved as one automatic module
 * in a {@link ModuleLayer} of its own, with one class loader whose parent is the system class loader. The
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
     * @throws java.lang.module.FindException if the jar is not a valid automatic module
     * @throws java.lang.module.ResolutionException if it cannot be resolved
     */
    static AgentLayer of(Class<?> agentClass) {
        Path jar = jarOf(agentClass);
        ModuleFinder finder = ModuleFinder.of(jar);
        Set<ModuleReference> found = finder.findAll();
        if (found.size() != 1) {
            throw new IllegalStateException(jar + " is not one module: " + found);
        }
        String name = found.iterator().next().descriptor().name();
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(name));
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(configuration, List.of(boot),
                ClassLoader.getSystemClassLoader()).layer();
        return new AgentLayer(layer.findModule(name).orElseThrow());
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
