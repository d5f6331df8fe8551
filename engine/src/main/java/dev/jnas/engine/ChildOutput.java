package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialJson;
import dev.jnas.engine.trial.TrialResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Drains one {@link ProcessWorkerPool} child's stdout and stderr on two daemon threads: forwards
 * {@code epoch} lines to the trial context, keeps the {@code result} line, the last stderr lines (stack
 * frames left out) and the JVM's {@code -XX:+ExitOnOutOfMemoryError} message. Call order: {@link #start}, wait for the
 * process to exit, {@link #join}, then read.
 */
final class ChildOutput {
    private static final String OOM = "Terminating due to java.lang.OutOfMemoryError: ";
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";
    private static final long JOIN_MS = 5_000;

    private final int keepLines;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread outThread;
    private final Thread errThread;
    private volatile boolean hasResult;
    private volatile TrialResult result;
    private volatile String badResult;
    private volatile String outOfMemory;

    private ChildOutput(Process p, TrialContext ctx, int keepLines) {
        this.keepLines = keepLines;
        this.outThread = daemon(() -> lines(p.getInputStream(), line -> stdout(line, ctx)), "stdout");
        this.errThread = daemon(() -> lines(p.getErrorStream(), this::stderr), "stderr");
    }

    /** Starts draining {@code p}'s output; epochs go to {@code ctx.epochDone}. */
    static ChildOutput start(Process p, TrialContext ctx, int keepStderrLines) {
        ChildOutput o = new ChildOutput(p, ctx, keepStderrLines);
        o.outThread.start();
        o.errThread.start();
        return o;
    }

    /** Waits for both streams to reach end of file (bounded: a grandchild could hold them open). */
    void join() {
        try {
            outThread.join(JOIN_MS);
            errThread.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean hasResult() {
        return hasResult;
    }

    /** The child's result; null when it wrote {@code result null} (the evaluator returned none). */
    TrialResult result() {
        return result;
    }

    /** Why the result line could not be read, or null. */
    String badResult() {
        return badResult;
    }

    /** The OutOfMemoryError message (e.g. {@code Java heap space}) when the JVM exited on one, else null. */
    String outOfMemory() {
        return outOfMemory;
    }

    /** The last stderr lines joined with {@code " | "}, or {@code (empty)}. */
    synchronized String stderrTail() {
        return stderr.isEmpty() ? "(empty)" : String.join(" | ", stderr);
    }

    private void stdout(String line, TrialContext ctx) {
        // HotSpot prints the ExitOnOutOfMemoryError message on stdout.
        if (line.startsWith(OOM)) {
            outOfMemory = line.substring(OOM.length()).strip();
        } else if (line.startsWith(TrialWorkerMain.EPOCH)) {
            try {
                TrialWorkerMain.Epoch e = TrialJson.fromJson(line.substring(TrialWorkerMain.EPOCH.length()), TrialWorkerMain.Epoch.class);
                ctx.epochDone(e.epoch(), e.metrics());
            } catch (IllegalArgumentException ignored) {
                // Progress is advisory; a bad epoch line does not fail the trial.
            }
        } else if (line.startsWith(TrialWorkerMain.RESULT) && !hasResult) {
            String json = line.substring(TrialWorkerMain.RESULT.length());
            try {
                result = "null".equals(json) ? null : TrialJson.fromJson(json, TrialResult.class);
                hasResult = true;
            } catch (IllegalArgumentException e) {
                badResult = e.getMessage();
            }
        } else if (badResult == null && !hasResult) {
            badResult = "unexpected line on stdout: " + abbreviate(line);
        }
    }

    private synchronized void stderr(String line) {
        if (line.startsWith(OOM)) {
            outOfMemory = line.substring(OOM.length()).strip();
        }
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
