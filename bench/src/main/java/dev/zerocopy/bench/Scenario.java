package dev.zerocopy.bench;

import java.util.List;

/**
 * One row group of the report: a copy done by several variants.
 *
 * @param id       a short id, such as {@code S1}
 * @param title    what is copied, for the table
 * @param perCall  whether the figure of merit is time per call (else throughput)
 * @param variants the variants, in the order they are interleaved
 * @param notes    what was skipped and why
 */
public record Scenario(String id, String title, boolean perCall, List<Variant> variants, List<String> notes) {

    /** Makes the lists unmodifiable. */
    public Scenario {
        variants = List.copyOf(variants);
        notes = List.copyOf(notes);
    }
}
