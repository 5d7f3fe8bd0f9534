package dev.zerocopy;

import java.util.Objects;

/**
 * Whether a {@link ZeroCopyTransfer} provider can work here, and if not, why.
 *
 * @param usable whether the provider can be used in this JVM on this operating system
 * @param reason a short human-readable explanation: what was checked, or why it failed
 */
public record Availability(boolean usable, String reason) {

    /**
     * Creates an availability.
     *
     * @param usable whether the provider can be used
     * @param reason the explanation, not {@code null}
     */
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns a usable availability.
     *
     * @param reason what makes the provider usable, such as the kernel release
     * @return the availability
     */
    public static Availability usable(String reason) {
        return new Availability(true, reason);
    }

    /**
     * Returns an unusable availability.
     *
     * @param reason why the provider cannot be used
     * @return the availability
     */
    public static Availability unusable(String reason) {
        return new Availability(false, reason);
    }
}
