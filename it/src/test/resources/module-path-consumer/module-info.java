/** A program that knows zerocopy only as a module: it finds the Linux provider through ServiceLoader. */
module dev.zerocopy.it.consumer {
    requires dev.zerocopy;

    uses dev.zerocopy.ZeroCopyTransfer;
}
