package dev.zerocopy.nio;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's watch service for the {@link ZeroCopyFileSystem}: keys and events carry wrapped paths. Each
 * JDK key has exactly one wrapper, so the key returned by {@link Path#register} is the very object later
 * returned by {@link #take()} and {@link #poll()}, as with the JDK.
 */
final class ZeroCopyWatchService implements WatchService {

    private final ZeroCopyFileSystem fileSystem;
    private final WatchService delegate;
    private final Map<WatchKey, Key> keys = new ConcurrentHashMap<>();

    ZeroCopyWatchService(ZeroCopyFileSystem fileSystem, WatchService delegate) {
        this.fileSystem = fileSystem;
        this.delegate = delegate;
    }

    WatchKey register(ZeroCopyPath path, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
            throws IOException {
        return wrap(path.delegate().register(delegate, events, modifiers));
    }

    private Key wrap(WatchKey key) {
        return key == null ? null : keys.computeIfAbsent(key, Key::new);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
        keys.clear();
    }

    @Override
    public WatchKey poll() {
        return wrap(delegate.poll());
    }

    @Override
    public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
        return wrap(delegate.poll(timeout, unit));
    }

    @Override
    public WatchKey take() throws InterruptedException {
        return wrap(delegate.take());
    }

    /** A JDK watch key whose watchable and event contexts are wrapped paths. */
    private final class Key implements WatchKey {
        private final WatchKey key;

        Key(WatchKey key) {
            this.key = key;
        }

        @Override
        public boolean isValid() {
            return key.isValid();
        }

        @Override
        public List<WatchEvent<?>> pollEvents() {
            List<WatchEvent<?>> events = new ArrayList<>();
            for (WatchEvent<?> event : key.pollEvents()) {
                events.add(event.context() instanceof Path ? new Event<>(event) : event);
            }
            return events;
        }

        @Override
        public boolean reset() {
            return key.reset();
        }

        @Override
        public void cancel() {
            key.cancel();
        }

        @Override
        public Watchable watchable() {
            Watchable watched = key.watchable();
            return watched instanceof Path path ? fileSystem.wrap(path) : watched;
        }
    }

    /** A JDK event whose context path is wrapped. */
    private final class Event<T> implements WatchEvent<T> {
        private final WatchEvent<T> event;

        Event(WatchEvent<T> event) {
            this.event = event;
        }

        @Override
        public Kind<T> kind() {
            return event.kind();
        }

        @Override
        public int count() {
            return event.count();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T context() {
            return (T) fileSystem.wrap((Path) event.context());
        }

        @Override
        public String toString() {
            return event.toString();
        }
    }
}
