package dev.zerocopy.linux;

import dev.zerocopy.spi.Readiness;
import dev.zerocopy.spi.TransferStep;

/** A Linux system-call step that also knows which of its descriptors to poll after EAGAIN. */
interface LinuxStep extends TransferStep {

    /**
     * Returns the wait for the end that reported EAGAIN.
     *
     * @return the readiness
     */
    Readiness readiness();

    /**
     * Returns the system call's name, for the copy loop's exceptions and the event.
     *
     * @return for example {@code "sendfile"}
     */
    String syscall();
}
