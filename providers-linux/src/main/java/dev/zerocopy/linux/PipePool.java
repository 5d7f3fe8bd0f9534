package dev.zerocopy.linux;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A bounded pool of empty kernel pipes. Creating and sizing a pipe costs three system calls, so idle
 * pipes are kept; beyond {@link #MAX_IDLE} they are closed. A pipe that may still hold bytes (its
 * transfer failed or returned with data in flight) is closed, never returned.
 */
final class PipePool {

    /** Idle pipes kept: two fds each, enough for a busy server's concurrent transfers. */
    static final int MAX_IDLE = 16;

    private final ArrayBlockingQueue<KernelPipe> idle = new ArrayBlockingQueue<>(MAX_IDLE);

    KernelPipe take() throws IOException {
        KernelPipe pipe = idle.poll();
        return pipe != null ? pipe : KernelPipe.open();
    }

    /**
     * Returns a pipe after use.
     *
     * @param pipe  the pipe
     * @param empty whether it is known to hold no bytes
     */
    void give(KernelPipe pipe, boolean empty) {
        if (!empty || !idle.offer(pipe)) {
            pipe.close();
        }
    }

    int idleCount() {
        return idle.size();
    }
}
