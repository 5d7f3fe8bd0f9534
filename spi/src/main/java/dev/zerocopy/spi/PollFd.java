package dev.zerocopy.spi;

import java.nio.ByteOrder;

/**
 * Packs one {@code struct pollfd { int fd; short events; short revents; }} into an {@code int[2]} that a
 * native binding passes to {@code poll(2)} as a pointer: index 0 is {@code fd}, index 1 holds
 * {@code events} and {@code revents} in the platform's byte order. The layout is POSIX's and the same on
 * Linux, FreeBSD, macOS and Solaris (poll.h); only the type of {@code nfds} differs, which the binding's
 * prototype states.
 */
public final class PollFd {

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private PollFd() {
    }

    /**
     * Returns one {@code struct pollfd} asking for {@code events} on {@code fd}, {@code revents} zero.
     *
     * @param fd     the descriptor
     * @param events {@link Readiness#POLLIN} or {@link Readiness#POLLOUT}
     * @return the packed structure
     */
    public static int[] of(int fd, short events) {
        int e = events & 0xffff;
        return new int[] {fd, LITTLE_ENDIAN ? e : e << 16};
    }
}
