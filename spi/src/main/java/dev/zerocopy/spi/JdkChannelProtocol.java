package dev.zerocopy.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Handles on the JDK's own channel protocol: how {@code sun.nio.ch.FileChannelImpl},
 * {@code SocketChannelImpl} and the {@code Pipe} channels register an operation in flight, so that a
 * close from another thread waits for it (or wakes it with a signal) and never releases the descriptor
 * number under it. Resolved once; {@link #AVAILABLE} is {@code false} on a JDK whose internals differ or
 * that does not open {@code java.base/sun.nio.ch} to this library, and then no handle here is used.
 *
 * <p>The members used, present in JDK 17 and 25 alike (read in both JDKs' sources):
 * <ul>
 *   <li>{@code FileChannelImpl}: {@code threads} ({@code NativeThreadSet.add()}/{@code remove(int)}),
 *       {@code beginBlocking()}/{@code endBlocking(boolean)};</li>
 *   <li>{@code SocketChannelImpl}: {@code readLock}/{@code writeLock}, {@code beginRead}/{@code endRead},
 *       {@code beginWrite}/{@code endWrite} ({@code (boolean blocking)}, {@code (boolean blocking,
 *       boolean completed)}); {@code SourceChannelImpl} the read half, {@code SinkChannelImpl} the write
 *       half;</li>
 *   <li>{@code SelChImpl.park(int event, long nanos)}: the JDK's wait, on its poller for a virtual thread;
 *       {@code Net.POLLIN}/{@code POLLOUT};</li>
 *   <li>JDK 21 and later only, optional: {@code configureSocketNonBlockingIfVirtualThread()} of the socket
 *       and pipe channels, which makes the descriptor non-blocking when a virtual thread uses it.</li>
 * </ul>
 */
final class JdkChannelProtocol {

    /** Whether every handle below resolved. */
    static final boolean AVAILABLE;

    static final Class<?> FILE = FdAccess.JdkClasses.FILE;
    static final Class<?> SOCKET = FdAccess.JdkClasses.SOCKET;
    static final Class<?> PIPE_SOURCE = FdAccess.JdkClasses.PIPE_SOURCE;
    static final Class<?> PIPE_SINK = FdAccess.JdkClasses.PIPE_SINK;

    static final MethodHandle FILE_ADD_THREAD;      // (Channel) int
    static final MethodHandle FILE_REMOVE_THREAD;   // (Channel, int) void
    static final MethodHandle FILE_BEGIN;           // (Channel) void
    static final MethodHandle FILE_END;             // (Channel, boolean) void

    static final MethodHandle SOCKET_READ_LOCK;     // (Channel) ReentrantLock
    static final MethodHandle SOCKET_WRITE_LOCK;
    static final MethodHandle SOCKET_BEGIN_READ;    // (Channel, boolean) void
    static final MethodHandle SOCKET_END_READ;      // (Channel, boolean, boolean) void
    static final MethodHandle SOCKET_BEGIN_WRITE;
    static final MethodHandle SOCKET_END_WRITE;
    static final MethodHandle SOCKET_NON_BLOCKING_IF_VIRTUAL;   // (Channel) void, or null before JDK 21

    static final MethodHandle SOURCE_READ_LOCK;
    static final MethodHandle SOURCE_BEGIN_READ;
    static final MethodHandle SOURCE_END_READ;
    static final MethodHandle SOURCE_NON_BLOCKING_IF_VIRTUAL;
    static final MethodHandle SINK_WRITE_LOCK;
    static final MethodHandle SINK_BEGIN_WRITE;
    static final MethodHandle SINK_END_WRITE;
    static final MethodHandle SINK_NON_BLOCKING_IF_VIRTUAL;

    static final MethodHandle PARK;                 // (Channel, int, long) void
    static final MethodHandle GET_FD;               // (Channel) FileDescriptor, of a socket or pipe channel
    static final MethodHandle NET_POLL;             // (FileDescriptor, int, long) int: the JDK's poll, millis
    static final int POLLIN;
    static final int POLLOUT;

    /** Why the protocol is unavailable, or {@code null}. */
    static final String UNAVAILABLE_REASON;

    static {
        MethodHandle[] h = new MethodHandle[24];
        int pollIn = Readiness.POLLIN;
        int pollOut = Readiness.POLLOUT;
        String reason = null;
        try {
            if (FdAccess.mode() != FdAccess.Mode.OPENED) {
                throw new IllegalStateException("fd access " + FdAccess.mode()
                        + ": java.base/sun.nio.ch is not open to zerocopy");
            }
            MethodHandles.Lookup self = MethodHandles.lookup();
            MethodHandles.Lookup file = MethodHandles.privateLookupIn(FILE, self);
            Class<?> threadSet = Class.forName("sun.nio.ch.NativeThreadSet", false, null);
            MethodHandles.Lookup sets = MethodHandles.privateLookupIn(threadSet, self);
            MethodHandle threads = file.findGetter(FILE, "threads", threadSet);
            h[0] = MethodHandles.filterArguments(sets.findVirtual(threadSet, "add", MethodType.methodType(int.class)),
                    0, threads);
            h[1] = MethodHandles.filterArguments(sets.findVirtual(threadSet, "remove",
                    MethodType.methodType(void.class, int.class)), 0, threads);
            h[2] = file.findVirtual(FILE, "beginBlocking", MethodType.methodType(void.class));
            h[3] = file.findVirtual(FILE, "endBlocking", MethodType.methodType(void.class, boolean.class));

            MethodHandles.Lookup socket = MethodHandles.privateLookupIn(SOCKET, self);
            h[4] = socket.findGetter(SOCKET, "readLock", ReentrantLock.class);
            h[5] = socket.findGetter(SOCKET, "writeLock", ReentrantLock.class);
            h[6] = begin(socket, SOCKET, "beginRead");
            h[7] = end(socket, SOCKET, "endRead");
            h[8] = begin(socket, SOCKET, "beginWrite");
            h[9] = end(socket, SOCKET, "endWrite");
            h[10] = optional(socket, SOCKET);

            MethodHandles.Lookup source = MethodHandles.privateLookupIn(PIPE_SOURCE, self);
            h[11] = source.findGetter(PIPE_SOURCE, "readLock", ReentrantLock.class);
            h[12] = begin(source, PIPE_SOURCE, "beginRead");
            h[13] = end(source, PIPE_SOURCE, "endRead");
            h[14] = optional(source, PIPE_SOURCE);
            MethodHandles.Lookup sink = MethodHandles.privateLookupIn(PIPE_SINK, self);
            h[15] = sink.findGetter(PIPE_SINK, "writeLock", ReentrantLock.class);
            h[16] = begin(sink, PIPE_SINK, "beginWrite");
            h[17] = end(sink, PIPE_SINK, "endWrite");
            h[18] = optional(sink, PIPE_SINK);

            Class<?> selChImpl = Class.forName("sun.nio.ch.SelChImpl", false, null);
            h[19] = MethodHandles.privateLookupIn(selChImpl, self).findVirtual(selChImpl, "park",
                    MethodType.methodType(void.class, int.class, long.class));
            Class<?> net = Class.forName("sun.nio.ch.Net", false, null);
            MethodHandles.Lookup nets = MethodHandles.privateLookupIn(net, self);
            h[20] = MethodHandles.privateLookupIn(selChImpl, self).findVirtual(selChImpl, "getFD",
                    MethodType.methodType(java.io.FileDescriptor.class));
            h[21] = nets.findStatic(net, "poll", MethodType.methodType(int.class, java.io.FileDescriptor.class,
                    int.class, long.class));
            pollIn = (short) nets.findStaticGetter(net, "POLLIN", short.class).invoke();
            pollOut = (short) nets.findStaticGetter(net, "POLLOUT", short.class).invoke();
            for (int i = 0; i <= 20; i++) {
                if (h[i] != null) {
                    h[i] = h[i].asType(erased(h[i].type()));
                }
            }
        } catch (Throwable e) {
            reason = e.toString();
            java.util.Arrays.fill(h, null);
        }
        FILE_ADD_THREAD = h[0];
        FILE_REMOVE_THREAD = h[1];
        FILE_BEGIN = h[2];
        FILE_END = h[3];
        SOCKET_READ_LOCK = h[4];
        SOCKET_WRITE_LOCK = h[5];
        SOCKET_BEGIN_READ = h[6];
        SOCKET_END_READ = h[7];
        SOCKET_BEGIN_WRITE = h[8];
        SOCKET_END_WRITE = h[9];
        SOCKET_NON_BLOCKING_IF_VIRTUAL = h[10];
        SOURCE_READ_LOCK = h[11];
        SOURCE_BEGIN_READ = h[12];
        SOURCE_END_READ = h[13];
        SOURCE_NON_BLOCKING_IF_VIRTUAL = h[14];
        SINK_WRITE_LOCK = h[15];
        SINK_BEGIN_WRITE = h[16];
        SINK_END_WRITE = h[17];
        SINK_NON_BLOCKING_IF_VIRTUAL = h[18];
        PARK = h[19];
        GET_FD = h[20];
        NET_POLL = h[21];
        POLLIN = pollIn;
        POLLOUT = pollOut;
        AVAILABLE = reason == null && !"dup".equals(System.getProperty("dev.zerocopy.protocol"));
        UNAVAILABLE_REASON = reason != null ? reason
                : AVAILABLE ? null : "-Ddev.zerocopy.protocol=dup";
    }

    private JdkChannelProtocol() {
    }

    private static MethodHandle begin(MethodHandles.Lookup lookup, Class<?> type, String name)
            throws ReflectiveOperationException {
        return lookup.findVirtual(type, name, MethodType.methodType(void.class, boolean.class));
    }

    private static MethodHandle end(MethodHandles.Lookup lookup, Class<?> type, String name)
            throws ReflectiveOperationException {
        return lookup.findVirtual(type, name, MethodType.methodType(void.class, boolean.class, boolean.class));
    }

    /** {@code configureSocketNonBlockingIfVirtualThread()}: JDK 21 and later; {@code null} before. */
    private static MethodHandle optional(MethodHandles.Lookup lookup, Class<?> type) {
        try {
            return lookup.findVirtual(type, "configureSocketNonBlockingIfVirtualThread",
                    MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The handle's type with its receiver as {@link Channel}, so that call sites can use invokeExact. */
    private static MethodType erased(MethodType type) {
        return type.changeParameterType(0, Channel.class);
    }

    /**
     * The descriptor object of a JDK socket or pipe channel ({@code SelChImpl.getFD()}); {@link #AVAILABLE}
     * only.
     */
    static java.io.FileDescriptor fd(Channel channel) {
        try {
            return (java.io.FileDescriptor) GET_FD.invokeExact(channel);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JDK's own {@code poll} of one descriptor ({@code Net.poll}; {@link #AVAILABLE} only): whether it
     * became ready for {@code event} ({@link #POLLIN} or {@link #POLLOUT}), or has an error or hang-up,
     * within {@code millis} (0: without waiting). Outside the channel's registration the channel may be
     * closed meanwhile: JDK 17 then polls nothing and waits the time out, JDK 25 polls the released number
     * (ready with {@code POLLNVAL}, or another file's readiness if it was reused). Either is harmless where
     * the caller only waits with it and then checks the channel or uses the channel's own read or write,
     * which report the close.
     */
    static boolean poll(java.io.FileDescriptor fd, int event, long millis) throws java.io.IOException {
        try {
            return (int) NET_POLL.invokeExact(fd, event, millis) != 0;
        } catch (java.io.IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a channel is one of the JDK classes this protocol knows. */
    static boolean knows(Channel channel) {
        Class<?> type = channel.getClass();
        return type == FILE || type == SOCKET || type == PIPE_SOURCE || type == PIPE_SINK;
    }
}
