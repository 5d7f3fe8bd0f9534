package dev.zerocopy.bench;

import dev.zerocopy.spi.RecordedTransfers;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records the transfers of one untimed run, to report which mechanism the provider used and why it fell
 * back, if it did: a slow zerocopy row means little without that.
 */
final class MechanismProbe {

    private MechanismProbe() {
    }

    /**
     * Runs a trial under a recording.
     *
     * @param trial the run, made with verification on
     * @return the distinct mechanisms seen, with fallback reasons, such as {@code sendfile}
     * @throws Exception if the run fails
     */
    static String observe(Variant.Trial trial) throws Exception {
        Set<String> seen = new TreeSet<>();
        for (RecordedTransfers.Transfer transfer : RecordedTransfers.of(() -> trial.run(true))) {
            String reason = transfer.fallbackReason();
            seen.add(transfer.mechanism() + (reason == null ? "" : " (fallback: " + reason + ")"));
        }
        return seen.isEmpty() ? "no event" : String.join(", ", seen);
    }
}
