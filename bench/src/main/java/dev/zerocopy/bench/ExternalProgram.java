package dev.zerocopy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a measuring program in its own process (the C reference, or a child JVM) and reads the one result
 * line it prints: {@code bytes=<n> ns=<n> cpu_ns=<n>} (see {@link Measurement#parse(String)}). The program
 * times itself, so process start-up is not part of the measurement.
 */
public final class ExternalProgram {

    private static final long TIMEOUT_SECONDS = 600;

    private ExternalProgram() {
    }

    /**
     * Runs a command and returns its measurement.
     *
     * @param command the command and its arguments
     * @return the measurement from the last result line on standard output
     * @throws IOException if the program fails, times out or prints no result line; the message holds its
     *         standard error
     */
    public static Measurement run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        CompletableFuture<String> stdout = drain(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            String out = stdout.join();
            if (process.exitValue() != 0) {
                throw new IOException("exit status " + process.exitValue() + " from " + command + ": "
                        + stderr.join().strip());
            }
            String last = null;
            for (String line : out.split("\n")) {
                if (line.startsWith("bytes=")) {
                    last = line;
                }
            }
            if (last == null) {
                throw new IOException("no result line from " + command + ": " + out + stderr.join());
            }
            return Measurement.parse(last);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
    }
}
