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
    void forRange_twoThreads_chunkBoundsDoNotDependOnWhichThreadRunsThem() {
        Parallel.setThreads(2);
        for (int rep = 0; rep < 200; rep++) {
            Set<String> bounds = ConcurrentHashMap.newKeySet();
            Parallel.forRange(1001, 10, (from, to) -> bounds.add(from + ".." + to));
            assertEquals(Set.of("0..500", "500..1001"), bounds, "repetition " + rep);
        }
    }

    @Test
    void forRange_bodyThrowsInSomeChunk_rethrowsOnCallerAfterAllChunksEnd() {
        Parallel.setThreads(2);
        for (int rep = 0; rep < 50; rep++) {
            AtomicInteger finished = new AtomicInteger();
            int bad = rep % 2;
            IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                    Parallel.forRange(2, 1, (from, to) -> {
                        if (from == bad) {
                            throw new IllegalStateException("chunk " + from);
                        }
                        finished.incrementAndGet();
                    }));
            assertEquals("chunk " + bad, e.getMessage());
            assertEquals(1, finished.get(), "the other chunk ran to its end before the call returned");
        }
        int[] hits = new int[100];
        Parallel.forRange(hits.length, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits[i]++;
            }
        });
        for (int h : hits) {
            assertEquals(1, h, "a failed call leaves the threads usable");
        }
    }

    @Test
    void forRange_nestedInAChunk_runsInlineWithOneChunk() {
        Parallel.setThreads(2);
        AtomicInteger inner = new AtomicInteger();
        int[] hits = new int[64];
        Parallel.forRange(2, 1, (from, to) -> Parallel.forRange(32, 1, (a, b) -> {
            inner.incrementAndGet();
            for (int i = a; i < b; i++) {
                hits[from * 32 + i]++;
            }
        }));
        assertEquals(2, inner.get(), "each outer chunk runs its inner range as one piece");
        for (int i = 0; i < hits.length; i++) {
            assertEquals(1, hits[i], "index " + i);
        }
    }

    @Test
    void forRange_concurrentCallers_eachCoverTheirRangeOnce() throws Exception {
        Parallel.setThreads(2);
        int callers = 3;
        int[][] hits = new int[callers][5000];
        Thread[] ts = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            int[] mine = hits[c];
            ts[c] = new Thread(() -> {
                for (int rep = 0; rep < 300; rep++) {
                    Parallel.forRange(mine.length, 1, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            mine[i]++;
                        }
                    });
                }
            });
            ts[c].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        for (int c = 0; c < callers; c++) {
            for (int i = 0; i < hits[c].length; i++) {
                assertEquals(300, hits[c][i], "caller " + c + " index " + i);
            }
        }
    }

    @Test
    void setThreads_betweenCalls_newSplitCoversRangeOnce() {
        for (int t : new int[] {2, 3, 1, 2}) {
            Parallel.setThreads(t);
            AtomicInteger chunks = new AtomicInteger();
            int[] hits = new int[999];
            Parallel.forRange(hits.length, 1, (from, to) -> {
                chunks.incrementAndGet();
                for (int i = from; i < to; i++) {
                    hits[i]++;
                }
            });
            assertEquals(t, chunks.get(), "threads " + t);
            for (int i = 0; i < hits.length; i++) {
                assertEquals(1, hits[i], "threads " + t + " index " + i);
            }
        }
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
