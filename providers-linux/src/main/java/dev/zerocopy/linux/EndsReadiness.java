package dev.zerocopy.linux;

import dev.zerocopy.spi.Readiness;

/**
 * Waits until the source end can be read and the target end written, skipping ends that are files
 * (files never report EAGAIN). Each poll is bounded by the loop's timeout.
 */
final class EndsReadiness implements Readiness {

    private final End in;
    private final End out;

    EndsReadiness(End in, End out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public boolean await(int timeoutMillis) {
        if (in.pollable() && LinuxFds.INSTANCE.poll(in.fd(), POLLIN, timeoutMillis) <= 0) {
            return false;
        }
        return !out.pollable() || LinuxFds.INSTANCE.poll(out.fd(), POLLOUT, timeoutMillis) > 0;
    }
}
