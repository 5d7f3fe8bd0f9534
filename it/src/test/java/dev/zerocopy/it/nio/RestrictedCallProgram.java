package dev.zerocopy.it.nio;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A class-path program that knows nothing of zerocopy: it copies a file with the JDK's
 * {@code FileChannel.transferTo} (which the agent routes, so zerocopy's provider binds the C library
 * first), then calls the restricted method {@code System.loadLibrary} itself, as a library with a native
 * part (Netty's epoll transport, say) does. It also prints whether {@code java.base} opens the packages
 * the agent needs to the class path. Arguments: source file, target file.
 */
public final class RestrictedCallProgram {

    private RestrictedCallProgram() {
    }

    /**
     * Runs the program.
     *
     * @param args source and target file
     * @throws Exception if the copy fails
     */
    public static void main(String[] args) throws Exception {
        try (FileChannel in = FileChannel.open(Path.of(args[0]));
             FileChannel out = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
            System.out.println("copied " + in.transferTo(0, in.size(), out));
        }
        Module self = RestrictedCallProgram.class.getModule();
        System.out.println("open to the class path: " + Object.class.getModule().isOpen("sun.nio.ch", self) + " "
                + Object.class.getModule().isOpen("java.io", self));
        try {
            System.loadLibrary("zerocopy-it-no-such-library");
            System.out.println("loaded");
        } catch (UnsatisfiedLinkError expected) {
            System.out.println("no such library");
        }
    }
}
