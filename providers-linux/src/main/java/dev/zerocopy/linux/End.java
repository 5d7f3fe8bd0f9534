package dev.zerocopy.linux;

/**
 * One end of a system call: a descriptor, and whether the transfer's position is passed as its offset
 * ({@code true} for the positional file of {@code transferTo}/{@code transferFrom}) or the call uses the
 * descriptor's own position or none (sockets, pipes, and the other file of a file-to-file copy, whose
 * position the JDK's contract advances).
 *
 * @param fd         the descriptor, valid while the transfer holds its channels
 * @param positional whether the transfer's position is this end's offset
 * @param pollable   whether it can report EAGAIN and be waited for (a socket or pipe, not a file)
 */
record End(int fd, boolean positional, boolean pollable) {
}
