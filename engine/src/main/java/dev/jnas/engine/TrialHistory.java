package dev.jnas.engine;

import dev.jnas.engine.journal.JournalRecord;
import dev.jnas.engine.trial.TrialStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trials of a journal folded into one {@link TrialRecord} each: finished trials in finishing
 * order, and those still in flight (a pending line without a finished one: they were running when
 * the process died). Used by resume and by the reports.
 */
public final class TrialHistory {
    private final List<TrialRecord> finished = new ArrayList<>();
    private final List<JournalRecord> inFlight = new ArrayList<>();

    private TrialHistory() {
    }

    /** Folds {@code records} (journal order). */
    public static TrialHistory of(List<JournalRecord> records) {
        TrialHistory h = new TrialHistory();
        Map<Integer, JournalRecord> pending = new LinkedHashMap<>();
        for (JournalRecord r : records) {
            switch (r.event()) {
                case JournalRecord.PENDING -> pending.put(r.trial(), r);
                case JournalRecord.FINISHED -> h.finished.add(merge(pending.remove(r.trial()), r));
                default -> { }
            }
        }
        h.inFlight.addAll(pending.values());
        return h;
    }

    private static TrialRecord merge(JournalRecord p, JournalRecord f) {
        // A duplicate's or pruned trial's pending line (tell order trial) lacks what its finished line carries.
        JournalRecord src = p != null ? p : f;
        return new TrialRecord(f.trial(), f.candidateId(), f.key(), src.genome() != null ? src.genome() : f.genome(),
                src.architecture() != null ? src.architecture() : f.architecture(),
                orZero(f.parameters() != null ? f.parameters() : src.parameters()),
                orZero(f.flops() != null ? f.flops() : src.flops()), orZero(src.seed() != null ? src.seed() : f.seed()), f.status(),
                f.metrics() == null ? Map.of() : f.metrics(), f.history() == null ? List.of() : f.history(),
                orZero(f.millis()), f.reason(), f.elapsedMillis());
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    /** Finished trials in the order they finished. */
    public List<TrialRecord> finished() {
        return List.copyOf(finished);
    }

    /** Pending lines with no finished line (to be run again on resume). */
    public List<JournalRecord> inFlight() {
        return List.copyOf(inFlight);
    }

    /** Number of finished trials with {@code status}. */
    public long count(TrialStatus status) {
        return finished.stream().filter(t -> t.status() == status).count();
    }

    /**
     * The best SUCCEEDED trial by {@code metric} (higher is better when {@code maximize}); see
     * {@link #best(List, String, boolean)} for ties.
     */
    public Optional<TrialRecord> best(String metric, boolean maximize) {
        return best(finished, metric, maximize);
    }

    /**
     * The best SUCCEEDED trial of {@code trials} by {@code metric}. Ties go to the lower
     * {@code val_loss} (when both trials report it and it is not the metric itself): on small
     * validation sets many candidates share the top accuracy, and the loss separates them by how
     * confidently they are right; remaining ties go to the earlier trial.
     */
    public static Optional<TrialRecord> best(List<TrialRecord> trials, String metric, boolean maximize) {
        return ranked(trials, metric, maximize).stream().findFirst();
    }

    /**
     * The SUCCEEDED trials of {@code trials} that report {@code metric}, best first, in the order of
     * {@link #best(List, String, boolean)} (metric, then lower {@code val_loss}, then earlier trial).
     */
    public static List<TrialRecord> ranked(List<TrialRecord> trials, String metric, boolean maximize) {
        Comparator<TrialRecord> byScore = Comparator.comparingDouble(t -> maximize ? -t.metric(metric) : t.metric(metric));
        if (!VAL_LOSS.equals(metric)) {
            byScore = byScore.thenComparingDouble(t -> {
                double loss = t.metric(VAL_LOSS);
                return Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
            });
        }
        return trials.stream().filter(t -> t.status() == TrialStatus.SUCCEEDED && !Double.isNaN(t.metric(metric)))
                .sorted(byScore.thenComparingInt(TrialRecord::trial)).toList();
    }

    /** The first {@code k} of {@link #ranked} with distinct keys (duplicates of a key count once). */
    public static List<TrialRecord> top(List<TrialRecord> trials, String metric, boolean maximize, int k) {
        List<TrialRecord> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (TrialRecord t : ranked(trials, metric, maximize)) {
            if (out.size() < k && keys.add(t.key())) {
                out.add(t);
            }
        }
        return out;
    }

    private static final String VAL_LOSS = "val_loss";
}
