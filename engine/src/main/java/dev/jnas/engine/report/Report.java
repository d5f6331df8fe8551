package dev.jnas.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jnas.engine.TrialRecord;

import java.util.List;
import java.util.Locale;

/**
 * Text and JSON views of one experiment for {@code nas report}: {@link #table} prints the top-k
 * successful trials, {@link #json} the {@link Summary}. HTML is {@link HtmlReport}.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    /** A fixed-width table of the {@code topK} best trials: rank, trial, key, objective, params, FLOPs, time. */
    public static String table(ExperimentResults r, int topK) {
        StringBuilder sb = new StringBuilder();
        Summary s = Summary.of(r);
        sb.append(String.format(Locale.ROOT, "experiment %s  strategy %s  objective %s  trials %d  %s%n", r.dir(),
                s.strategy(), s.objective(), s.totalTrials(), s.counts()));
        sb.append(String.format(Locale.ROOT, "%4s %6s  %-32s %12s %10s %12s %9s%n", "rank", "trial", "key", r.metric(),
                "params", "flops", "seconds"));
        List<TrialRecord> ranked = r.ranked();
        for (int i = 0; i < Math.min(topK, ranked.size()); i++) {
            TrialRecord t = ranked.get(i);
            sb.append(String.format(Locale.ROOT, "%4d %6d  %-32s %12.4f %10d %12d %9.1f%n", i + 1, t.trial(), t.key(),
                    t.metric(r.metric()), t.parameters(), t.flops(), t.millis() / 1000.0));
        }
        if (ranked.isEmpty()) {
            sb.append("(no successful trial)\n");
        }
        appendSelection(sb, r);
        if (s.testMetrics() != null) {
            sb.append("test metrics of the best trial: ").append(s.testMetricsText()).append('\n');
        }
        return sb.toString();
    }

    /** The finalists' cross-validation from {@code final.json}, when the final scoring re-ranked them. */
    private static void appendSelection(StringBuilder sb, ExperimentResults r) {
        JsonNode sel = r.finalResult() == null ? null : r.finalResult().get("selection");
        if (sel == null || sel.isNull() || sel.path("finalists").isEmpty()) {
            return;
        }
        sb.append("final selection: trial ").append(sel.path("selectedTrial").asInt()).append(" by ")
                .append(sel.path("method").asText()).append('\n');
        for (JsonNode f : sel.path("finalists")) {
            JsonNode cv = f.path("cvMetrics");
            sb.append(String.format(Locale.ROOT, "  %s trial %4d  %s %.4f  ", f.path("trial").asInt() == sel.path("selectedTrial").asInt()
                    ? "*" : " ", f.path("trial").asInt(), r.metric(), f.path("searchScore").asDouble()));
            sb.append(cv.isMissingNode() || cv.isNull() ? "failed: " + f.path("failure").asText()
                    : String.format(Locale.ROOT, "cv_accuracy %.4f  cv_loss %.4f", cv.path("cv_accuracy").asDouble(Double.NaN),
                    cv.path("cv_loss").asDouble(Double.NaN))).append('\n');
        }
    }

    /** The {@link Summary} as pretty JSON. */
    public static String json(ExperimentResults r) {
        try {
            return JSON.writeValueAsString(Summary.of(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report: cannot write summary JSON", e);
        }
    }
}
