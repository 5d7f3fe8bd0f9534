package dev.zerocopy.spi;

import java.nio.channels.Channel;

/**
 * The state of one transfer that a provider's hooks need besides the channels: whether the caller's
 * selectable channel is in non-blocking mode, the {@link ChannelGuard}, and what to record in the JFR
 * event (the mechanism used, and why faster ones were not).
 */
public final class TransferContext {

    private final TransferEvent event = new TransferEvent();
    private final boolean recording;
    private final ChannelGuard guard;
    private final boolean nonBlocking;
    private String mechanism = "none";
    private String fallbackReason;

    /**
     * Starts a transfer's context and its event.
     *
     * @param provider    the provider's name
     * @param source      the channel read from
     * @param target      the channel written to
     * @param nonBlocking whether the caller's selectable channel is in non-blocking mode
     */
    public TransferContext(String provider, Channel source, Channel target, boolean nonBlocking) {
        this.guard = new ChannelGuard(source, target);
        this.nonBlocking = nonBlocking;
        this.recording = event.isEnabled();
        if (recording) {
            event.begin();
            event.provider = provider;
            event.direction = ChannelKind.of(source).label() + "->" + ChannelKind.of(target).label();
        }
    }

    /**
     * Tells whether EAGAIN must return the partial count rather than wait.
     *
     * @return whether the caller's selectable channel is non-blocking
     */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /**
     * Returns the guard that watches for interrupts and closes.
     *
     * @return the guard
     */
    public ChannelGuard guard() {
        return guard;
    }

    /**
     * Records the mechanism that moves the bytes, such as {@code "sendfile"}.
     *
     * @param name the mechanism
     */
    public void mechanism(String name) {
        this.mechanism = name;
    }

    /**
     * Returns the mechanism recorded last.
     *
     * @return the mechanism, {@code "none"} if nothing was recorded
     */
    public String mechanism() {
        return mechanism;
    }

    /**
     * Records why a mechanism was not used; reasons accumulate in order.
     *
     * @param reason a short reason, such as {@code "copy_file_range: EXDEV"}
     */
    public void notHandled(String reason) {
        fallbackReason = fallbackReason == null ? reason : fallbackReason + "; " + reason;
    }

    /**
     * Returns the recorded fallback reasons, or {@code null}.
     *
     * @return the reasons
     */
    public String fallbackReason() {
        return fallbackReason;
    }

    /**
     * Ends the transfer and commits its event if a recording wants it.
     *
     * @param bytes the bytes transferred
     */
    public void finish(long bytes) {
        if (recording && event.shouldCommit()) {
            event.end();
            event.mechanism = mechanism;
            event.bytes = bytes;
            event.fallbackReason = fallbackReason;
            event.commit();
        }
    }
}
