package dev.zerocopy.it.nio;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.undertow.Undertow;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * Unmodified servers serving one file, in a child JVM: Undertow's {@code ResourceHandler}, Tomcat's
 * {@code DefaultServlet} (NIO connector, sendfile) and Netty's epoll transport with a
 * {@code DefaultFileRegion(FileChannel.open(..))}. The JDK's {@code HttpClient} (a plain socket for Netty)
 * downloads it into a file. Knows nothing of zerocopy.
 *
 * <p>Arguments: server name, the file to serve, the file to download into. Prints {@code <server> <bytes>}.
 */
public final class RealServers {

    private RealServers() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        Path out = Path.of(args[2]);
        long bytes = switch (args[0]) {
            case "undertow" -> undertow(file, out);
            case "tomcat" -> tomcat(file, out, out.resolveSibling("tomcat-base"));
            case "netty" -> netty(file, out);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println(args[0] + " " + bytes);
        System.exit(0);   // server libraries leave non-daemon threads behind
    }

    private static long download(int port, String name, Path out) throws Exception {
        HttpResponse<Path> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + name)).build(),
                HttpResponse.BodyHandlers.ofFile(out));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return Files.size(out);
    }

    private static long undertow(Path file, Path out) throws Exception {
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new ResourceHandler(new PathResourceManager(file.getParent(), 1024)))
                .build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            return download(port, file.getFileName().toString(), out);
        } finally {
            server.stop();
        }
    }

    private static long tomcat(Path file, Path out, Path base) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(base).toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("useSendfile", "true");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", file.getParent().toString());
        Tomcat.addServlet(context, "default", new DefaultServlet()).addInitParameter("sendfileSize", "1");
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
        try {
            return download(connector.getLocalPort(), file.getFileName().toString(), out);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static long netty(Path file, Path out) throws Exception {
        Epoll.ensureAvailability();
        long size = Files.size(file);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) throws IOException {
                            FileChannel channel = FileChannel.open(file);
                            ctx.writeAndFlush(new DefaultFileRegion(channel, 0, size))
                                    .addListener(ChannelFutureListener.CLOSE);
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            try (SocketChannel socket = SocketChannel.open(server.localAddress());
                    FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
                long total = 0;
                while (socket.read(buffer.clear()) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        total += target.write(buffer);
                    }
                }
                server.close().sync();
                return total;
            }
        } finally {
            group.shutdownGracefully().sync();
        }
    }
}
