package dev.zerocopy.spi;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.channels.Channel;

/**
 * Reads the file descriptor number behind the JDK's own channel classes, which the JDK does not expose.
 *
 * <p>Three ways are tried once, in order, and the one in use is reported by {@link #mode()}:
 * <ol>
 *   <li>{@link Mode#OPENED}: {@code java.base/sun.nio.ch} and {@code java.base/java.io} are open to this
 *       library ({@code --add-opens}, an {@code Add-Opens} manifest line, or the zerocopy agent); fields
 *       are read through {@link VarHandle}s and nothing is printed.</li>
 *   <li>{@link Mode#UNSAFE}: {@code sun.misc.Unsafe} field offsets, used only where the JDK stays silent
 *       about it: JDK 17 to 23, and JDK 24 and later with {@code --sun-misc-unsafe-memory-access=allow}
 *       (elsewhere the JDK would print a deprecation warning). The system property
 *       {@code dev.zerocopy.fdaccess=opened} forbids this mode.</li>
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

    private FdAccess() {
    }

    /**
     * Returns the mode in use, deciding it on the first call.
     *
     * @return the mode
     */
    public static Mode mode() {
        return Chosen.MODE;
    }

    /**
     * Tells how transfers hold the JDK's channels in this JVM: {@code "guest"} (registered in the JDK's own
     * channel protocol: one system call per transfer, the JDK's close and interrupt wake a waiting call,
     * a virtual thread parks on the JDK's poller) or {@code "dup"} followed by the reason (the transfer's
     * own duplicates of the descriptors and a bounded socket timeout: a few more system calls per
     * transfer).
     *
     * @return {@code "guest"}, or {@code "dup (REASON)"}
     */
    public static String protocol() {
        return JdkChannelProtocol.AVAILABLE ? "guest" : "dup (" + JdkChannelProtocol.UNAVAILABLE_REASON + ")";
    }

    /**
     * Returns the fd number of a JDK channel, or {@code -1} if the channel is not one of the JDK's file,
     * socket or pipe channels, or no fd can be read. The number may be stale if the channel was closed.
     *
     * @param channel the channel
     * @return the fd number or {@code -1}
     */
    public static int fd(Channel channel) {
        if (channel == null) {
            return -1;
        }
        Class<?> type = channel.getClass();
        switch (Chosen.MODE) {
            case OPENED:
                return Opened.fd(channel, type);
            case UNSAFE:
                return ViaUnsafe.fd(channel, type);
            default:
                return -1;
        }
    }

    /**
     * Tells whether a JDK {@link java.nio.channels.FileChannel} was opened for reading.
     *
     * @param fileChannel the channel
     * @return {@code TRUE} or {@code FALSE}, or {@code null} if it cannot be read
     */
    public static Boolean readable(Channel fileChannel) {
        return flag(fileChannel, true);
    }

    /**
     * Tells whether a JDK {@link java.nio.channels.FileChannel} was opened for writing.
     *
     * @param fileChannel the channel
     * @return {@code TRUE} or {@code FALSE}, or {@code null} if it cannot be read
     */
    public static Boolean writable(Channel fileChannel) {
        return flag(fileChannel, false);
    }

    /**
     * Returns the lock that the JDK's socket or pipe channel holds around its reads ({@code read}) or
     * writes, so that a transfer can exclude them as the JDK's own transfer does; {@code null} for files,
     * other channels, or where the lock cannot be read.
     *
     * @param channel the channel
     * @param read    the read lock, else the write lock
     * @return the lock or {@code null}
     */
    public static java.util.concurrent.locks.ReentrantLock lock(Channel channel, boolean read) {
        if (channel == null) {
            return null;
        }
        Class<?> type = channel.getClass();
        int index = type == JdkClasses.SOCKET ? (read ? 0 : 1)
                : type == JdkClasses.PIPE_SOURCE && read ? 2
                : type == JdkClasses.PIPE_SINK && !read ? 3 : -1;
        if (index < 0) {
            return null;
        }
        switch (Chosen.MODE) {
            case OPENED:
                return Locks.OPENED[index] == null ? null
                        : (java.util.concurrent.locks.ReentrantLock) Locks.OPENED[index].get(channel);
            case UNSAFE:
                return Locks.UNSAFE[index] < 0 ? null
                        : (java.util.concurrent.locks.ReentrantLock) ViaUnsafe.getObject(channel,
                                Locks.UNSAFE[index]);
            default:
                return null;
        }
    }

    /** The read and write locks of the socket and pipe channels: socket read, socket write, source, sink. */
    private static final class Locks {
        static final VarHandle[] OPENED = new VarHandle[4];
        static final long[] UNSAFE = {-1, -1, -1, -1};

        static {
            Class<?>[] types = {JdkClasses.SOCKET, JdkClasses.SOCKET, JdkClasses.PIPE_SOURCE, JdkClasses.PIPE_SINK};
            String[] names = {"readLock", "writeLock", "readLock", "writeLock"};
            for (int i = 0; i < 4; i++) {
                try {
                    if (Chosen.MODE == Mode.OPENED) {
                        OPENED[i] = MethodHandles.privateLookupIn(types[i], MethodHandles.lookup())
                                .findVarHandle(types[i], names[i], java.util.concurrent.locks.ReentrantLock.class);
                    } else if (Chosen.MODE == Mode.UNSAFE) {
                        UNSAFE[i] = ViaUnsafe.offset(types[i], names[i]);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // this JDK keeps no such lock: transfers do without it
                }
            }
        }
    }

    private static Boolean flag(Channel channel, boolean read) {
        if (channel == null || channel.getClass() != JdkClasses.FILE) {
            return null;
        }
        switch (Chosen.MODE) {
            case OPENED:
                return Opened.flag(channel, read);
            case UNSAFE:
                return ViaUnsafe.flag(channel, read);
            default:
                return null;
        }
    }

    /**
     * The mode, decided once. Every accessor below keeps its handles or offsets in {@code static final}
     * fields, which the JIT compiler treats as constants: an fd read costs a few nanoseconds.
     */
    private static final class Chosen {
        static final Mode MODE = choose();

        private static Mode choose() {
            if (JdkClasses.FILE == null) {
                return Mode.NONE;
            }
            Module base = Object.class.getModule();
            Module self = FdAccess.class.getModule();
            if (base.isOpen("sun.nio.ch", self) && base.isOpen("java.io", self) && works(Opened::check)) {
                return Mode.OPENED;
            }
            if (unsafeIsQuiet() && works(ViaUnsafe::check)) {
                return Mode.UNSAFE;
            }
            return Mode.NONE;
        }

        /**
         * Whether Unsafe may be used without the JDK printing a warning: on JDK 17 to 23 always; on JDK 24
         * and later only with {@code --sun-misc-unsafe-memory-access=allow} (JEP 471/498), which the
         * launcher exposes as the system property {@code sun.misc.unsafe.memory.access}.
         */
        private static boolean unsafeIsQuiet() {
            if ("opened".equals(System.getProperty("dev.zerocopy.fdaccess"))) {
                return false;
            }
            return Runtime.version().feature() < 24
                    || "allow".equals(System.getProperty("sun.misc.unsafe.memory.access"));
        }

        private static boolean works(Runnable initialise) {
            try {
                initialise.run();
                return true;
            } catch (LinkageError | RuntimeException e) {
                return false;
            }
        }
    }

    /** The JDK's channel classes, or {@code null} where a JDK lacks them. */
    static final class JdkClasses {
        static final Class<?> FILE = find("sun.nio.ch.FileChannelImpl");
        static final Class<?> SOCKET = find("sun.nio.ch.SocketChannelImpl");
        static final Class<?> PIPE_SOURCE = find("sun.nio.ch.SourceChannelImpl");
        static final Class<?> PIPE_SINK = find("sun.nio.ch.SinkChannelImpl");

        private static Class<?> find(String name) {
            try {
                return Class.forName(name, false, null);
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
        }
    }

    /** Mode {@link Mode#OPENED}: VarHandles on packages opened to this library. */
    private static final class Opened {
        static final VarHandle FILE_FD;
        static final VarHandle DESCRIPTOR_FD;
        static final VarHandle READABLE;
        static final VarHandle WRITABLE;
        static final VarHandle SOCKET_FD;
        static final VarHandle PIPE_SOURCE_FD;
        static final VarHandle PIPE_SINK_FD;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                MethodHandles.Lookup file = MethodHandles.privateLookupIn(JdkClasses.FILE, lookup);
                FILE_FD = file.findVarHandle(JdkClasses.FILE, "fd", FileDescriptor.class);
                READABLE = file.findVarHandle(JdkClasses.FILE, "readable", boolean.class);
                WRITABLE = file.findVarHandle(JdkClasses.FILE, "writable", boolean.class);
                DESCRIPTOR_FD = MethodHandles.privateLookupIn(FileDescriptor.class, lookup)
                        .findVarHandle(FileDescriptor.class, "fd", int.class);
                SOCKET_FD = fdVal(JdkClasses.SOCKET, lookup);
                PIPE_SOURCE_FD = fdVal(JdkClasses.PIPE_SOURCE, lookup);
                PIPE_SINK_FD = fdVal(JdkClasses.PIPE_SINK, lookup);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static VarHandle fdVal(Class<?> type, MethodHandles.Lookup lookup) throws ReflectiveOperationException {
            return MethodHandles.privateLookupIn(type, lookup).findVarHandle(type, "fdVal", int.class);
        }

        static void check() {
            // class initialisation does the work
        }

        static int fd(Object channel, Class<?> type) {
            if (type == JdkClasses.FILE) {
                FileDescriptor descriptor = (FileDescriptor) FILE_FD.get(channel);
                return descriptor == null ? -1 : (int) DESCRIPTOR_FD.get(descriptor);
            }
            if (type == JdkClasses.SOCKET) {
                return (int) SOCKET_FD.get(channel);
            }
            if (type == JdkClasses.PIPE_SOURCE) {
                return (int) PIPE_SOURCE_FD.get(channel);
            }
            if (type == JdkClasses.PIPE_SINK) {
                return (int) PIPE_SINK_FD.get(channel);
            }
            return -1;
        }

        static Boolean flag(Object channel, boolean read) {
            return read ? (boolean) READABLE.get(channel) : (boolean) WRITABLE.get(channel);
        }
    }

    /**
     * Mode {@link Mode#UNSAFE}: {@code sun.misc.Unsafe} field offsets. Unsafe is reached through method
     * handles bound once into static finals (the JIT compiler inlines them to the same intrinsics), so the
     * library has no compile-time reference to an internal API.
     */
    private static final class ViaUnsafe {
        static final MethodHandle GET_INT;        // (Object, long) int
        static final MethodHandle GET_BOOLEAN;    // (Object, long) boolean
        static final MethodHandle GET_OBJECT;     // (Object, long) Object
        static final MethodHandle FIELD_OFFSET;   // (Field) long
        static final long FILE_FD;
        static final long DESCRIPTOR_FD;
        static final long READABLE;
        static final long WRITABLE;
        static final long SOCKET_FD;
        static final long PIPE_SOURCE_FD;
        static final long PIPE_SINK_FD;

        static {
            try {
                Class<?> type = Class.forName("sun.misc.Unsafe");
                Field theUnsafe = type.getDeclaredField("theUnsafe");
                theUnsafe.setAccessible(true);
                Object unsafe = theUnsafe.get(null);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                GET_INT = lookup.findVirtual(type, "getInt", MethodType.methodType(int.class, Object.class, long.class))
                        .bindTo(unsafe);
                GET_BOOLEAN = lookup.findVirtual(type, "getBoolean",
                        MethodType.methodType(boolean.class, Object.class, long.class)).bindTo(unsafe);
                GET_OBJECT = lookup.findVirtual(type, "getObject",
                        MethodType.methodType(Object.class, Object.class, long.class)).bindTo(unsafe);
                FIELD_OFFSET = lookup.findVirtual(type, "objectFieldOffset",
                        MethodType.methodType(long.class, Field.class)).bindTo(unsafe);
                FILE_FD = offset(JdkClasses.FILE, "fd");
                READABLE = offset(JdkClasses.FILE, "readable");
                WRITABLE = offset(JdkClasses.FILE, "writable");
                DESCRIPTOR_FD = offset(FileDescriptor.class, "fd");
                SOCKET_FD = offset(JdkClasses.SOCKET, "fdVal");
                PIPE_SOURCE_FD = offset(JdkClasses.PIPE_SOURCE, "fdVal");
                PIPE_SINK_FD = offset(JdkClasses.PIPE_SINK, "fdVal");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static long offset(Class<?> type, String field) throws NoSuchFieldException {
            try {
                return (long) FIELD_OFFSET.invokeExact(type.getDeclaredField(field));
            } catch (NoSuchFieldException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        static void check() {
            // class initialisation does the work
        }

        static int fd(Object channel, Class<?> type) {
            if (type == JdkClasses.FILE) {
                Object descriptor = getObject(channel, FILE_FD);
                return descriptor == null ? -1 : getInt(descriptor, DESCRIPTOR_FD);
            }
            if (type == JdkClasses.SOCKET) {
                return getInt(channel, SOCKET_FD);
            }
            if (type == JdkClasses.PIPE_SOURCE) {
                return getInt(channel, PIPE_SOURCE_FD);
            }
            if (type == JdkClasses.PIPE_SINK) {
                return getInt(channel, PIPE_SINK_FD);
            }
            return -1;
        }

        static Boolean flag(Object channel, boolean read) {
            try {
                return (boolean) GET_BOOLEAN.invokeExact((Object) channel, read ? READABLE : WRITABLE);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        static int getInt(Object object, long offset) {
            try {
                return (int) GET_INT.invokeExact(object, offset);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        static Object getObject(Object object, long offset) {
            try {
                return (Object) GET_OBJECT.invokeExact(object, offset);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
