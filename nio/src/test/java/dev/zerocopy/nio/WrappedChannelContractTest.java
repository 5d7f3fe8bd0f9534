package dev.zerocopy.nio;

import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;
import dev.zerocopy.spi.TransferContractTest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * {@link ZeroCopyFileChannel}'s transfers keep {@link ZeroCopyTransfer}'s contract: the whole contract
 * suite runs through a wrapper around each JDK file channel, routed by a {@link TransferHook}.
 */
class WrappedChannelContractTest extends TransferContractTest {

    private static final ZeroCopyTransfer PORTABLE = new PortableTransfer();
    private static final TransferHook HOOK = new TransferHook(() -> PORTABLE);

    @Override
    protected ZeroCopyTransfer provider() {
        return new ThroughWrapper();
    }

    @Override
    protected boolean unblocksOnAsyncClose() {
        return false;   // the JDK's own transferTo (the portable provider) on JDK 17 is not woken by close
    }

    /** Calls the wrapper's {@code transferTo}/{@code transferFrom} instead of a provider's methods. */
    private static final class ThroughWrapper extends TestTransfer {
        ThroughWrapper() {
            super("through-wrapper");
        }

        @Override
        public long transfer(FileChannel source, long position, long count, WritableByteChannel target)
                throws IOException {
            return new ZeroCopyFileChannel(source, HOOK).transferTo(position, count, wrapIfFile(target));
        }

        @Override
        public long transfer(ReadableByteChannel source, FileChannel target, long position, long count)
                throws IOException {
            return new ZeroCopyFileChannel(target, HOOK).transferFrom(wrapIfFile(source), position, count);
        }

        @Override
        public long transfer(ReadableByteChannel source, WritableByteChannel target) throws IOException {
            return PORTABLE.transfer(source, target);
        }

        /** The other end is wrapped too when it is a file: the wrapper must unwrap it. */
        @SuppressWarnings("unchecked")
        private static <C> C wrapIfFile(C channel) {
            return channel instanceof FileChannel file ? (C) new ZeroCopyFileChannel(file, HOOK) : channel;
        }
    }
}
