package dev.jnas.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * The shared kernel threads and a parallel-for over index ranges.
 *
 * <p>Work is split over a team ({@code Team}) of worker threads that spin briefly between kernels, with the
 * calling thread taking part (a fork/join pool is used only while another thread's call holds the
 * team). The thread count comes from the system property {@code nas.threads} (default: available
 * processors). {@link #setThreads(int)} changes it at run time (benchmarks use it to compare 1 and 2
 * threads in one JVM; the engine uses it to split cores between concurrent trials). With one thread,
 * or a range too small to split, the body runs on the calling thread.
 *
 * <p>A thread may also cap its own share with {@link #limitCurrentThread(int)}: concurrent trials
 * that each get one kernel thread then run their kernels inline on their own worker threads instead of
 * splitting every kernel across a pool that the other trial is also using (fork/join hand-offs cost
 * more than small kernels gain, and the trials would wait on each other's chunks).
 */
public final class Parallel {
    /** A body run over the half-open chunk [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static volatile int threads = Math.max(1,
            Integer.getInteger("nas.threads", Runtime.getRuntime().availableProcessors()));
    private static volatile ForkJoinPool pool;
    private static volatile Team team;
    private static final ThreadLocal<Integer> LIMIT = new ThreadLocal<>();

    private Parallel() {
    }

    /** The number of threads kernels called from this thread may use: the pool size, or this thread's lower limit. */
    public static int threads() {
        Integer limit = LIMIT.get();
        int t = threads;
        return limit == null ? t : Math.min(limit, t);
    }

    /**
     * Caps the kernel threads of work started from the calling thread at {@code n} (at least 1) until
     * {@link #clearCurrentThreadLimit()}; the pool size is unchanged.
     */
    public static void limitCurrentThread(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel.limitCurrentThread: need at least 1 thread, got " + n);
        }
        LIMIT.set(n);
    }

    /** Removes the calling thread's {@link #limitCurrentThread limit}. */
    public static void clearCurrentThreadLimit() {
        LIMIT.remove();
    }

    /** Sets the number of kernel threads (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel.setThreads: need at least 1 thread, got " + n);
        }
        if (n != threads) {
            threads = n;
            ForkJoinPool old = pool;
            pool = null;
            if (old != null) {
                old.shutdown();
            }
            Team oldTeam = team;
            team = null;
            if (oldTeam != null) {
                oldTeam.shutdown();
            }
        }
    }

    private static Team team() {
        Team t = team;
        if (t == null) {
            synchronized (Parallel.class) {
                t = team;
                if (t == null) {
                    t = new Team(threads - 1);
                    team = t;
                }
            }
        }
        return t;
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads, pl -> {
                        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pl);
                        t.setDaemon(true);
                        t.setName("jnas-kernel-" + t.getPoolIndex());
                        return t;
                    }, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@code threads()} chunks of at least
     * {@code grain} indices each; returns when all chunks are done. The caller runs chunks too; the
     * chunk boundaries depend only on n, grain and the thread count, not on which thread runs what.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int t = threads();
        int chunks = (int) Math.min(t, Math.max(1, (long) n / Math.max(1, grain)));
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool
                || team().isWorker(Thread.currentThread())) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        if (team().tryRun(n, chunks, body)) {
            return;
        }
        // Another thread's job holds the team (concurrent trials): split over the fork/join pool.
        final int c = chunks;
        pool().invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[c - 1];
                for (int i = 1; i < c; i++) {
                    int from = (int) ((long) n * i / c);
                    int to = (int) ((long) n * (i + 1) / c);
                    tasks[i - 1] = ForkJoinTask.adapt(() -> body.run(from, to)).fork();
                }
                body.run(0, (int) ((long) n / c));
                for (int i = c - 2; i >= 0; i--) {
                    tasks[i].join();
                }
            }
        });
    }
}
