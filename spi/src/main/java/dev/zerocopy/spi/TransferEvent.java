package dev.zerocopy.spi;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event {@code dev.zerocopy.Transfer}, one per transfer: which provider and mechanism ran, how
 * many bytes moved, and why a faster mechanism was not used. Costs a branch when no recording is running;
 * a JVM whose flight recorder was never started does not load this class.
 * Created and committed by {@link TransferContext}; providers never touch it directly.
 */
@Name(TransferEvent.NAME)
@Label("Zero-Copy Transfer")
@Category("zerocopy")
@Description("One call of ZeroCopyTransfer.transfer")
@StackTrace(false)
final class TransferEvent extends Event {

    /** The event's name, for recordings that read it. */
    static final String NAME = "dev.zerocopy.Transfer";

    /** The provider's name. */
    @Label("Provider")
    String provider;

    /** The pair of channel kinds, such as {@code file->socket}. */
    @Label("Direction")
    String direction;

    /** The mechanism that moved the bytes: sendfile, splice, copy_file_range, jdk or buffer. */
    @Label("Mechanism")
    String mechanism;

    /** The bytes transferred. */
    @Label("Bytes")
    @DataAmount
    long bytes;

    /** Why the provider's own system calls were not used, or {@code null}. */
    @Label("Fallback Reason")
    String fallbackReason;

    /**
     * How the transfer held its channels: {@code guest} (registered in the JDK's own channel protocol),
     * {@code dup} (its own duplicates of the descriptors), or {@code none} (the JDK's own methods ran).
     */
    @Label("Protocol")
    String protocol;

    /** Whether the transfer ran on a virtual thread. */
    @Label("Virtual Thread")
    boolean virtualThread;

    /** How often the transfer waited for a channel to become ready. */
    @Label("Waits")
    int waits;

    /**
     * Asks whether a recording wants the event without making one per transfer: an event's
     * {@code isEnabled()} reads its class's state, not the instance's.
     */
    private static final TransferEvent PROBE = new TransferEvent();

    TransferEvent() {
    }

    /**
     * Tells whether a recording wants this event now. Call it only once the flight recorder is initialized:
     * the first use of an event class makes the JDK set up its JFR metadata, about 0.1 s, which a JVM that
     * never records should not pay.
     *
     * @return whether a transfer should record its event
     */
    static boolean wanted() {
        return PROBE.isEnabled();
    }
}
