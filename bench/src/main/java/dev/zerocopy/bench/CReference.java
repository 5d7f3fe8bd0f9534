package dev.zerocopy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The C reference program ({@code src/main/c/zcbench.c}, shipped inside the jar), compiled with
 * {@code gcc -O2} into a scratch directory at run time so that the ceiling is measured on the same
 * machine in the same run. Absent when gcc is not installed or fails; the harness then notes why.
 */
public final class CReference {

    private static final String SOURCE = "c/zcbench.c";

    private final Path binary;

    private CReference(Path binary) {
        this.binary = binary;
    }

    /**
     * Compiles the program.
     *
     * @param scratch the directory to build in
     * @return the program, or empty with the reason recorded in {@code reasons}
     */
    static Optional<CReference> build(Path scratch, List<String> reasons) {
        try (InputStream source = CReference.class.getResourceAsStream(SOURCE)) {
            if (source == null) {
                reasons.add("C reference skipped: " + SOURCE + " is not on the class path");
                return Optional.empty();
            }
            Path c = scratch.resolve("zcbench.c");
            Files.copy(source, c);
            Path binary = scratch.resolve("zcbench");
            Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", binary.toString(), c.toString())
                    .redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (gcc.waitFor() != 0) {
                reasons.add("C reference skipped: gcc failed: " + output.strip());
                return Optional.empty();
            }
            return Optional.of(new CReference(binary));
        } catch (IOException e) {
            reasons.add("C reference skipped: gcc not usable (" + e.getMessage() + ")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reasons.add("C reference skipped: interrupted while compiling");
            return Optional.empty();
        }
    }

    /**
     * Runs one mode of the program.
     *
     * @param args the mode and its arguments (see the comment at the top of zcbench.c)
     * @return its measurement
     * @throws IOException if it fails
     */
    Measurement run(Object... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        return ExternalProgram.run(command);
    }
}
