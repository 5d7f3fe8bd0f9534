package dev.zerocopy.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import dev.zerocopy.ZeroCopyTransfer;
import dev.zerocopy.posix.JnaPosixLibc;
import dev.zerocopy.spi.ForkedJvm;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;



/**
 * The Linux provider in a web application's class loader: its transfers leave nothing of it in the
 * transferring thread's thread-locals, which would keep the loader alive as long as the (pooled) thread.
 * Checked in a fresh JVM whose main thread loads the library in a loader of its own and transfers. (Whether
 * the loader is then freed is the spi module's test, and on JDK 22+ {@code ForeignBindingTest}'s: JNA, where
 * the provider loads it, starts a cleaner thread and keeps thread-locals of its own, which keep its
 * loader.) The check is narrow: the thread's plain
 * thread-locals whose values are this library's own classes.
 */
@Timeout(60)
class ClassLoaderReleaseTest {

    /** Loads the library and JNA in a loader of their own, transfers on the main thread, lists its thread-locals. */
    public static final class Probe {
        /**
         * Prints the provider's name, then the library's classes among the thread's thread-local values.
         *
         * @param args none
         * @throws Exception if the transfers fail
         */
        public static void main(String[] args) throws Exception {
            ClassLoader loader = ForkedJvm.transferInOwnLoader(ForkedJvm.location(ZeroCopyTransfer.class),
                    ForkedJvm.location(JnaPosixLibc.class), ForkedJvm.location(LinuxTransfer.class),
                    ForkedJvm.location(Native.class));
            System.out.println("thread-locals " + threadLocalsFrom(loader));
        }

        /**
         * The classes of the current thread's thread-local values that {@code loader} defined for this
         * library (JNA keeps thread-locals of its own, as it keeps its own cleaner thread).
         */
        private static List<String> threadLocalsFrom(ClassLoader loader) throws ReflectiveOperationException {
            Field mapField = Thread.class.getDeclaredField("threadLocals");
            mapField.setAccessible(true);
            Object map = mapField.get(Thread.currentThread());
            List<String> found = new ArrayList<>();
            if (map == null) {
                return found;
            }
            Field tableField = map.getClass().getDeclaredField("table");
            tableField.setAccessible(true);
            for (Object entry : (Object[]) tableField.get(map)) {
                if (entry != null) {
                    Field valueField = entry.getClass().getDeclaredField("value");
                    valueField.setAccessible(true);
                    Object value = valueField.get(entry);
                    if (value != null && value.getClass().getClassLoader() == loader
                            && value.getClass().getName().startsWith("dev.zerocopy.")) {
                        found.add(value.getClass().getName());
                    }
                }
            }
            return found;
        }
    }

    @Test
    void itsTransfersLeaveNoThreadLocal() throws Exception {
        ForkedJvm.Output output = ForkedJvm.run(Probe.class, "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED");
        assertEquals(LinuxTransfer.NAME + "\nthread-locals []", output.out(), output.err());
    }
}
