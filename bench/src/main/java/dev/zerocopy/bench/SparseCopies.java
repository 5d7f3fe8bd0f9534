package dev.zerocopy.bench;

import dev.zerocopy.JdkTransfers;
import dev.zerocopy.ZeroCopyTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * S3b: a sparse file copied into a new file, by {@code ZeroCopyTransfer} and by the JDK's
 * {@code transferTo}: the time and the bytes the copy allocates on disk ({@code st_blocks}, from
 * {@code stat(1)}).
 *
 * <pre>java -cp zerocopy-bench.jar dev.zerocopy.bench.SparseCopies [SIZE_MIB] [DATA_MIB]</pre>
 */
public final class SparseCopies {

    private SparseCopies() {
    }

    /**
     * Runs S3b and prints a Markdown table.
     *
     * @param args the file's size in MiB (default 4096) and the MiB of data in it (default 2)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 4096) << 20;
        int data = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.print(run(Files.createTempDirectory("zerocopy-s3b"), size, data));
    }

    /**
     * Copies a file of {@code size} bytes holding {@code dataMiB} MiB of data both ways.
     *
     * @param dir     a scratch directory (created if missing), removed after
     * @param size    the file's size
     * @param dataMiB the data in it, in 1 MiB extents spread over the file
     * @return the Markdown table
     * @throws Exception on failure
     */
    static String run(Path dir, long size, int dataMiB) throws Exception {
        Files.createDirectories(dir);
        Path source = dir.resolve("sparse");
        try {
            writeSparse(source, size, dataMiB);
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "S3b: a %d MiB file holding %d MiB of data, copied into a new file%n%n"
                            + "| way | time | allocated | identical |%n|---|---|---|---|%n",
                    size >> 20, dataMiB));
            ZeroCopyTransfer zc = ZeroCopyTransfer.load();
            for (int way = 0; way < 2; way++) {
                Path copy = dir.resolve("copy" + way);
                long start = System.nanoTime();
                try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                        FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    if (way == 0) {
                        zc.transfer(in, 0, size, out);
                    } else {
                        JdkTransfers.transferTo(in, 0, size, out);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                table.append(String.format(Locale.ROOT, "| %s | %.3f s | %.1f MiB | %s |%n",
                        way == 0 ? "zerocopy " + zc.name() : "JDK transferTo", seconds,
                        allocated(copy) / (double) (1 << 20), Files.mismatch(source, copy) < 0 ? "yes" : "NO"));
                Files.delete(copy);
            }
            return table.toString();
        } finally {
            Files.deleteIfExists(source);
            Files.deleteIfExists(dir);
        }
    }

    private static void writeSparse(Path file, long size, int dataMiB) throws IOException {
        byte[] extent = new byte[1 << 20];
        new dev.zerocopy.spi.PseudoRandomStream(11).fill(ByteBuffer.wrap(extent));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long step = size / Math.max(1, dataMiB);
            for (int i = 0; i < dataMiB; i++) {
                out.write(ByteBuffer.wrap(extent), i * step);
            }
            if (out.size() < size) {
                out.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        }
    }

    /** {@code st_blocks} × 512, from {@code stat -c %b}. */
    private static long allocated(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String blocks = new String(stat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        if (stat.waitFor() != 0) {
            throw new IOException("stat failed for " + file);
        }
        return Long.parseLong(blocks) * 512;
    }
}
