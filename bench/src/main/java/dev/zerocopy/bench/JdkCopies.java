package dev.zerocopy.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The comparison variants written the way plain Java code would, besides the JDK's own
 * {@code transferTo}/{@code transferFrom} loops ({@link dev.zerocopy.JdkTransfers}): the stream
 * {@code transferTo} and a 256 KiB direct-buffer loop.
 */
public final class JdkCopies {

    /** The buffer of the direct-buffer loop. */
    public static final int BUFFER_BYTES = 256 << 10;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);

    /**
     * {@link java.io.InputStream#transferTo} over the channels' stream adapters, until end of stream.
     *
     * @param source the channel read from
     * @param target the channel written to
     * @return the bytes moved
     * @throws IOException on failure
     */
    public static long streams(ReadableByteChannel source, WritableByteChannel target) throws IOException {
        return Channels.newInputStream(source).transferTo(Channels.newOutputStream(target));
    }

    /**
     * A direct-buffer loop from a file range to a channel.
     *
     * @param source   the file
     * @param position the first byte
     * @param count    the bytes
     * @param target   the channel
     * @return the bytes moved
     * @throws IOException on failure
     */
    public long bufferFromFile(FileChannel source, long position, long count, WritableByteChannel target)
            throws IOException {
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(BUFFER_BYTES, count - done));
            int n = source.read(buffer, position + done);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            done += n;
        }
        return done;
    }

    /**
     * A direct-buffer loop from a channel into a file at a position.
     *
     * @param source   the channel
     * @param target   the file
     * @param position the first byte to write
     * @param count    the most bytes
     * @return the bytes moved
     * @throws IOException on failure
     */
    public long bufferToFile(ReadableByteChannel source, FileChannel target, long position, long count)
            throws IOException {
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(BUFFER_BYTES, count - done));
            int n = source.read(buffer);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += target.write(buffer, position + done);
            }
        }
        return done;
    }

    /**
     * A direct-buffer loop between two channels until end of stream.
     *
     * @param source the channel read from
     * @param target the channel written to
     * @return the bytes moved
     * @throws IOException on failure
     */
    public long bufferRelay(ReadableByteChannel source, WritableByteChannel target) throws IOException {
        long done = 0;
        while (source.read(buffer.clear()) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += target.write(buffer);
            }
        }
        return done;
    }
}
