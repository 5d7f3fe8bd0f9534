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
 * many bytes moved, and why a faster mechanism was not used. Costs a branch when no recording is running.
 * Created and committed by {@link TransferContext}; providers never touch it directly.
 */
@Name("dev.zerocopy.Transfer")
@Label("Zero-Copy Transfer")
@Category("zerocopy")
@Description("One call of ZeroCopyTransfer.transfer")
@StackTrace(false)
public final class TransferEvent extends Event {

    /** The provider's name. */
    @Label("Provider")
    public String provider;

    /** The pair of channel kinds, such as {@code file->socket}. */
    @Label("Direction")
    public String direction;

    /** The mechanism that moved the bytes: sendfile, splice, copy_file_range, jdk or buffer. */
    @Label("Mechanism")
    public String mechanism;

    /** The bytes transferred. */
    @Label("Bytes")
    @DataAmount
    public long bytes;

    /** Why the provider's own system calls were not used, or {@code null}. */
    @Label("Fallback Reason")
    public String fallbackReason;

    /** Creates an event; see {@link TransferContext}. */
    public TransferEvent() {
    }
}
