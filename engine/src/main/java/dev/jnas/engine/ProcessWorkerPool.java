package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialJson;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The isolating backend: every trial runs in a fresh child JVM ({@link TrialWorkerMain}) started with
 * this JVM's {@code java}, classpath and Vector API module, a heap cap ({@code -Xmx}) with
 * {@code -XX:+ExitOnOutOfMemoryError}, the trial's kernel threads as {@code -Dnas.threads} and this
 * JVM's {@code -Dnas.simd}. The request goes in as {@link TrialJson} on stdin; epochs and the result
 * come back on stdout; the last lines of stderr are kept for failure reasons. A trial that exhausts
 * its heap, crashes, calls {@code System.exit} or writes no result becomes a FAILED result naming the
 * cause (heap limit, or exit code and stderr tail), and the search carries on; cancellation (trial
 * time limit, wall-clock budget, {@link #close}) kills the child: SIGTERM, then SIGKILL after a short
 * grace.
 *
 * <p>Why a fresh JVM per trial rather than a reusable child per worker slot: only a fresh JVM
 * isolates fully (heap, leaked threads, static state such as the kernel pool and JIT-compiled code
 * paths) and gives every trial the same starting state, so a failed trial cannot poison the next
 * one, and there is no child protocol for "ready for the next trial" to get wrong. The price is JVM
 * start-up, loading the data set and JIT warm-up once per trial; docs/experiment-config.md gives the
 * measured cost (a fraction of a second to about a second per trial on the 2-core reference machine),
 * which matters only for trials of a second or two.
 *
 * <p>Call order: construct; {@link #submit} from one thread (the engine keeps at most
 * {@code workers} in flight); {@link #close} once, which kills every child still running.
 */
public final class ProcessWorkerPool implements WorkerBackend {
    private static final long POLL_MS = 20;
    private static final long GRACE_MS = 500;
    private static final int STDERR_LINES = 6;

    private final List<String> command;
    private final String heap;
    private final ExecutorService pool;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

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
        return pool.submit(() -> {
            TrialResult r = null;
            Throwable err = null;
            try {
                r = run(request, ctx);
            } catch (Throwable t) {
                err = t;
            }
            done.accept(r, err);
        });
    }

    private TrialResult run(TrialRequest request, TrialContext ctx) throws IOException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).start();
        live.add(p);
        try {
            ChildOutput out = ChildOutput.start(p, ctx, STDERR_LINES);
            OutputStream in = p.getOutputStream();
            try {
                // One line; stdin then stays open: its end of file tells the child that we are gone.
                in.write((TrialJson.toJson(request) + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException childGone) {
                // The exit status and stderr below say why.
            }
            if (!awaitExit(p, ctx)) {
                kill(p);
                return TrialResult.of(TrialStatus.FAILED, "cancelled: trial process killed", millis(t0),
                        request.parameters(), request.flops());
            }
            out.join();
            return outcome(request, p.exitValue(), out, millis(t0));
        } finally {
            live.remove(p);
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            p.getOutputStream().close();
        }
    }

    /** True when the child exited by itself; false once the trial was cancelled or interrupted. */
    private static boolean awaitExit(Process p, TrialContext ctx) {
        try {
            while (!p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                if (ctx.isCancelled()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private TrialResult outcome(TrialRequest request, int exit, ChildOutput out, long ms) {
        if (out.hasResult()) {
            return out.result();
        }
        String oom = out.outOfMemory();
        String reason;
        if (oom != null) {
            reason = oom.contains("heap space") ? "out of memory: trial heap limit " + heap + " exceeded (" + oom + ")"
                    : "out of memory: " + oom + " (trial heap limit " + heap + ")";
        } else {
            String signal = exit > 128 ? " (signal " + (exit - 128) + ")" : "";
            reason = (out.badResult() != null ? "trial process wrote a bad result (" + out.badResult() + "), exit code "
                    : "trial process wrote no result, exit code ") + exit + signal + "; stderr: " + out.stderrTail();
        }
        return TrialResult.of(TrialStatus.FAILED, reason, ms, request.parameters(), request.flops());
    }

    private static void kill(Process p) {
        boolean interrupted = Thread.interrupted();
        try {
            p.destroy();
            if (!p.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        for (Process p : live) {
            p.destroyForcibly();
        }
    }
}
