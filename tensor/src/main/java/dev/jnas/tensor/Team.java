package dev.jnas.tensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernel worker threads behind {@link Parallel#forRange}: a caller publishes one job, takes part
 * in it and waits for it; workers claim its chunks.
 *
 * <p>Why not a ForkJoinPool: for a kernel of ~0.2 ms (SGEMM n = 256 on 2 threads) the pool's hand-offs
 * cost a third of the time (measured: the first chunk started ~13 µs after the call, the second ~34 µs,
 * and the caller woke ~33 µs after the last chunk ended). Here the caller runs chunks itself from the
 * start, a worker that finished a job spins for {@link #SPIN_NS} before parking (kernels of a training
 * step come back to back), and the caller spins for the last chunk before it parks. Chunks are claimed
 * from a counter, so which thread runs a chunk varies, but the chunk boundaries do not.
 *
 * <p>Call order: {@link #tryRun} from any thread (returns false when another thread's job is in flight,
 * the caller then uses another path; a call nested in a chunk runs inline), {@link #shutdown} when the
 * thread count changes.
 */
final class Team {
    /** How long an idle worker (and a waiting caller) spins before parking. */
    static final long SPIN_NS = 50_000;

    private static final VarHandle NEXT;
    private static final VarHandle DONE;
    private static final VarHandle BUSY;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            NEXT = l.findVarHandle(Job.class, "next", int.class);
            DONE = l.findVarHandle(Job.class, "done", int.class);
            BUSY = l.findVarHandle(Team.class, "busy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One forRange call: chunk i covers [n·i/chunks, n·(i+1)/chunks). */
    private static final class Job {
        final Parallel.RangeBody body;
        final int n;
        final int chunks;
        final Thread caller;
        volatile int next;
        volatile int done;
        volatile boolean callerParked;
        volatile Throwable error;

        Job(Parallel.RangeBody body, int n, int chunks, Thread caller) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.caller = caller;
        }

        /** Claims and runs chunks until none is left; true if this call finished the job's last chunk. */
        boolean work() {
            boolean last = false;
            int i;
            while ((i = (int) NEXT.getAndAdd(this, 1)) < chunks) {
                try {
                    body.run((int) ((long) n * i / chunks), (int) ((long) n * (i + 1) / chunks));
                } catch (Throwable t) {
                    error = t;
                }
                last = (int) DONE.getAndAdd(this, 1) + 1 == chunks;
            }
            return last;
        }
    }

    private final Worker[] workers;
    private volatile Job current;
    private volatile boolean stopped;
    @SuppressWarnings("unused")
    private volatile int busy;
    private volatile Thread owner;

    /** A team whose callers are helped by {@code helpers} worker threads. */
    Team(int helpers) {
        workers = new Worker[helpers];
        for (int i = 0; i < helpers; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    /** True if the calling thread is one of this team's workers (its kernels then run inline). */
    boolean isWorker(Thread t) {
        return t instanceof Worker w && w.team() == this;
    }

    /**
     * Runs {@code body} over [0, n) in {@code chunks} chunks on the caller and the workers; returns
     * false without running anything when another job is in flight.
     */
    boolean tryRun(int n, int chunks, Parallel.RangeBody body) {
        Thread me = Thread.currentThread();
        if (!BUSY.compareAndSet(this, 0, 1)) {
            if (owner == me) {
                // A kernel called from inside a chunk this thread runs: the team is already split.
                body.run(0, n);
                return true;
            }
            return false;
        }
        owner = me;
        try {
            Job job = new Job(body, n, chunks, me);
            current = job;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            job.work();
            await(job);
            current = null;
            Throwable t = job.error;
            if (t instanceof RuntimeException r) {
                throw r;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new RuntimeException(t);
            }
            return true;
        } finally {
            owner = null;
            busy = 0;
        }
    }

    private static void await(Job job) {
        long start = System.nanoTime();
        while (job.done < job.chunks) {
            if (System.nanoTime() - start < SPIN_NS) {
                Thread.onSpinWait();
            } else {
                job.callerParked = true;
                if (job.done < job.chunks) {
                    LockSupport.parkNanos(job, 1_000_000);
                }
                job.callerParked = false;
            }
        }
    }

    /** Lets the workers end once they are idle. */
    void shutdown() {
        stopped = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("jnas-kernel-" + (index + 1));
            setDaemon(true);
        }

        Team team() {
            return Team.this;
        }

        @Override
        public void run() {
            Job seen = null;
            long idleSince = System.nanoTime();
            while (!stopped) {
                Job job = current;
                if (job != null && job != seen) {
                    seen = job;
                    if (job.work() && job.callerParked) {
                        LockSupport.unpark(job.caller);
                    }
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    Job again = current;
                    if ((again == null || again == seen) && !stopped) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
