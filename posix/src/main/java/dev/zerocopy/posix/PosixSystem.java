package dev.zerocopy.posix;

/**
 * The operating systems zerocopy has a provider for, each with the socket-option constants of its C
 * headers ({@code sys/socket.h}): Linux numbers {@code SOL_SOCKET} 1 and {@code SO_SNDTIMEO} 21, while
 * FreeBSD, macOS and Solaris share the BSD numbering, {@code 0xffff} and {@code 0x1005}.
 *
 * <p>A provider detects its system once, in its constructor, with {@link #running()}: it reads two
 * system properties and binds nothing, so a provider can be listed and asked for its availability on any
 * system.
 */
public enum PosixSystem {

    /** Linux (glibc or musl). */
    LINUX("Linux", 1, 21, 20),
    /** FreeBSD. */
    FREEBSD("FreeBSD", 0xffff, 0x1005, 0x1006),
    /** macOS. */
    MACOS("macOS", 0xffff, 0x1005, 0x1006),
    /** Solaris and illumos ({@code os.name} SunOS). */
    SOLARIS("Solaris", 0xffff, 0x1005, 0x1006);

    private final String label;
    private final int solSocket;
    private final int soSndTimeo;
    private final int soRcvTimeo;

    PosixSystem(String label, int solSocket, int soSndTimeo, int soRcvTimeo) {
        this.label = label;
        this.solSocket = solSocket;
        this.soSndTimeo = soSndTimeo;
        this.soRcvTimeo = soRcvTimeo;
    }

    /**
     * Returns the system's name for messages, such as {@code "FreeBSD"}.
     *
     * @return the name
     */
    public String label() {
        return label;
    }

    /**
     * Returns {@code SOL_SOCKET}.
     *
     * @return the level
     */
    public int solSocket() {
        return solSocket;
    }

    /**
     * Returns {@code SO_SNDTIMEO}.
     *
     * @return the option
     */
    public int soSndTimeo() {
        return soSndTimeo;
    }

    /**
     * Returns {@code SO_RCVTIMEO}.
     *
     * @return the option
     */
    public int soRcvTimeo() {
        return soRcvTimeo;
    }

    /**
     * Returns the system an {@code os.name} names.
     *
     * @param osName the value of {@code os.name}
     * @return the system, or {@code null} if zerocopy has no provider for it
     */
    public static PosixSystem named(String osName) {
        String name = osName == null ? "" : osName;
        if (name.startsWith("Linux")) {
            return LINUX;
        }
        if (name.equals("FreeBSD")) {
            return FREEBSD;
        }
        if (name.startsWith("Mac OS X") || name.startsWith("macOS") || name.equals("Darwin")) {
            return MACOS;
        }
        if (name.equals("SunOS")) {
            return SOLARIS;
        }
        return null;
    }

    /**
     * Returns the running system if the JVM is 64-bit: the bindings pass {@code off_t}, {@code size_t}
     * and {@code ssize_t} as Java {@code long}s, which holds on LP64 only.
     *
     * @return the system, or {@code null} on another system or a 32-bit JVM
     */
    public static PosixSystem running() {
        return "64".equals(System.getProperty("sun.arch.data.model")) ? named(System.getProperty("os.name")) : null;
    }

    /**
     * Describes the running system for a provider's "unusable" reason.
     *
     * @return for example {@code "os.name is Linux, data model 64"}
     */
    public static String describeRunning() {
        return "os.name is " + System.getProperty("os.name") + ", data model "
                + System.getProperty("sun.arch.data.model");
    }
}
