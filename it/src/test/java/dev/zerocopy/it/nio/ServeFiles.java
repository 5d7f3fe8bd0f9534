package dev.zerocopy.it.nio;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small server and client that know nothing of zerocopy, run in a child JVM: it serves one file over
 * loopback four ways at once and receives each copy into a file, with plain NIO. The ways differ only in
 * how the {@code FileChannel}s are obtained: {@code FileChannel.open} ("open"), {@code
 * Files.newByteChannel} ("bytechannel"), {@code RandomAccessFile} ("raf"), and {@code FileInputStream}/
 * {@code FileOutputStream} ("stream"). The sender of way W runs on thread {@code serve-W} and uses
 * {@code transferTo}; the receiver runs on {@code recv-W} and uses {@code transferFrom}.
 *
 * <p>Arguments: the file to serve, the directory for the copies ({@code W.bin}). Prints one line
 * {@code W <bytes>} per way, in a fixed order, then {@code channel <class>}: the class of the channel
 * {@code FileChannel.open} returns.
 */
public final class ServeFiles {

    static final List<String> WAYS = List.of("open", "bytechannel", "raf", "stream");

    private ServeFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path outDir = Path.of(args[1]);
        long size = Files.size(source);
        List<CompletableFuture<Long>> received = new ArrayList<>();
        List<CompletableFuture<Long>> sent = new ArrayList<>();
        List<ServerSocketChannel> servers = new ArrayList<>();
        for (String way : WAYS) {
            ServerSocketChannel server = ServerSocketChannel.open()
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            servers.add(server);
            sent.add(onThread("serve-" + way, () -> {
                try (SocketChannel socket = server.accept(); FileChannel file = openForReading(way, source)) {
                    long position = 0;
                    while (position < size) {
                        position += file.transferTo(position, size - position, socket);
                    }
                    return position;
                }
            }));
            received.add(onThread("recv-" + way, () -> {
                try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
                        FileChannel file = openForWriting(way, outDir.resolve(way + ".bin"))) {
                    long position = 0;
                    while (position < size) {
                        long n = file.transferFrom(socket, position, size - position);
                        if (n == 0) {
                            break;
                        }
                        position += n;
                    }
                    return position;
                }
            }));
        }
        for (int i = 0; i < WAYS.size(); i++) {
            long in = received.get(i).get(60, TimeUnit.SECONDS);
            long out = sent.get(i).get(60, TimeUnit.SECONDS);
            System.out.println(WAYS.get(i) + " " + (in == out ? in : in + "!=" + out));
            servers.get(i).close();
        }
        try (FileChannel channel = FileChannel.open(source)) {
            System.out.println("channel " + channel.getClass().getName());
        }
    }

    private static FileChannel openForReading(String way, Path file) throws IOException {
        switch (way) {
            case "open":
                return FileChannel.open(file, StandardOpenOption.READ);
            case "bytechannel":
                return (FileChannel) Files.newByteChannel(file, StandardOpenOption.READ);
            case "raf":
                return new RandomAccessFile(file.toString(), "r").getChannel();
            default:
                return new FileInputStream(file.toString()).getChannel();
        }
    }

    private static FileChannel openForWriting(String way, Path file) throws IOException {
        switch (way) {
            case "open":
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            case "bytechannel":
                return (FileChannel) Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            case "raf":
                return new RandomAccessFile(file.toString(), "rw").getChannel();
            default:
                return new FileOutputStream(file.toString()).getChannel();
        }
    }

    /** A piece of work that may fail with an exception. */
    @FunctionalInterface
    interface Work {
        long run() throws Exception;
    }

    private static CompletableFuture<Long> onThread(String name, Work work) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.start();
        return result;
    }
}
