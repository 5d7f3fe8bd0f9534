package dev.zerocopy.it.semantics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * A class loader shaped like an executable jar launcher's (Spring Boot's): it serves classes and resources
 * from jars nested, uncompressed, inside an outer jar under {@code BOOT-INF/lib/}, under a URL scheme of its
 * own, and is not a {@link java.net.URLClassLoader}. Its parent is the platform class loader, so nothing
 * comes from the class path.
 */
final class NestedJarLoader extends ClassLoader {

    private final Map<String, List<Entry>> entries = new LinkedHashMap<>();

    /** One resource of one nested jar. */
    private record Entry(String jar, byte[] bytes) {
    }

    /**
     * Reads every nested jar of the outer jar.
     *
     * @param outer the outer jar
     * @throws IOException if a jar cannot be read
     */
    NestedJarLoader(Path outer) throws IOException {
        super("nested-jar-launcher", ClassLoader.getPlatformClassLoader());
        try (JarFile jar = new JarFile(outer.toFile())) {
            for (JarEntry nested : Collections.list(jar.entries())) {
                if (nested.getName().startsWith("BOOT-INF/lib/") && nested.getName().endsWith(".jar")) {
                    String name = nested.getName().substring("BOOT-INF/lib/".length());
                    try (JarInputStream in = new JarInputStream(jar.getInputStream(nested))) {
                        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                            if (!e.isDirectory()) {
                                entries.computeIfAbsent(e.getName(), k -> new ArrayList<>())
                                        .add(new Entry(name, in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        List<Entry> found = entries.get(name.replace('.', '/') + ".class");
        if (found == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes = found.get(0).bytes();
        return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected URL findResource(String name) {
        List<Entry> found = entries.get(name);
        return found == null ? null : url(name, found.get(0));
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        List<URL> urls = new ArrayList<>();
        for (Entry entry : entries.getOrDefault(name, List.of())) {
            urls.add(url(name, entry));
        }
        return Collections.enumeration(urls);
    }

    private static URL url(String name, Entry entry) {
        URLStreamHandler handler = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(entry.bytes());
                    }
                };
            }
        };
        try {
            return new URL("nested", null, -1, "/" + entry.jar() + "!/" + name, handler);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
