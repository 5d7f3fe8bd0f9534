package dev.zerocopy.portable;

import com.google.auto.service.AutoService;
import dev.zerocopy.Availability;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.spi.AbstractZeroCopyTransfer;

/**
 * The pure-Java provider: always usable, lowest priority. It completes the JDK's own
 * {@code transferTo}/{@code transferFrom} into {@link ZeroCopyTransfer}'s contract and uses a
 * direct-buffer loop where the JDK has nothing better (the toolkit's package-private {@code PortableCopies}).
 */
@AutoService(ZeroCopyTransfer.class)
public final class PortableTransfer extends AbstractZeroCopyTransfer {

    /** The provider's name. */
    public static final String NAME = "portable";

    /** Creates the provider. */
    public PortableTransfer() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Availability availability() {
        return Availability.usable("pure Java, works everywhere");
    }
}
