package dev.jnas.engine;

import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.nn.train.TrainingDivergedException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluators that {@link ProcessWorkerPool} children create by name from the test classpath: each
 * picks a behaviour from the trial number, so one search exercises every outcome.
 */
public final class ChildEvaluators {
    private ChildEvaluators() {
    }

    /**
     * Behaviours that are safe in the test JVM too (so both backends can be compared): trial % 4 =
     * 0 analytic result with epoch progress, 1 throws {@link TrainingDivergedException}, 2 reports a
     * NaN objective, 3 throws {@link IllegalStateException}.
     */
    public static class Benign implements TrialEvaluator {
        @Override
        public TrialResult evaluate(TrialRequest r, TrialContext ctx) {
            switch (r.trial() % 4) {
                case 1 -> throw new TrainingDivergedException(0, 3, Double.NaN);
                case 2 -> {
                    return TrialResult.succeeded(Map.of("val_accuracy", Double.NaN, "val_loss", Double.POSITIVE_INFINITY),
                            List.of(), 1, r.parameters(), r.flops());
                }
                case 3 -> throw new IllegalStateException("bad weights for " + r.key());
                default -> {
                    TrialResult a = Fakes.analytic(r);
                    for (int e = 0; e < a.history().size(); e++) {
                        ctx.epochDone(e, a.history().get(e));
                    }
                    return a;
                }
            }
        }
    }

    /**
     * Behaviours only a child JVM survives, by trial % 8: 0 and 7 analytic, 1 allocates without
     * bound, 2 {@code System.exit(3)}, 3 sleeps far past any time limit, 4 writes a torn result line
     * and exits 0, 5 diverges, 6 prints to {@code System.out} (which the child sends to stderr) and
     * succeeds.
     */
    public static class Misbehaving implements TrialEvaluator {
        @Override
        public TrialResult evaluate(TrialRequest r, TrialContext ctx) {
            switch (r.trial() % 8) {
                case 1 -> {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }
                case 2 -> System.exit(3);
                case 3 -> Fakes.sleepPolling(600_000, ctx);
                case 4 -> {
                    try {
                        FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
                        raw.write("result {\"status\":\"SUCC\n".getBytes(StandardCharsets.UTF_8));
                        raw.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    Runtime.getRuntime().halt(0);
                }
                case 5 -> throw new TrainingDivergedException(1, 9, Double.POSITIVE_INFINITY);
                case 6 -> System.out.println("chatty evaluator output");
                default -> {
                }
            }
            return Fakes.analytic(r);
        }
    }

    /** Reports the child's process id as metric {@code pid}; trial 1 exits with status 3 instead. */
    public static class Pid implements TrialEvaluator {
        @Override
        public TrialResult evaluate(TrialRequest r, TrialContext ctx) {
            if (r.trial() == 1) {
                System.exit(3);
            }
            return TrialResult.succeeded(Map.of("val_accuracy", 0.5, "pid", (double) ProcessHandle.current().pid()), List.of(), 1,
                    r.parameters(), r.flops());
        }
    }
}
