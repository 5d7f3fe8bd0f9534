/**
 * zerocopy's the Solaris and illumos provider (sendfile from libsendfile), found through {@link java.util.ServiceLoader} as a
 * {@link dev.zerocopy.ZeroCopyTransfer}; it exports nothing. JNA registers its direct-mapped natives
 * reflectively ({@code Native.register}), hence the package is opened to {@code com.sun.jna}. On JDK 24
 * and later, {@code --enable-native-access=com.sun.jna,dev.zerocopy.solaris} lets it bind without a warning.
 */
module dev.zerocopy.solaris {
    requires dev.zerocopy;
    requires dev.zerocopy.posix;
    requires com.sun.jna;
    requires static com.google.auto.service;

    provides dev.zerocopy.ZeroCopyTransfer with dev.zerocopy.solaris.SolarisTransfer;

    opens dev.zerocopy.solaris to com.sun.jna;
}
