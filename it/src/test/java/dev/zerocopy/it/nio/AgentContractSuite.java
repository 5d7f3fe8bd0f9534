package dev.zerocopy.it.nio;

import dev.zerocopy.Availability;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.portable.PortableTransfer;
import dev.zerocopy.spi.TransferContractTest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The spi's contract suite, run against the JDK's own {@code FileChannel.transferTo}/{@code transferFrom}
 * in a child JVM started with the agent ({@link AgentContractIT} runs it through {@link RunSuite}): with the
 * agent, the JDK's methods keep {@link ZeroCopyTransfer}'s contract. Not run by surefire directly (its name
 * matches neither pattern): without the agent it would not hold.
 */
public class AgentContractSuite extends TransferContractTest {

    @org.junit.jupiter.api.BeforeAll
    static void agentIsActive() {
        org.junit.jupiter.api.Assertions.assertTrue(dev.zerocopy.nio.ZeroCopyAgent.isActive(),
                "run with -javaagent");
    }

    @Override
    protected ZeroCopyTransfer provider() {
        return new JdkMethods();
    }

    @Override
    protected boolean unblocksOnAsyncClose() {
        return !ZeroCopyTransfer.load().name().equals(PortableTransfer.NAME);
    }

    /** Calls the JDK channel's own methods, which the agent instruments. */
    private static final class JdkMethods implements ZeroCopyTransfer {
        @Override
        public String name() {
            return "jdk-methods";
        }

        @Override
        public Availability availability() {
            return Availability.usable("test");
        }

        @Override
        public long transfer(FileChannel source, long position, long count, WritableByteChannel target)
                throws IOException {
            return source.transferTo(position, count, target);
        }

        @Override
        public long transfer(ReadableByteChannel source, FileChannel target, long position, long count)
                throws IOException {
            return target.transferFrom(source, position, count);
        }

        @Override
        public long transfer(ReadableByteChannel source, WritableByteChannel target) throws IOException {
            return ZeroCopyTransfer.load().transfer(source, target);
        }
    }
}
