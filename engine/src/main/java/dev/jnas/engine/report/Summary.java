package dev.jnas.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jnas.engine.TrialRecord;
import dev.jnas.engine.trial.TrialStatus;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable summary ({@code nas report --json}, also {@code summary.json}): objective,
 * best trial with its key, validation metrics and test metrics (from {@code final.json}, null before
 * the final scoring), trial counts by status, total and elapsed time.
 */
public record Summary(String directory, String strategy, String objective, Integer bestTrial, String bestKey,
                      Map<String, Double> bestValidationMetrics, Map<String, Double> testMetrics, long parameters,
                      Map<String, Long> counts, int totalTrials, long elapsedMillis) {

    /** {@code testMetrics} for people: {@code test_accuracy 0.9885, test_macro_f1 0.9884, ...}; empty when absent. */
    public String testMetricsText() {
        if (testMetrics == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        testMetrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }

    public static Summary of(Path dir) {
        return of(ExperimentResults.load(dir));
    }

    public static Summary of(ExperimentResults r) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TrialStatus s : TrialStatus.values()) {
            if (s.terminal()) {
                counts.put(s.name(), r.history().count(s));
            }
        }
        List<TrialRecord> all = r.history().finished();
        long elapsed = all.stream().mapToLong(TrialRecord::finishedAtMillis).max().orElse(0);
        TrialRecord best = r.best().orElse(null);
        Map<String, Double> test = null;
        if (r.finalResult() != null && best != null && best.key().equals(r.finalResult().path("key").asText())) {
            test = new LinkedHashMap<>();
            JsonNode m = r.finalResult().path("result").path("metrics");
            for (var it = m.fields(); it.hasNext(); ) {
                var e = it.next();
                test.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return new Summary(r.dir().toString(), r.config().search().strategy(), r.config().objective().asText(),
                best == null ? null : best.trial(), best == null ? null : best.key(),
                best == null ? null : best.metrics(), test, best == null ? 0 : best.parameters(), counts, all.size(), elapsed);
    }
}
