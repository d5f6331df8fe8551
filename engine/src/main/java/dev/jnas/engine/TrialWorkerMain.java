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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a {@link ProcessWorkerPool} child JVM: runs trials one after another. Arguments:
 * the evaluator class name (a public class with a public no-argument constructor, e.g.
 * {@code dev.jnas.engine.nn.TrainingEvaluator}; tests name fakes from their own classpath), created
 * once, and the kernel threads of a trial. Protocol: one line of {@link TrialRequest} JSON
 * ({@link TrialJson}) per trial on stdin; on stdout, one {@code epoch <json>} line per finished epoch
 * and then one {@code result <json>} line with the {@link TrialResult} (JSON {@code null} when the
 * evaluator returned none); then the next request. Everything else, including the evaluator's own
 * {@code System.out}, goes to stderr. An exception from the evaluator becomes the same FAILED result
 * the thread backend records ({@link TrialFailures}). The child exits when stdin reaches end of file,
 * i.e. when its parent is done with it or has died, so a SIGKILLed search leaves no trial running.
 */
public final class TrialWorkerMain {
    static final String EPOCH = "epoch ";
    static final String RESULT = "result ";
    /** Exit status when the parent went away mid-trial. */
    static final int EXIT_ORPHANED = 120;

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

    private static void run(String[] args) throws Exception {
        PrintStream wire = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: TrialWorkerMain EVALUATOR_CLASS KERNEL_THREADS");
        }
        BlockingQueue<String> requests = readStdin();
        TrialEvaluator evaluator = instantiate(args[0]);
        int threads = Integer.parseInt(args[1]);
        // Never cancelled from inside: the parent cancels a trial by killing this process.
        TrialContext ctx = TrialContext.uncancelled(threads, (epoch, metrics) -> {
            synchronized (wire) {
                wire.println(EPOCH + TrialJson.toJson(new Epoch(epoch, metrics)));
                wire.flush();
            }
        });
        while (true) {
            TrialRequest request = TrialJson.fromJson(requests.take(), TrialRequest.class);
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
        }
    }

    private static TrialEvaluator instantiate(String className) {
        try {
            return (TrialEvaluator) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("trial worker: cannot create evaluator " + className + ": " + e, e);
        }
    }

    /**
     * Request lines from stdin, read on a daemon thread that halts the JVM at end of file: the parent
     * holds stdin open while it wants this child, so end of file means it is finished or gone (also
     * in the middle of a trial, e.g. when the parent was SIGKILLed).
     */
    private static BlockingQueue<String> readStdin() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    q.add(line);
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as end of file.
            }
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }, "jnas-trial-requests");
        t.setDaemon(true);
        t.start();
        return q;
    }
}
