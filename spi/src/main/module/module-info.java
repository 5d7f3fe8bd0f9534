/**
 * zerocopy's API and provider toolkit. Applications use {@link dev.zerocopy.ZeroCopyTransfer} (package
 * {@code dev.zerocopy}); providers extend {@link dev.zerocopy.spi.AbstractZeroCopyTransfer} and supply one
 * step per system call to the shared copy loop (package {@code dev.zerocopy.spi}) and declare themselves
 * with {@code provides dev.zerocopy.ZeroCopyTransfer with ...}. The portable provider is internal: it is
 * found through this descriptor like any other and is also the fallback of the lookup.
 *
 * <p>Reading the file descriptors of the JDK's channels the "opened" way needs
 * {@code --add-opens java.base/sun.nio.ch=dev.zerocopy --add-opens java.base/java.io=dev.zerocopy} on the
 * module path ({@code =ALL-UNNAMED} on the class path); see {@link dev.zerocopy.spi.FdAccess}.
 */
module dev.zerocopy {
    requires jdk.jfr;
    requires jdk.unsupported;
    requires static com.google.auto.service;

    exports dev.zerocopy;
    exports dev.zerocopy.spi;

    uses dev.zerocopy.ZeroCopyTransfer;

    provides dev.zerocopy.ZeroCopyTransfer with dev.zerocopy.portable.PortableTransfer;
}
