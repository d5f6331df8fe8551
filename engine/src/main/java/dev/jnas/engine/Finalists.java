package dev.jnas.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Re-ranks the search's best trials before the final scoring: each finalist is scored by k-fold
 * cross-validation on train + validation ({@link TrialEvaluator#crossValidate}) at the search's own
 * fidelity, and the best mean wins. On small data sets one validation split flatters lucky trials
 * (digits: a trial at 98.9% of 269 validation images scored 96.4% cross-validated and 97.3% on the
 * test split, while the fourth-placed one scored 97.1% and 99.3%).
 *
 * <p>Call {@link #select} once per final scoring. Each finalist's score is written to
 * {@code finalists.json} as soon as it is known, so an interrupted final scoring resumes without
 * training those folds again. A finalist whose cross-validation fails keeps its reason and cannot win;
 * if the evaluator cannot cross-validate, the search's best is kept.
 */
public final class Finalists {
    /** One finalist: its trial, the search's score, and its fold-mean metrics or the reason it has none. */
    public record Finalist(int trial, String key, double searchScore, Map<String, Double> cvMetrics, String failure) {
    }

    /** The outcome: the finalists in search order and the trial that won. */
    public record Selection(List<Finalist> finalists, int selectedTrial, String method) {
    }

    private Finalists() {
    }

    /**
     * The {@code cv_*} metric that ranks finalists: {@code configured}, or the counterpart of the
     * search objective {@code metric} ({@code val_accuracy} → {@code cv_accuracy}); null when there is none.
     */
    static String cvMetric(String configured, String metric) {
        if (configured != null) {
            return configured;
        }
        return metric.startsWith("val_") ? "cv_" + metric.substring(4) : null;
    }

    /**
     * Cross-validates {@code top} (best first by the search's {@code metric}) with {@code folds} folds
     * and picks the best by {@code cv} ({@code cv_loss} lower is better, the others higher);
     * {@code requestOf} gives each trial's search request. Scores already in {@code cache} (same trial
     * and key) are reused.
     */
    static Selection select(List<TrialRecord> top, String metric, String cv, int folds, Path cache,
                            Function<TrialRecord, TrialRequest> requestOf, TrialEvaluator evaluator, TrialContext ctx) {
        boolean maximize = !cv.endsWith("loss");
        String method = folds + "-fold cross-validation of the top " + top.size() + " by " + cv;
        Map<Integer, Finalist> known = read(cache);
        List<Finalist> out = new ArrayList<>();
        for (TrialRecord t : top) {
            Finalist f = known.get(t.trial());
            if (f == null || !f.key().equals(t.key()) || f.cvMetrics().getOrDefault("folds", 0.0) != folds) {
                f = score(t, metric, folds, requestOf.apply(t), evaluator, ctx);
                if (f == null) {
                    return new Selection(List.of(), top.get(0).trial(), "search's best (the evaluator cannot cross-validate)");
                }
            }
            out.add(f);
            ExperimentDir.writeJson(cache, out);
        }
        Finalist best = null;
        for (Finalist f : out) {
            Double v = f.cvMetrics() == null ? null : f.cvMetrics().get(cv);
            if (v == null || v.isNaN()) {
                continue;
            }
            double b = best == null ? Double.NaN : best.cvMetrics().get(cv);
            if (best == null || (maximize ? v > b : v < b)) {
                best = f;
            }
        }
        return best == null ? new Selection(out, top.get(0).trial(), "search's best (no finalist could be cross-validated)")
                : new Selection(out, best.trial(), method);
    }

    private static Finalist score(TrialRecord t, String metric, int folds, TrialRequest req, TrialEvaluator evaluator,
                                  TrialContext ctx) {
        TrialResult r;
        try {
            r = evaluator.crossValidate(req, folds, ctx);
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (RuntimeException e) {
            return new Finalist(t.trial(), t.key(), t.metric(metric), null, "threw " + e);
        }
        if (r.status() != TrialStatus.SUCCEEDED) {
            return new Finalist(t.trial(), t.key(), t.metric(metric), null, r.reason());
        }
        return new Finalist(t.trial(), t.key(), t.metric(metric), new LinkedHashMap<>(r.metrics()), null);
    }

    private static Map<Integer, Finalist> read(Path cache) {
        Map<Integer, Finalist> m = new LinkedHashMap<>();
        if (!Files.isRegularFile(cache)) {
            return m;
        }
        try {
            for (Finalist f : ExperimentDir.JSON.readValue(cache.toFile(), new TypeReference<List<Finalist>>() { })) {
                // Failed folds are tried again: the failure may have been a cancellation.
                if (f.failure() == null) {
                    m.put(f.trial(), f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("final scoring: cannot read " + cache + ": " + e.getMessage(), e);
        }
        return m;
    }
}
