package dev.zerocopy.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Times a JVM's first {@code FileChannel.transferTo}: one 1 MiB temporary file into another, printed as
 * {@code 1048576 bytes in N s}. Uses the JDK alone, so that running it with and without
 * {@code -javaagent:zerocopy.jar} shows what the agent adds to the first call (class loading, the C binding).
 */
public final class FirstTransfer {

    private FirstTransfer() {
    }

    /**
     * Makes the transfer and prints its wall time.
     *
     * @param args none
     * @throws IOException if the files cannot be made or copied
     */
    public static void main(String[] args) throws IOException {
        Path source = Files.write(Files.createTempFile("first", ".bin"), new byte[1 << 20]);
        Path target = Files.createTempFile("first", ".out");
        try (FileChannel in = FileChannel.open(source);
                FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            long n = in.transferTo(0, 1 << 20, out);
            long nanos = System.nanoTime() - start;
            System.out.printf("%d bytes in %.3f s%n", n, nanos / 1e9);
        } finally {
            Files.delete(source);
            Files.delete(target);
        }
    }
}
