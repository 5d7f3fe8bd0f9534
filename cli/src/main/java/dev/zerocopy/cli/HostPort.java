package dev.zerocopy.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code HOST:PORT} argument; an IPv6 literal is written in brackets, {@code [::1]:9000}.
 *
 * @param host the host name or address literal, without brackets
 * @param port the port, 1 to 65535
 */
public record HostPort(String host, int port) {

    /**
     * Returns an unresolved socket address; it is resolved when connecting.
     *
     * @return the address
     */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @param text the argument
     * @return the parsed value
     * @throws IllegalArgumentException if it is malformed
     */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("write an IPv6 address in brackets: [" + host + "]:PORT");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        return new HostPort(host, parsePort(text.substring(colon + 1), 1));
    }

    /**
     * Parses a port number.
     *
     * @param text   the number
     * @param lowest the lowest acceptable value (0 lets the system choose a free port)
     * @return the port
     * @throws IllegalArgumentException if it is not a number in {@code lowest..65535}
     */
    public static int parsePort(String text, int lowest) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: '" + text + "'");
        }
        if (port < lowest || port > 65535) {
            throw new IllegalArgumentException("port out of range " + lowest + "..65535: " + port);
        }
        return port;
    }

    /** Converts {@code HOST:PORT} arguments. */
    public static final class Converter implements ITypeConverter<HostPort> {

        /** Picocli instantiates the converter. */
        public Converter() {
        }

        @Override
        public HostPort convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Converts port arguments; 0 means any free port. */
    public static final class PortConverter implements ITypeConverter<Integer> {

        /** Picocli instantiates the converter. */
        public PortConverter() {
        }

        @Override
        public Integer convert(String value) {
            try {
                return parsePort(value, 0);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
