package dev.zerocopy.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool behind transfer contexts and the Linux provider's native scratch memory. */
@Timeout(60)
class StripedPoolTest {

    /** A pooled object that knows whether someone holds it. */
    private static final class Item {
        final AtomicBoolean held = new AtomicBoolean();
    }

    @Test
    void aThreadTakesBackWhatItGaveBack() {
        StripedPool<Item> pool = new StripedPool<>();
        assertNull(pool.take(), "a new pool is empty");
        Item item = new Item();
        pool.give(item);
        assertSame(item, pool.take());
        assertNull(pool.take(), "an object is taken once");
    }

    @Test
    void aFullNeighbourhoodDropsWhatIsGivenBack() {
        StripedPool<Item> pool = new StripedPool<>();
        List<Item> given = List.of(new Item(), new Item(), new Item());
        given.forEach(pool::give);
        Item first = pool.take();
        Item second = pool.take();
        assertNotSame(first, second);
        assertNull(pool.take(), "a thread looks at two slots: the third object was dropped");
        assertTrue(given.contains(first) && given.contains(second));
    }

    @Test
    void noObjectIsEverHeldTwice() throws Exception {
        StripedPool<Item> pool = new StripedPool<>();
        AtomicInteger made = new AtomicInteger();
        AtomicInteger doubleHeld = new AtomicInteger();
        int threads = pool.capacity() + 16;                                       // more than the pool's slots
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(executor.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        Item item = pool.take();
                        if (item == null) {
                            item = new Item();
                            made.incrementAndGet();
                        }
                        if (!item.held.compareAndSet(false, true)) {
                            doubleHeld.incrementAndGet();
                        }
                        item.held.set(false);
                        pool.give(item);
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(0, doubleHeld.get(), "an object was handed to two holders at once");
        assertTrue(made.get() < threads * 20_000 / 10, "the pool reused objects: made " + made.get());
    }

    @Test
    void aTransferInsideATransferGetsItsOwnContext() {
        TransferContext outer = TransferContext.take();
        TransferContext inner = TransferContext.take();
        try {
            assertNotSame(outer, inner);
        } finally {
            inner.release();
            outer.release();
        }
        TransferContext again = TransferContext.take();
        try {
            assertTrue(again == outer || again == inner, "a context given back is reused");
        } finally {
            again.release();
        }
    }
}
