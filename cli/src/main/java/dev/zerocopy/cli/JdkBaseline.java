package dev.zerocopy.cli;

import dev.zerocopy.JdkTransfers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's baseline: the same loopback copy with the JDK's own {@link FileChannel#transferTo} and
 * {@link FileChannel#transferFrom}. When the zerocopy agent is active in this JVM (as it is under
 * {@code java -jar zerocopy.jar}, through {@code Launcher-Agent-Class}) those methods are routed through
 * zerocopy, so the baseline then runs in a child JVM started with {@code -cp} (no agent), whose
 * {@link #main(String[])} prints its measurements on one line.
 */
final class JdkBaseline {

    private static final String RESULT = "jdk-baseline";
    private static final long CHILD_TIMEOUT_MINUTES = 30;

    private JdkBaseline() {
    }

    /**
     * Sends with {@link FileChannel#transferTo} until done.
     *
     * @param file   the file
     * @param size   the bytes to send
     * @param socket the connection
     * @return the bytes sent
     * @throws IOException on failure
     */
    static long send(FileChannel file, long size, SocketChannel socket) throws IOException {
        return JdkTransfers.transferTo(file, 0, size, socket);
    }

    /**
     * Receives with {@link FileChannel#transferFrom} until done or the peer closes.
     *
     * @param socket the connection
     * @param file   the file
     * @param size   the bytes expected
     * @return the bytes received
     * @throws IOException on failure
     */
    static long receive(SocketChannel socket, FileChannel file, long size) throws IOException {
        return JdkTransfers.transferFrom(socket, file, 0, size);
    }

    /**
     * Runs the baseline in a child JVM without the agent.
     *
     * @param source the file to send
     * @param size   its size
     * @param target the file to create
     * @param warmUp the file to create for the unmeasured warm-up round
     * @return the measurements
     * @throws IOException if the child cannot run or fails
     */
    static LoopbackRound.Result runForked(Path source, long size, Path target, Path warmUp) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-cp");
        command.add(ownJar().toString());
        command.add(JdkBaseline.class.getName());
        command.add(source.toString());
        command.add(Long.toString(size));
        command.add(target.toString());
        command.add(warmUp.toString());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        child.getOutputStream().close();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new CliFailure("the JDK baseline JVM did not finish");
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for the JDK baseline JVM");
        }
        for (String line : output.split("\n")) {
            String[] f = line.trim().split(" ");
            if (child.exitValue() == 0 && f.length == 6 && f[0].equals(RESULT)) {
                return new LoopbackRound.Result(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]));
            }
        }
        throw new CliFailure("the JDK baseline JVM failed (exit " + child.exitValue() + "): " + output.strip());
    }

    private static Path ownJar() throws CliFailure {
        try {
            return Path.of(JdkBaseline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliFailure("cannot locate zerocopy.jar to start the JDK baseline JVM: " + e);
        }
    }

    /**
     * The child JVM's entry point: {@code SOURCE SIZE TARGET WARMUP}; prints
     * {@code jdk-baseline SENT RECEIVED NANOS SENDER_CPU RECEIVER_CPU}.
     *
     * @param args the arguments
     * @throws IOException if the copy fails
     */
    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        Path warmUp = Path.of(args[3]);
        LoopbackRound.run(source, Math.min(size, DemoCommand.WARM_UP_BYTES), warmUp, JdkBaseline::send,
                JdkBaseline::receive);
        Files.deleteIfExists(warmUp);
        LoopbackRound.Result r = LoopbackRound.run(source, size, Path.of(args[2]), JdkBaseline::send,
                JdkBaseline::receive);
        System.out.println(RESULT + " " + r.sent() + " " + r.received() + " " + r.nanos() + " " + r.senderCpu() + " "
                + r.receiverCpu());
    }
}
