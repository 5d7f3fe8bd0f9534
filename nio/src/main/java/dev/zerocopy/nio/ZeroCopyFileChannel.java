package dev.zerocopy.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The {@link FileChannel} that {@link ZeroCopyFileSystemProvider} hands out: the JDK's own channel inside,
 * every operation the JDK's, except that {@link #transferTo} and {@link #transferFrom} go through
 * {@link dev.zerocopy.ZeroCopyTransfer} (with the JDK channels of both ends, which it needs to find file
 * descriptors). Their contract is {@code FileChannel}'s: the position is unchanged, the JDK's exceptions
 * are thrown for the JDK's reasons, a non-blocking peer gives partial counts; a blocking peer gets the
 * whole count, which the JDK may deliver over several calls. Locks it returns name this channel.
 *
 * <p>Limits: code that needs the JDK's class itself (native transports reading its private fields, the
 * JDK's {@code instanceof} fast paths) does not recognise this wrapper; the agent has no such limit.
 * {@code map(MapMode, long, long, Arena)} (JDK 22+) is not available through it.
 */
final class ZeroCopyFileChannel extends FileChannel {

    private final FileChannel delegate;
    private final TransferHook hook;

    ZeroCopyFileChannel(FileChannel delegate, TransferHook hook) {
        this.delegate = delegate;
        this.hook = hook;
    }

    /**
     * Returns the JDK channel inside a wrapper, or the channel itself.
     *
     * @param channel a channel
     * @param <C>     its type
     * @return the JDK channel
     */
    @SuppressWarnings("unchecked")
    static <C extends Channel> C unwrap(C channel) {
        return channel instanceof ZeroCopyFileChannel zero ? (C) zero.delegate : channel;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        WritableByteChannel jdkTarget = unwrap(target);
        Long routed = hook.transferTo(delegate, position, count, jdkTarget);
        return routed != null ? routed : delegate.transferTo(position, count, jdkTarget);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        ReadableByteChannel jdkSource = unwrap(source);
        Long routed = hook.transferFrom(delegate, jdkSource, position, count);
        return routed != null ? routed : delegate.transferFrom(jdkSource, position, count);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return delegate.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return delegate.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return new Lock(this, delegate.lock(position, size, shared));
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        FileLock lock = delegate.tryLock(position, size, shared);
        return lock == null ? null : new Lock(this, lock);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    /** A JDK lock that names the wrapper as its channel. */
    private static final class Lock extends FileLock {
        private final FileLock lock;

        Lock(ZeroCopyFileChannel channel, FileLock lock) {
            super(channel, lock.position(), lock.size(), lock.isShared());
            this.lock = lock;
        }

        @Override
        public boolean isValid() {
            return lock.isValid();
        }

        @Override
        public void release() throws IOException {
            lock.release();
        }
    }
}
