/**
 * JMH benchmarks of the per-call path, each beside its JDK counterpart: the step call (a 16 KiB
 * file-to-socket transfer), the copy loop's overhead per chunk, and reading a channel's fd in each
 * {@link dev.zerocopy.spi.FdAccess} mode, and the NIO wrapper channel. Run them with
 * {@code java -cp bench/target/zerocopy-bench.jar org.openjdk.jmh.Main dev.zerocopy.bench.jmh}.
 */
package dev.zerocopy.bench.jmh;
