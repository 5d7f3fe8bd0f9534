package dev.zerocopy.it.nio;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program that knows nothing of zerocopy and makes the JDK calls whose answers differ between JDK
 * releases or that the agent once answered differently: transferFrom beyond the end of the file, near
 * {@code Long.MAX_VALUE}, a copy of a file into itself, sockets not connected or shut down. It prints one
 * line per call (count or exception class, and the file's size), which must be the same with and without
 * the agent. The first line says whether the agent is active and is not compared.
 */
public final class JdkCasesProgram {

    private JdkCasesProgram() {
    }

    /** One call. */
    @FunctionalInterface
    private interface Call {
        long run() throws Exception;
    }

    private static String outcome(Call call) {
        try {
            return "returned " + call.run();
        } catch (Exception e) {
            return "threw " + e.getClass().getName().replace("dev.zerocopy.TransferFailedException",
                    "java.io.IOException").replace("dev.zerocopy.TransferInterruptedException",
                    "java.nio.channels.ClosedByInterruptException").replace("dev.zerocopy.TransferClosedException",
                    "java.nio.channels.AsynchronousCloseException");
        }
    }

    private static Path file(Path dir, String name, int size) throws Exception {
        return Files.write(dir.resolve(name), new byte[size]);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jdk-cases");
        System.out.println("agent " + Boolean.getBoolean("jdk.cases.agent"));
        Path source = file(dir, "source", 10);
        for (long position : new long[] {10, 100, Long.MAX_VALUE - 1}) {
            Path target = file(dir, "target" + position, 10);
            try (FileChannel in = FileChannel.open(source, READ); FileChannel out = FileChannel.open(target, WRITE)) {
                System.out.println("transferFrom a file at " + position + ": "
                        + outcome(() -> out.transferFrom(in, position, 10)) + ", size " + out.size());
            }
        }
        Path self = file(dir, "self", 65536);
        try (FileChannel in = FileChannel.open(self, READ); FileChannel out = FileChannel.open(self, WRITE, APPEND)) {
            System.out.println("self copy: " + outcome(() -> in.transferTo(0, 1000L * 65536, out))
                    + ", size " + out.size());
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel near = SocketChannel.open(server.getLocalAddress());
                    SocketChannel far = server.accept();
                    FileChannel out = FileChannel.open(file(dir, "socket", 10), WRITE)) {
                far.write(ByteBuffer.wrap(new byte[10]));
                System.out.println("transferFrom a socket at 100: " + outcome(() -> out.transferFrom(near, 100, 5))
                        + ", size " + out.size());
                near.shutdownInput();
                System.out.println("transferFrom after shutdownInput: " + outcome(() -> out.transferFrom(near, 0, 5))
                        + ", size " + out.size());
            }
        }
        try (SocketChannel unconnected = SocketChannel.open();
                FileChannel in = FileChannel.open(source, READ);
                FileChannel out = FileChannel.open(file(dir, "unconnected", 0), WRITE)) {
            System.out.println("transferTo an unconnected socket: " + outcome(() -> in.transferTo(0, 10, unconnected)));
            System.out.println("transferFrom an unconnected socket: "
                    + outcome(() -> out.transferFrom(unconnected, 0, 10)));
        }
    }
}
