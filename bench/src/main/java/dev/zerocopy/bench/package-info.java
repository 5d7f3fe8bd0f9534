/**
 * The end-to-end side-by-side harness: scenarios S1–S6 (file→socket, socket→file, file→file, 16 KiB calls
 * on a blocking and (S4n) a non-blocking socket, a socket relay, the NIO integration), each run by {@link dev.zerocopy.ZeroCopyTransfer},
 * the JDK's own methods, a 256 KiB direct-buffer loop and a C reference program, interleaved, every
 * variant's bytes verified, reported as a Markdown table with the project's target ratios. Entry point:
 * {@link dev.zerocopy.bench.BenchMain}; options: {@link dev.zerocopy.bench.Options}. S7, many connections
 * at once on virtual or platform threads, is {@link dev.zerocopy.bench.ManyConnections}.
 */
package dev.zerocopy.bench;
