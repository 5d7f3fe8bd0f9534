package dev.zerocopy.spi;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A small bounded pool of direct buffers for the buffer loops, so that a transfer neither allocates
 * direct memory per call nor keeps one buffer per thread (which virtual threads would multiply).
 */
final class BufferPool {

    /**
     * Buffer size: a direct-buffer loop reaches about 1.5 GiB/s on loopback at 256 KiB, and gains
     * nothing measurable beyond (see the bench module's S2 buffer variant).
     */
    static final int BUFFER_SIZE = 256 * 1024;

    /** Buffers kept when idle; more are allocated under load and left to the collector. */
    private static final int POOLED = 8;

    private static final ArrayBlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(POOLED);

    private BufferPool() {
    }

    static ByteBuffer take() {
        ByteBuffer buffer = POOL.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(BUFFER_SIZE);
    }

    static void give(ByteBuffer buffer) {
        POOL.offer(buffer);
    }
}
