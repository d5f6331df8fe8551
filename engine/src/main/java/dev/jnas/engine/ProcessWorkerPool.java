package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The isolating backend: trials run in child JVMs ({@link TrialWorkerMain}) started with this JVM's
 * {@code java}, classpath and Vector API module, a heap cap ({@code -Xmx}) with
 * {@code -XX:+ExitOnOutOfMemoryError}, the trial's kernel threads as {@code -Dnas.threads} and this
 * JVM's {@code -Dnas.simd}. Requests go in as {@link dev.jnas.engine.trial.TrialJson} lines on stdin;
 * epochs and results come back on stdout; the last lines of stderr are kept for failure reasons. A
 * trial that exhausts its heap, crashes, calls {@code System.exit} or writes no readable result
 * becomes a FAILED result naming the cause (heap limit, or exit code and stderr tail), and the search
 * carries on; cancellation (trial time limit, wall-clock budget, {@link #close}) kills the child:
 * SIGTERM, then SIGKILL after a short grace.
 *
 * <p>Children are reused: each worker slot keeps its child for the next trial as long as the child
 * returned a readable result; a child that failed in any way above is discarded and the next trial
 * starts a fresh one. Measured on the default digits search (trials of 0.2 to 4 s, 2-core machine),
 * a fresh JVM per trial made the search several times slower than the thread backend: JVM start-up,
 * loading the data set and, above all, JIT warm-up were paid by every trial; a reused child pays them
 * once per slot (docs/experiment-config.md has the figures). What reuse gives up is isolation between
 * the successful trials of one slot (static state and the heap's live data carry over; the heap cap
 * bounds the child, which holds one trial at a time plus its copy of the data set); a failure still
 * takes only its own trial down, since the next trial never shares a JVM with a failed one.
 *
 * <p>Call order: construct; {@link #submit} from one thread (the engine keeps at most
 * {@code workers} in flight, so there are at most that many children); {@link #close} once, which
 * kills every child.
 */
public final class ProcessWorkerPool implements WorkerBackend {
    private static final long POLL_MS = 20;
    private static final int STDERR_LINES = 6;
    /** How long a child that wrote an unreadable result gets to exit by itself (its exit code helps the reason). */
    private static final long BAD_RESULT_EXIT_MS = 1_000;

    private final List<String> command;
    private final String heap;
    private final ExecutorService pool;
    private final Deque<TrialChild> idle = new ConcurrentLinkedDeque<>();
    private final Set<TrialChild> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A pool whose children create {@code evaluatorClass} by its public no-argument constructor, with
     * a heap cap of {@code heap} (a JVM size such as {@code 512m}) and {@code kernelThreads} threads.
     */
    public ProcessWorkerPool(String evaluatorClass, String heap, int kernelThreads) {
        this.heap = heap;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> c = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector", "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "-Dnas.threads=" + kernelThreads));
        String simd = System.getProperty("nas.simd");
        if (simd != null) {
            c.add("-Dnas.simd=" + simd);
        }
        c.addAll(List.of("-cp", System.getProperty("java.class.path"), TrialWorkerMain.class.getName(), evaluatorClass,
                String.valueOf(kernelThreads)));
        this.command = List.copyOf(c);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jnas-trial-process-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Refuses evaluator classes a child cannot create: it needs a public top-level or static nested
     * class with a public no-argument constructor.
     */
    public static void checkChildCreatable(Class<? extends TrialEvaluator> type) {
        boolean ok = Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass() && !type.isLocalClass()
                && (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()));
        try {
            ok = ok && Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("process backend: the child JVM creates the evaluator " + type.getName()
                    + " by a public no-argument constructor of a public class, and it has none");
        }
    }

    /** The child's command line (for diagnostics and tests). */
    public List<String> command() {
        return command;
    }

    @Override
    public Future<?> submit(TrialRequest request, TrialContext ctx, BiConsumer<TrialResult, Throwable> done) {
        return WorkerBackend.runOn(pool, () -> run(request, ctx), done);
    }

    private TrialResult run(TrialRequest request, TrialContext ctx) throws IOException {
        long t0 = System.nanoTime();
        TrialChild child = idle.pollFirst();
        if (child == null || !child.isAlive()) {
            if (child != null) {
                all.remove(child);
            }
            child = TrialChild.start(command, STDERR_LINES);
            all.add(child);
        }
        boolean reusable = false;
        try {
            CompletableFuture<TrialChild.Reply> reply = child.send(request, ctx);
            while (true) {
                try {
                    TrialChild.Reply r = reply.get(POLL_MS, TimeUnit.MILLISECONDS);
                    reusable = r.bad() == null;
                    if (reusable) {
                        return r.result();
                    }
                    if (!child.awaitExit(BAD_RESULT_EXIT_MS)) {
                        child.kill();
                    }
                    return failed(request, "trial process wrote a bad result (" + r.bad() + "), exit code "
                            + child.exitValue() + "; stderr: " + child.stderrTail(), t0);
                } catch (TimeoutException stillRunning) {
                    // Poll liveness and cancellation below.
                }
                if (!child.isAlive()) {
                    child.join();
                    return reply.isDone() && reply.join().bad() == null ? reply.join().result() : exited(request, child, reply, t0);
                }
                if (ctx.isCancelled()) {
                    child.kill();
                    return failed(request, "cancelled: trial process killed", t0);
                }
            }
        } catch (InterruptedException e) {
            child.kill();
            Thread.currentThread().interrupt();
            return failed(request, "cancelled: trial process killed", t0);
        } catch (ExecutionException e) {
            throw new IllegalStateException("process backend: reply future failed", e);
        } finally {
            if (reusable && !closed) {
                child.forgetStderr();
                idle.addFirst(child);
            } else {
                child.close();
                all.remove(child);
            }
        }
    }

    /** The FAILED result of a child that ended without a usable result: heap exhausted, or exit code and stderr. */
    private TrialResult exited(TrialRequest request, TrialChild child, CompletableFuture<TrialChild.Reply> reply, long t0) {
        String oom = child.outOfMemory();
        if (oom != null) {
            return failed(request, oom.contains("heap space") ? "out of memory: trial heap limit " + heap + " exceeded (" + oom + ")"
                    : "out of memory: " + oom + " (trial heap limit " + heap + ")", t0);
        }
        int exit = child.exitValue();
        String signal = exit > 128 ? " (signal " + (exit - 128) + ")" : "";
        String what = reply.isDone() ? "wrote a bad result (" + reply.join().bad() + ")" : "wrote no result";
        return failed(request, "trial process " + what + ", exit code " + exit + signal + "; stderr: " + child.stderrTail(), t0);
    }

    private static TrialResult failed(TrialRequest request, String reason, long t0) {
        return TrialResult.of(TrialStatus.FAILED, reason, millis(t0), request.parameters(), request.flops());
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        for (TrialChild c : all) {
            c.close();
        }
    }
}
