package dev.zerocopy.emulated;

import java.util.function.Function;

/**
 * An emulated operating system: boots a fresh {@link EmulatedKernel} with a fault plan.
 *
 * @param name the system's name
 * @param boot creates a kernel
 */
public record EmulatedOs(String name, Function<FaultPlan, EmulatedKernel> boot) {

    /**
     * Boots a kernel.
     *
     * @param plan the faults to inject
     * @return the kernel
     */
    public EmulatedKernel boot(FaultPlan plan) {
        return boot.apply(plan);
    }

    @Override
    public String toString() {
        return name;
    }
}
