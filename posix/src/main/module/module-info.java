/**
 * zerocopy's shared C library shell for providers: {@code dup}, {@code close}, {@code poll},
 * {@code fcntl} and a socket's timeout options through JNA, with each system's constants
 * ({@link dev.zerocopy.posix.PosixSystem}), bound on first use ({@link dev.zerocopy.posix.NativeBinding}).
 * JNA registers the direct-mapped natives reflectively ({@code Native.register}), hence the package is
 * opened to {@code com.sun.jna}. On JDK 24 and later, {@code --enable-native-access=com.sun.jna} lets it
 * bind without a warning.
 */
module dev.zerocopy.posix {
    requires transitive dev.zerocopy;
    requires com.sun.jna;

    exports dev.zerocopy.posix;

    opens dev.zerocopy.posix to com.sun.jna;
}
