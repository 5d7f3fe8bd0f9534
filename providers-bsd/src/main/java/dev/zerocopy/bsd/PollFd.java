package dev.zerocopy.bsd;

import java.nio.ByteOrder;

/**
 * Packs one {@code struct pollfd { int fd; short events; short revents; }} (the same layout on FreeBSD
 * and macOS) into an {@code int[2]} that JNA passes as a pointer: index 0 is {@code fd}, index 1 holds
 * the two shorts in the platform's byte order.
 */
final class PollFd {

    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private PollFd() {
    }

    static int[] of(int fd, short events) {
        int e = events & 0xffff;
        return new int[] {fd, LITTLE ? e : e << 16};
    }
}
