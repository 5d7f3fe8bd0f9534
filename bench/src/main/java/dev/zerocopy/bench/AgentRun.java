package dev.zerocopy.bench;

import dev.zerocopy.bench.Variant.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * S6, the NIO integration: the S1 and S2 copies done by an unmodified NIO program ({@link ChildMain} in
 * {@code jdk} mode) in a child JVM under {@code -javaagent:zerocopy.jar}, beside the same copy calling
 * {@link dev.zerocopy.ZeroCopyTransfer} directly and the plain JDK, each in a fresh child JVM; and a
 * path-heavy workload (walk and read attributes) under the zerocopy default file system provider beside
 * the plain JDK. Children warm up untimed first (see {@link ChildMain}). Optional: skipped with a note when
 * zerocopy.jar, its agent or its provider is absent.
 */
final class AgentRun {

    private static final String FS_PROVIDER = "dev.zerocopy.nio.ZeroCopyFileSystemProvider";
    private static final List<Path> DEFAULT_JARS =
            List.of(Path.of("cli/target/zerocopy.jar"), Path.of("../cli/target/zerocopy.jar"));
    private static final String OPENS =
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"
            + " --enable-native-access=ALL-UNNAMED";
    private static final int FILES_PER_DIRECTORY = 1000;

    private AgentRun() {
    }

    /**
     * Builds the S6 scenarios, or one empty scenario whose note says why they are skipped.
     *
     * @param env the environment
     * @return the scenarios
     * @throws IOException if the path workload's tree cannot be made
     */
    static List<Scenario> create(BenchEnv env) throws IOException {
        Optional<Path> jar = locate(env.options().agentJar());
        if (jar.isEmpty()) {
            return List.of(skipped("zerocopy.jar not found (build the cli module, or pass --agent-jar)"));
        }
        String premain;
        boolean hasProvider;
        try (JarFile file = new JarFile(jar.get().toFile())) {
            premain = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Premain-Class");
            hasProvider = file.getEntry(FS_PROVIDER.replace('.', '/') + ".class") != null;
        }
        if (premain == null) {
            return List.of(skipped(jar.get() + " has no Premain-Class: the agent is not built yet"));
        }
        String classPath = jar.get().toAbsolutePath() + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(copy(env, "S6a", "S1 file→socket, child JVMs", "s1", jar.get(), classPath));
        scenarios.add(copy(env, "S6b", "S2 socket→file, child JVMs", "s2", jar.get(), classPath));
        if (hasProvider) {
            scenarios.add(walk(env, classPath));
        } else {
            scenarios.add(new Scenario("S6c", "path walk", true, List.of(),
                    List.of("S6c skipped: " + FS_PROVIDER + " is not in " + jar.get())));
        }
        return scenarios;
    }

    private static Scenario skipped(String why) {
        return new Scenario("S6", "NIO integration", false, List.of(), List.of("S6 skipped: " + why));
    }

    private static Optional<Path> locate(Path given) {
        if (given != null) {
            return Files.isRegularFile(given) ? Optional.of(given) : Optional.empty();
        }
        return DEFAULT_JARS.stream().filter(Files::isRegularFile).findFirst();
    }

    private static Scenario copy(BenchEnv env, String id, String title, String mode, Path jar, String classPath) {
        List<Variant> variants = new ArrayList<>();
        variants.add(child(env, mode, Kind.AGENT, "NIO program + -javaagent", "jdk",
                java(classPath, "-javaagent:" + jar.toAbsolutePath())));
        variants.add(child(env, mode, Kind.ZEROCOPY, "ZeroCopyTransfer direct", "zerocopy", java(classPath, OPENS)));
        variants.add(child(env, mode, Kind.JDK, "NIO program, plain JDK", "jdk", java(classPath, OPENS)));
        return new Scenario(id, title, false, variants, List.of());
    }

    private static Variant child(BenchEnv env, String mode, Kind kind, String label, String how, List<String> jvm) {
        long size = env.options().size();
        Path out = env.scratch().resolve("s6.out");
        long timed = size - ChildMain.warmUpBytes(size);
        return new Variant(kind, label, true, verify -> {
            if (mode.equals("s1")) {
                return timedPart(timed, env.withSink(verify, size, true,
                        peer -> ExternalProgram.run(with(jvm, "s1", how, peer.getPort(), env.source(), size))));
            }
            Measurement m = env.withSource(size, true, peer -> {
                BenchEnv.prepareOutput(out, size);
                BenchEnv.truncate(out);
                return ExternalProgram.run(with(jvm, "s2", how, peer.getPort(), out, size));
            });
            if (verify) {
                BenchEnv.verifyOutput(out, size);
            }
            return timedPart(timed, m);
        });
    }

    /** The child times all but its warm-up; the peer or the output file has checked the whole copy. */
    private static Measurement timedPart(long expected, Measurement m) throws IOException {
        if (m.bytes() != expected) {
            throw new IOException("the child timed " + m.bytes() + " bytes, expected " + expected);
        }
        return m;
    }

    private static Scenario walk(BenchEnv env, String classPath) throws IOException {
        int files = env.options().walkFiles();
        Path tree = env.scratch().resolve("tree");
        for (int i = 0; i < files; i++) {
            Path directory = tree.resolve("d" + i / FILES_PER_DIRECTORY);
            if (i % FILES_PER_DIRECTORY == 0) {
                Files.createDirectories(directory);
            }
            Files.createFile(directory.resolve("f" + i));
        }
        List<String> plain = java(classPath, OPENS);
        List<String> wrapped = java(classPath, OPENS, "-Djava.nio.file.spi.DefaultFileSystemProvider=" + FS_PROVIDER);
        List<Variant> variants = List.of(
                new Variant(Kind.WRAPPER, "zerocopy file system provider", true,
                        verify -> walked(ExternalProgram.run(with(wrapped, "walk", tree)), files, verify)),
                new Variant(Kind.JDK, "plain JDK", true,
                        verify -> walked(ExternalProgram.run(with(plain, "walk", tree)), files, verify)));
        return new Scenario("S6c", "walk + attributes of " + files + " files", true, variants, List.of());
    }

    /** The walk sees every file, every directory and the root; a verifying run checks that count. */
    private static Measurement walked(Measurement m, int files, boolean verify) throws IOException {
        long expected = files + (files + FILES_PER_DIRECTORY - 1) / FILES_PER_DIRECTORY + 1;
        if (verify && m.calls() != expected) {
            throw new IOException("the walk saw " + m.calls() + " entries, expected " + expected);
        }
        return m;
    }

    private static List<String> java(String classPath, String... flags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : flags) {
            command.addAll(List.of(flag.split(" ")));
        }
        command.addAll(List.of("-cp", classPath, ChildMain.class.getName()));
        return command;
    }

    private static List<String> with(List<String> command, Object... args) {
        List<String> all = new ArrayList<>(command);
        for (Object arg : args) {
            all.add(String.valueOf(arg));
        }
        return all;
    }
}
