package dev.jnas.tensor.autodiff;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A size-keyed pool of float arrays, so that a steady-state training step allocates no new arrays.
 *
 * <p>{@link #take} pops the most recently returned array of exactly that length (or allocates one);
 * {@link #give} returns an array. The {@link Graph} returns arrays in reverse order of acquisition, so
 * the next step, taking arrays in the same order, gets the same arrays back. Counters let tests and
 * benchmarks check reuse. Not thread-safe: one pool per graph, one graph per training thread.
 */
public final class BufferPool {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final Map<Integer, ArrayDeque<int[]>> freeInts = new HashMap<>();
    private long allocations;
    private long reuses;

    /** An array of length n with unspecified contents. */
    public float[] take(int n) {
        ArrayDeque<float[]> q = free.get(n);
        float[] a = q == null ? null : q.pollFirst();
        if (a == null) {
            allocations++;
            return new float[n];
        }
        reuses++;
        return a;
    }

    /** An array of length n filled with zeros. */
    public float[] takeZeroed(int n) {
        float[] a = take(n);
        Arrays.fill(a, 0f);
        return a;
    }

    /** Returns an array to the pool; it must not be used by the caller afterwards. */
    public void give(float[] a) {
        free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addFirst(a);
    }

    /** An int array of length n with unspecified contents (e.g. max-pool argmax indices). */
    public int[] takeInts(int n) {
        ArrayDeque<int[]> q = freeInts.get(n);
        int[] a = q == null ? null : q.pollFirst();
        if (a == null) {
            allocations++;
            return new int[n];
        }
        reuses++;
        return a;
    }

    /** Returns an int array to the pool; it must not be used by the caller afterwards. */
    public void giveInts(int[] a) {
        freeInts.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addFirst(a);
    }

    /** Number of arrays created because the pool had none of the requested size. */
    public long allocations() {
        return allocations;
    }

    /** Number of requests served from the pool. */
    public long reuses() {
        return reuses;
    }

    /** Number of arrays currently held by the pool. */
    public int freeCount() {
        return free.values().stream().mapToInt(ArrayDeque::size).sum()
                + freeInts.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}
