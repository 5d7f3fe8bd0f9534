package dev.zerocopy.bench.jmh;

import dev.zerocopy.spi.FdAccess;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a channel's fd number with {@link FdAccess}, whose mode is fixed per JVM; the subclasses fork
 * one JVM per mode. Beside it, {@link java.nio.channels.Channel#isOpen()} as the cheapest JDK call on a
 * channel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class FdAccessBenchmark {

    private Path file;
    /** A file channel. */
    protected FileChannel fileChannel;
    /** An unconnected socket channel. */
    protected SocketChannel socketChannel;

    /**
     * Returns the mode the fork must be in.
     *
     * @return the mode
     */
    protected abstract FdAccess.Mode expectedMode();

    /**
     * Opens the channels and checks the mode.
     *
     * @throws IOException on failure
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (FdAccess.mode() != expectedMode()) {
            throw new IllegalStateException("fd access mode " + FdAccess.mode() + ", expected " + expectedMode());
        }
        file = Files.createTempFile("zerocopy-jmh", ".bin");
        fileChannel = FileChannel.open(file, StandardOpenOption.READ);
        socketChannel = SocketChannel.open();
    }

    /**
     * Closes the channels.
     *
     * @throws IOException on failure
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        fileChannel.close();
        socketChannel.close();
        Files.deleteIfExists(file);
    }

    /**
     * The fd of a file channel.
     *
     * @return the fd
     */
    @Benchmark
    public int fileFd() {
        return FdAccess.fd(fileChannel);
    }

    /**
     * The fd of a socket channel.
     *
     * @return the fd
     */
    @Benchmark
    public int socketFd() {
        return FdAccess.fd(socketChannel);
    }

    /**
     * The JDK baseline: {@code isOpen()} on the same channel.
     *
     * @return whether it is open
     */
    @Benchmark
    public boolean jdkIsOpen() {
        return fileChannel.isOpen();
    }

    /** Mode {@link FdAccess.Mode#OPENED}: the packages are opened on the command line. */
    @org.openjdk.jmh.annotations.Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED"})
    public static class Opened extends FdAccessBenchmark {

        private Field channelFd;
        private Field descriptorFd;

        @Override
        protected FdAccess.Mode expectedMode() {
            return FdAccess.Mode.OPENED;
        }

        /**
         * Prepares the reflective baseline.
         *
         * @throws ReflectiveOperationException never with the packages open
         */
        @Setup(Level.Trial)
        public void setUpReflection() throws ReflectiveOperationException {
            channelFd = Class.forName("sun.nio.ch.FileChannelImpl").getDeclaredField("fd");
            channelFd.setAccessible(true);
            descriptorFd = FileDescriptor.class.getDeclaredField("fd");
            descriptorFd.setAccessible(true);
        }

        /**
         * What naive code does: core reflection on every call.
         *
         * @return the fd
         * @throws IllegalAccessException never with the packages open
         */
        @Benchmark
        public int reflectionFileFd() throws IllegalAccessException {
            return descriptorFd.getInt(channelFd.get(fileChannel));
        }
    }

    /** Mode {@link FdAccess.Mode#UNSAFE}: nothing is opened. */
    @org.openjdk.jmh.annotations.Fork(1)
    public static class ViaUnsafe extends FdAccessBenchmark {

        @Override
        protected FdAccess.Mode expectedMode() {
            return FdAccess.Mode.UNSAFE;
        }
    }
}
