/**
 * zerocopy's Linux provider (sendfile64, splice, copy_file_range), found through {@link java.util.ServiceLoader} as a
 * {@link dev.zerocopy.ZeroCopyTransfer}; it exports nothing. JNA registers its direct-mapped natives
 * reflectively ({@code Native.register}), hence the package is opened to {@code com.sun.jna}. On JDK 24
 * and later, {@code --enable-native-access=com.sun.jna,dev.zerocopy.linux} lets it bind without a warning.
 */
module dev.zerocopy.linux {
    requires dev.zerocopy;
    requires dev.zerocopy.posix;
    requires com.sun.jna;
    requires static com.google.auto.service;

    provides dev.zerocopy.ZeroCopyTransfer with dev.zerocopy.linux.LinuxTransfer;

    opens dev.zerocopy.linux to com.sun.jna;
}
