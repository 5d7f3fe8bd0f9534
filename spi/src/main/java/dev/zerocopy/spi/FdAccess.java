package dev.zerocopy.spi;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.channels.Channel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the file descriptor number behind the JDK's own channel classes, which the JDK does not expose.
 *
 * <p>Three ways are tried once, in order, and the one in use is reported by {@link #mode()}:
 * <ol>
 *   <li>{@link Mode#OPENED}: {@code java.base/sun.nio.ch} and {@code java.base/java.io} are open to this
 *       library ({@code --add-opens}, an {@code Add-Opens} manifest line, or the zerocopy agent); fields
 *       are read through {@link VarHandle}s and nothing is printed.</li>
 *   <li>{@link Mode#UNSAFE}: {@code sun.misc.Unsafe} field offsets. Silent on JDK 17; JDK 24 and later
 *       print a one-time deprecation warning unless {@code --sun-misc-unsafe-memory-access=allow} is given.
 *       Set the system property {@code dev.zerocopy.fdaccess=opened} to forbid this mode.</li>
 *   <li>{@link Mode#NONE}: no fd is available; every channel is reported as having none, and transfers use
 *       the JDK's own methods.</li>
 * </ol>
 *
 * <p>Only the JDK's file, socket and pipe channel implementations are recognised; any other channel,
 * including wrappers and subclasses, has no fd. A number read here is only a hint: the channel may be
 * closed and the number reused at any moment. Callers must {@code dup} it, then check that the channel
 * is still open, and use only their duplicate (see {@link FdRef}).
 */
public final class FdAccess {

    /** How fds are read. */
    public enum Mode {
        /** Through {@link VarHandle}s on packages opened to this library. */
        OPENED,
        /** Through {@code sun.misc.Unsafe} field offsets. */
        UNSAFE,
        /** Not at all. */
        NONE
    }

    private static final String FILE_CHANNEL = "sun.nio.ch.FileChannelImpl";
    /** JDK channel classes whose {@code int fdVal} field holds the fd. */
    private static final String[] FD_VAL_CHANNELS = {
        "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.SourceChannelImpl", "sun.nio.ch.SinkChannelImpl"
    };

    private static final class Holder {
        static final Reader READER = Reader.create();
    }

    private FdAccess() {
    }

    /**
     * Returns the mode in use, deciding it on the first call.
     *
     * @return the mode
     */
    public static Mode mode() {
        return Holder.READER.mode();
    }

    /**
     * Returns the fd number of a JDK channel, or {@code -1} if the channel is not one of the JDK's file,
     * socket or pipe channels, or no fd can be read. The number may be stale if the channel was closed.
     *
     * @param channel the channel
     * @return the fd number or {@code -1}
     */
    public static int fd(Channel channel) {
        return Holder.READER.fd(channel);
    }

    /**
     * Tells whether a JDK {@link java.nio.channels.FileChannel} was opened for reading.
     *
     * @param fileChannel the channel
     * @return {@code TRUE} or {@code FALSE}, or {@code null} if it cannot be read
     */
    public static Boolean readable(Channel fileChannel) {
        return Holder.READER.flag(fileChannel, true);
    }

    /**
     * Tells whether a JDK {@link java.nio.channels.FileChannel} was opened for writing.
     *
     * @param fileChannel the channel
     * @return {@code TRUE} or {@code FALSE}, or {@code null} if it cannot be read
     */
    public static Boolean writable(Channel fileChannel) {
        return Holder.READER.flag(fileChannel, false);
    }

    /** Reads the fields of one mode. */
    private abstract static class Reader {
        final Class<?> fileChannelClass;
        final Set<Class<?>> fdValClasses;

        Reader(Class<?> fileChannelClass, Set<Class<?>> fdValClasses) {
            this.fileChannelClass = fileChannelClass;
            this.fdValClasses = fdValClasses;
        }

        abstract Mode mode();

        abstract int fileFd(Object fileChannel);

        abstract int fdVal(Object selectableChannel);

        abstract boolean readable(Object fileChannel);

        abstract boolean writable(Object fileChannel);

        final int fd(Channel channel) {
            if (channel == null) {
                return -1;
            }
            Class<?> type = channel.getClass();
            if (type == fileChannelClass) {
                return fileFd(channel);
            }
            if (fdValClasses.contains(type)) {
                return fdVal(channel);
            }
            return -1;
        }

        final Boolean flag(Channel channel, boolean read) {
            if (channel == null || channel.getClass() != fileChannelClass) {
                return null;
            }
            return read ? readable(channel) : writable(channel);
        }

        static Reader create() {
            Class<?> fileChannel;
            Set<Class<?>> fdVal = new HashSet<>();
            try {
                fileChannel = Class.forName(FILE_CHANNEL);
                for (String name : FD_VAL_CHANNELS) {
                    fdVal.add(Class.forName(name));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                return new None();
            }
            Module base = Object.class.getModule();
            Module self = FdAccess.class.getModule();
            if (base.isOpen("sun.nio.ch", self) && base.isOpen("java.io", self)) {
                try {
                    return new Opened(fileChannel, fdVal);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // fall through to the next mode
                }
            }
            if (!"opened".equals(System.getProperty("dev.zerocopy.fdaccess"))) {
                try {
                    return new ViaUnsafe(fileChannel, fdVal);
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    // fall through
                }
            }
            return new None();
        }
    }

    /** Mode {@link Mode#OPENED}. */
    private static final class Opened extends Reader {
        private final VarHandle fileFd;
        private final VarHandle descriptorFd;
        private final VarHandle readable;
        private final VarHandle writable;
        private final Map<Class<?>, VarHandle> fdVal;

        Opened(Class<?> fileChannel, Set<Class<?>> fdValClasses) throws ReflectiveOperationException {
            super(fileChannel, Set.copyOf(fdValClasses));
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandles.Lookup fc = MethodHandles.privateLookupIn(fileChannel, lookup);
            fileFd = fc.findVarHandle(fileChannel, "fd", FileDescriptor.class);
            readable = fc.findVarHandle(fileChannel, "readable", boolean.class);
            writable = fc.findVarHandle(fileChannel, "writable", boolean.class);
            descriptorFd = MethodHandles.privateLookupIn(FileDescriptor.class, lookup)
                    .findVarHandle(FileDescriptor.class, "fd", int.class);
            Map<Class<?>, VarHandle> handles = new HashMap<>();
            for (Class<?> type : fdValClasses) {
                handles.put(type, MethodHandles.privateLookupIn(type, lookup).findVarHandle(type, "fdVal", int.class));
            }
            fdVal = Map.copyOf(handles);
        }

        @Override
        Mode mode() {
            return Mode.OPENED;
        }

        @Override
        int fileFd(Object channel) {
            FileDescriptor descriptor = (FileDescriptor) fileFd.get(channel);
            return descriptor == null ? -1 : (int) descriptorFd.get(descriptor);
        }

        @Override
        int fdVal(Object channel) {
            return (int) fdVal.get(channel.getClass()).get(channel);
        }

        @Override
        boolean readable(Object channel) {
            return (boolean) readable.get(channel);
        }

        @Override
        boolean writable(Object channel) {
            return (boolean) writable.get(channel);
        }
    }

    /** Mode {@link Mode#UNSAFE}. */
    @SuppressWarnings({"removal", "deprecation"})
    private static final class ViaUnsafe extends Reader {
        private final sun.misc.Unsafe unsafe;
        private final long fileFd;
        private final long descriptorFd;
        private final long readable;
        private final long writable;
        private final Map<Class<?>, Long> fdVal;

        ViaUnsafe(Class<?> fileChannel, Set<Class<?>> fdValClasses) throws ReflectiveOperationException {
            super(fileChannel, fdValClasses);
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            fileFd = unsafe.objectFieldOffset(fileChannel.getDeclaredField("fd"));
            readable = unsafe.objectFieldOffset(fileChannel.getDeclaredField("readable"));
            writable = unsafe.objectFieldOffset(fileChannel.getDeclaredField("writable"));
            descriptorFd = unsafe.objectFieldOffset(FileDescriptor.class.getDeclaredField("fd"));
            Map<Class<?>, Long> offsets = new HashMap<>();
            for (Class<?> type : fdValClasses) {
                offsets.put(type, unsafe.objectFieldOffset(type.getDeclaredField("fdVal")));
            }
            fdVal = Map.copyOf(offsets);
        }

        @Override
        Mode mode() {
            return Mode.UNSAFE;
        }

        @Override
        int fileFd(Object channel) {
            Object descriptor = unsafe.getObject(channel, fileFd);
            return descriptor == null ? -1 : unsafe.getInt(descriptor, descriptorFd);
        }

        @Override
        int fdVal(Object channel) {
            return unsafe.getInt(channel, fdVal.get(channel.getClass()));
        }

        @Override
        boolean readable(Object channel) {
            return unsafe.getBoolean(channel, readable);
        }

        @Override
        boolean writable(Object channel) {
            return unsafe.getBoolean(channel, writable);
        }
    }

    /** Mode {@link Mode#NONE}. */
    private static final class None extends Reader {
        None() {
            super(Void.class, Set.of());
        }

        @Override
        Mode mode() {
            return Mode.NONE;
        }

        @Override
        int fileFd(Object channel) {
            return -1;
        }

        @Override
        int fdVal(Object channel) {
            return -1;
        }

        @Override
        boolean readable(Object channel) {
            throw new AssertionError();
        }

        @Override
        boolean writable(Object channel) {
            throw new AssertionError();
        }
    }
}
