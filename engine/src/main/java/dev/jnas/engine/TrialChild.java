package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialJson;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@link TrialWorkerMain} child JVM of a {@link ProcessWorkerPool}, running one trial at a time:
 * {@link #send} writes a request line and returns the future of its reply; two daemon threads drain
 * stdout (epoch lines go to the current trial's context, the result line completes the reply) and
 * stderr (the last lines, stack frames left out, and the JVM's {@code -XX:+ExitOnOutOfMemoryError}
 * message). Call order: {@link #start}; {@link #send} and await the reply, any number of times while
 * the child lives; {@link #kill} or {@link #close}.
 */
final class TrialChild {
    private static final String OOM = "Terminating due to java.lang.OutOfMemoryError: ";
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";
    private static final long JOIN_MS = 5_000;
    private static final long GRACE_MS = 500;

    /** A child's answer to one request: its result (null when the evaluator returned none), or why there is none. */
    record Reply(TrialResult result, String bad) {
    }

    private final Process process;
    private final OutputStream stdin;
    private final int keepLines;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread outThread;
    private final Thread errThread;
    private volatile TrialContext ctx;
    private volatile CompletableFuture<Reply> reply = new CompletableFuture<>();
    private volatile String outOfMemory;

    private TrialChild(Process p, int keepLines) {
        this.process = p;
        this.stdin = p.getOutputStream();
        this.keepLines = keepLines;
        this.outThread = daemon(() -> lines(p.getInputStream(), this::stdout), "stdout");
        this.errThread = daemon(() -> lines(p.getErrorStream(), this::stderr), "stderr");
    }

    /** Starts a child with {@code command}, keeping its last {@code keepStderrLines} stderr lines. */
    static TrialChild start(List<String> command, int keepStderrLines) throws IOException {
        TrialChild c = new TrialChild(new ProcessBuilder(command).start(), keepStderrLines);
        c.outThread.start();
        c.errThread.start();
        return c;
    }

    /** Sends {@code request}; epochs go to {@code trialCtx}. The reply never completes if the child dies first. */
    CompletableFuture<Reply> send(TrialRequest request, TrialContext trialCtx) {
        CompletableFuture<Reply> r = new CompletableFuture<>();
        ctx = trialCtx;
        reply = r;
        try {
            stdin.write((TrialJson.toJson(request) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException childGone) {
            // Its exit status and stderr say why.
        }
        return r;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status; only after the process ended. */
    int exitValue() {
        return process.exitValue();
    }

    /** Waits until the process ended and both streams reached end of file (bounded: a grandchild could hold them open). */
    void join() throws InterruptedException {
        process.waitFor();
        outThread.join(JOIN_MS);
        errThread.join(JOIN_MS);
    }

    /** The OutOfMemoryError message (e.g. {@code Java heap space}) when the JVM exited on one, else null. */
    String outOfMemory() {
        return outOfMemory;
    }

    /** Forgets the stderr lines so far (when the child is reused, its earlier trials are no longer of interest). */
    synchronized void forgetStderr() {
        stderr.clear();
    }

    /** The last stderr lines, joined with {@code " | "}, or {@code (empty)}. */
    synchronized String stderrTail() {
        return stderr.isEmpty() ? "(empty)" : String.join(" | ", stderr);
    }

    /** Waits up to {@code millis} for the child to exit by itself; true when it has. */
    boolean awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then SIGKILL after a short grace; keeps the caller's interrupt status. */
    void kill() {
        boolean interrupted = Thread.interrupted();
        try {
            process.destroy();
            if (!process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the child at once (pool shutdown). */
    void close() {
        process.destroyForcibly();
    }

    private void stdout(String line) {
        // HotSpot prints the ExitOnOutOfMemoryError message on stdout.
        if (line.startsWith(OOM)) {
            outOfMemory = line.substring(OOM.length()).strip();
        } else if (line.startsWith(TrialWorkerMain.EPOCH)) {
            try {
                TrialWorkerMain.Epoch e = TrialJson.fromJson(line.substring(TrialWorkerMain.EPOCH.length()), TrialWorkerMain.Epoch.class);
                TrialContext c = ctx;
                if (c != null) {
                    c.epochDone(e.epoch(), e.metrics());
                }
            } catch (IllegalArgumentException ignored) {
                // Progress is advisory; a bad epoch line does not fail the trial.
            }
        } else if (line.startsWith(TrialWorkerMain.RESULT)) {
            String json = line.substring(TrialWorkerMain.RESULT.length());
            try {
                reply.complete(new Reply("null".equals(json) ? null : TrialJson.fromJson(json, TrialResult.class), null));
            } catch (IllegalArgumentException e) {
                reply.complete(new Reply(null, e.getMessage()));
            }
        } else {
            reply.complete(new Reply(null, "unexpected line on stdout: " + abbreviate(line)));
        }
    }

    private synchronized void stderr(String line) {
        String t = line.strip();
        // Stack frames say little in a one-line reason; the exception lines ("Caused by: ...") say what happened.
        if (t.isEmpty() || t.startsWith(INCUBATOR_WARNING) || t.startsWith("at ") || (t.startsWith("...") && t.endsWith("more"))) {
            return;
        }
        stderr.addLast(abbreviate(t));
        if (stderr.size() > keepLines) {
            stderr.removeFirst();
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static void lines(InputStream s, Consumer<String> each) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                each.accept(line);
            }
        } catch (IOException ignored) {
            // The process was killed; what was read so far stands.
        }
    }

    private static Thread daemon(Runnable r, String stream) {
        Thread t = new Thread(r, "jnas-trial-" + stream);
        t.setDaemon(true);
        return t;
    }
}
