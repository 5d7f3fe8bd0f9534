package dev.zerocopy.emulated;

import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What JNA itself says a provider bound: the classes of a provider's package that declare {@code native}
 * methods (its direct-mapping bindings), and which of them JNA has registered in this JVM
 * ({@link Native#registered(Class)}). Classes are loaded without being initialised, so looking never
 * binds anything. A provider that keeps off its bindings on other systems has none registered there.
 */
public final class NativeRegistrations {

    private NativeRegistrations() {
    }

    /**
     * Returns the classes in the package of {@code anchor}, from the same class-path entry, that declare a
     * {@code native} method.
     *
     * @param anchor any class of the package
     * @return the binding classes, sorted by name
     */
    public static List<Class<?>> bindingClasses(Class<?> anchor) {
        String packageDir = anchor.getPackageName().replace('.', '/');
        List<Class<?>> bindings = new ArrayList<>();
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                addBindings(location.resolve(packageDir), location, anchor.getClassLoader(), bindings);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
                    Path root = jar.getPath("/");
                    addBindings(root.resolve(packageDir), root, anchor.getClassLoader(), bindings);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        bindings.sort((a, b) -> a.getName().compareTo(b.getName()));
        return bindings;
    }

    /**
     * Returns the binding classes of the package of {@code anchor} that JNA has registered in this JVM.
     *
     * @param anchor any class of the package
     * @return the registered binding classes, empty if the package bound nothing
     */
    public static List<Class<?>> registered(Class<?> anchor) {
        return bindingClasses(anchor).stream().filter(Native::registered).toList();
    }

    private static void addBindings(Path dir, Path root, ClassLoader loader, List<Class<?>> bindings)
            throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString();
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (name.endsWith("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = load(name, loader);
                if (Arrays.stream(type.getDeclaredMethods()).map(Method::getModifiers).anyMatch(Modifier::isNative)) {
                    bindings.add(type);
                }
            }
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
