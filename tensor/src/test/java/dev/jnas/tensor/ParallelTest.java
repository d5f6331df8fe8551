package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.clearCurrentThreadLimit();
        Parallel.setThreads(before);
    }

    @Test
    void forRange_twoThreads_coversRangeOnceSplitAcrossThreads() {
        Parallel.setThreads(2);
        int[] hits = new int[1000];
        Set<String> names = ConcurrentHashMap.newKeySet();
        AtomicInteger chunks = new AtomicInteger();
        Parallel.forRange(hits.length, 10, (from, to) -> {
            chunks.incrementAndGet();
            names.add(Thread.currentThread().getName());
            for (int i = from; i < to; i++) {
                hits[i]++;
            }
        });
        for (int i = 0; i < hits.length; i++) {
            assertEquals(1, hits[i], "index " + i);
        }
        assertEquals(2, chunks.get());
    }

    @Test
    void limitCurrentThread_one_runsInlineOnCallerAndOthersKeepPool() throws Exception {
        Parallel.setThreads(2);
        Parallel.limitCurrentThread(1);
        assertEquals(1, Parallel.threads());
        String me = Thread.currentThread().getName();
        Set<String> names = ConcurrentHashMap.newKeySet();
        AtomicInteger chunks = new AtomicInteger();
        Parallel.forRange(1000, 10, (from, to) -> {
            chunks.incrementAndGet();
            names.add(Thread.currentThread().getName());
        });
        assertEquals(1, chunks.get());
        assertEquals(Set.of(me), names);
        int[] other = new int[1];
        Thread t = new Thread(() -> other[0] = Parallel.threads());
        t.start();
        t.join();
        assertEquals(2, other[0], "the limit is the calling thread's only");
        Parallel.clearCurrentThreadLimit();
        assertEquals(2, Parallel.threads());
    }

    @Test
    void limitCurrentThread_aboveThePool_isCappedByThePool() {
        Parallel.setThreads(1);
        Parallel.limitCurrentThread(4);
        assertEquals(1, Parallel.threads());
    }

    @Test
    void limitCurrentThread_zero_throwsNamingTheCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.limitCurrentThread(0));
        assertTrue(e.getMessage().contains("limitCurrentThread") && e.getMessage().contains("0"), e.getMessage());
    }
}
