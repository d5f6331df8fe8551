package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialFailures;
import dev.jnas.engine.trial.TrialJson;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The main class of a {@link ProcessWorkerPool} child JVM: runs exactly one trial. Arguments: the
 * evaluator class name (a public class with a public no-argument constructor, e.g.
 * {@code dev.jnas.engine.nn.TrainingEvaluator}; tests name fakes from their own classpath) and the
 * kernel threads of the trial. Protocol: one line of {@link TrialRequest} JSON ({@link TrialJson}) on
 * stdin; on stdout, one {@code epoch <json>} line per finished epoch and finally one
 * {@code result <json>} line with the {@link TrialResult} (JSON {@code null} when the evaluator
 * returned none). Everything else, including the evaluator's own {@code System.out}, goes to stderr.
 * An exception from the evaluator becomes the same FAILED result the thread backend records
 * ({@link TrialFailures}). The child exits once stdin reaches end of file after the request, i.e.
 * when its parent dies, so a SIGKILLed search leaves no trial running.
 */
public final class TrialWorkerMain {
    static final String EPOCH = "epoch ";
    static final String RESULT = "result ";
    /** Exit status when the parent went away mid-trial. */
    static final int EXIT_ORPHANED = 120;
    /** Exit status for a bad command line or request. */
    static final int EXIT_USAGE = 2;

    /** One {@code epoch} line. */
    record Epoch(int epoch, Map<String, Double> metrics) {
    }

    private TrialWorkerMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // Startup failures (bad request, unknown evaluator class): the parent's reason quotes this last line.
            t.printStackTrace();
            System.err.println("trial worker: " + t);
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException {
        PrintStream wire = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 2) {
            System.err.println("trial worker: usage: TrialWorkerMain EVALUATOR_CLASS KERNEL_THREADS");
            System.exit(EXIT_USAGE);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            System.err.println("trial worker: no request on stdin");
            System.exit(EXIT_USAGE);
        }
        TrialRequest request = TrialJson.fromJson(line, TrialRequest.class);
        watchParent(in);
        TrialEvaluator evaluator = instantiate(args[0]);
        int threads = Integer.parseInt(args[1]);
        TrialContext ctx = new TrialContext() {
            @Override
            public boolean isCancelled() {
                // The parent cancels by killing this process.
                return false;
            }

            @Override
            public int kernelThreads() {
                return threads;
            }

            @Override
            public void epochDone(int epoch, Map<String, Double> metrics) {
                synchronized (wire) {
                    wire.println(EPOCH + TrialJson.toJson(new Epoch(epoch, metrics)));
                    wire.flush();
                }
            }
        };
        long t0 = System.nanoTime();
        TrialResult r;
        try {
            r = evaluator.evaluate(request, ctx);
        } catch (Throwable t) {
            r = TrialFailures.thrown(request, t, (System.nanoTime() - t0) / 1_000_000);
        }
        synchronized (wire) {
            wire.println(RESULT + (r == null ? "null" : TrialJson.toJson(r)));
            wire.flush();
        }
        // Kernel pools and whatever the evaluator started must not keep the JVM alive.
        System.exit(0);
    }

    private static TrialEvaluator instantiate(String className) {
        try {
            return (TrialEvaluator) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("trial worker: cannot create evaluator " + className + ": " + e, e);
        }
    }

    /** Halts when stdin closes: the parent holds it open for the whole trial, so EOF means it is gone. */
    private static void watchParent(BufferedReader in) {
        Thread t = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // Nothing more is expected; keep draining until the pipe closes.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as end of file.
            }
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }, "jnas-parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
