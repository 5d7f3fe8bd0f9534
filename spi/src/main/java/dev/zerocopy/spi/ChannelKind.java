package dev.zerocopy.spi;

import java.nio.channels.Channel;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;

/** The kinds of channel a provider distinguishes when it picks a system call. */
public enum ChannelKind {
    /** A {@link FileChannel}. */
    FILE("file"),
    /** A {@link SocketChannel}. */
    SOCKET("socket"),
    /** A {@link Pipe.SourceChannel} or {@link Pipe.SinkChannel}. */
    PIPE("pipe"),
    /** Anything else. */
    OTHER("other");

    private final String label;

    ChannelKind(String label) {
        this.label = label;
    }

    /**
     * Returns the short label used in events, such as {@code "socket"}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Classifies a channel by the NIO type it implements (not whether it is the JDK's own class; see
     * {@link FdAccess} for that).
     *
     * @param channel the channel
     * @return its kind
     */
    public static ChannelKind of(Channel channel) {
        if (channel instanceof FileChannel) {
            return FILE;
        }
        if (channel instanceof SocketChannel) {
            return SOCKET;
        }
        if (channel instanceof Pipe.SourceChannel || channel instanceof Pipe.SinkChannel) {
            return PIPE;
        }
        return OTHER;
    }
}
