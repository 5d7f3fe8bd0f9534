package dev.zerocopy.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an interrupt of the thread running a file tool, so that the
 * transfer stops between two steps, the tool reports how many bytes made it and cleans up (a reset
 * connection, a removed partial file) before the JVM exits. The shutdown hook waits until the command
 * has printed its last line ({@link #reported()}), at most {@link #WAIT_SECONDS} seconds.
 */
final class Interruption {

    /** How long the shutdown hook waits for the interrupted command to report. */
    static final long WAIT_SECONDS = 3;

    private static final CountDownLatch REPORTED = new CountDownLatch(1);
    private static volatile boolean requested;
    private static Thread hook;

    private Interruption() {
    }

    /**
     * Makes a signal interrupt the calling thread; call once per command, before the transfer starts.
     *
     * @param beforeInterrupt runs in the shutdown hook just before the interrupt (for example to make
     *                        the close of a socket a reset), or {@code null}
     */
    static synchronized void watch(Runnable beforeInterrupt) {
        if (hook != null) {
            return;
        }
        Thread worker = Thread.currentThread();
        hook = new Thread(() -> {
            requested = true;
            if (beforeInterrupt != null) {
                try {
                    beforeInterrupt.run();
                } catch (RuntimeException ignored) {
                    // stopping anyway
                }
            }
            worker.interrupt();
            try {
                REPORTED.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zerocopy-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Tells whether a signal asked the command to stop.
     *
     * @return whether the shutdown hook ran
     */
    static boolean requested() {
        return requested;
    }

    /**
     * Tells the shutdown hook that the command printed its last line; the JVM may exit. Without a
     * signal, the hook is removed: a normal exit does not run it.
     */
    static synchronized void reported() {
        REPORTED.countDown();
        if (hook != null && !requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived meanwhile: the hook runs and finds the latch open
            }
        }
    }
}
