package dev.jnas.engine.report;

import dev.jnas.engine.ExperimentDir;
import dev.jnas.engine.TrialRecord;
import dev.jnas.nn.spec.ArchitectureJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML report of one or more experiment directories (inline CSS and SVG, no
 * scripts, no network): best-so-far curves over trials and over time (one line per experiment),
 * objective against parameter count with the Pareto front marked, a diagram of the overall best
 * architecture, and the full trial table of every experiment. Use {@link #render} or {@link #write}.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** Renders and atomically writes the report to {@code out}. */
    public static void write(List<ExperimentResults> experiments, Path out) {
        ExperimentDir.writeAtomically(out, render(experiments));
    }

    /** The report as one HTML document. */
    public static String render(List<ExperimentResults> experiments) {
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("html report: need at least one experiment directory");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>jnas report</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:12px}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td.l,th.l{text-align:left}")
                .append(".t{font-weight:bold}.k{font-size:10px;font-family:monospace}.chart{margin:8px;border:1px solid #eee}")
                .append("tr.best{background:#efe}.SUCCEEDED{color:#070}.FAILED{color:#a00}.PRUNED,.DUPLICATE,.CANCELLED{color:#777}")
                .append("</style></head><body><h1>jnas search report</h1>");
        ExperimentResults first = experiments.get(0);
        String metric = first.metric();
        for (ExperimentResults r : experiments) {
            Summary s = Summary.of(r);
            sb.append("<p><b>").append(Svg.esc(r.label())).append("</b>: objective ").append(Svg.esc(s.objective()))
                    .append(", ").append(s.totalTrials()).append(" trials ").append(Svg.esc(s.counts().toString()))
                    .append(", best key <code>").append(Svg.esc(s.bestKey())).append("</code>");
            r.best().ifPresent(b -> sb.append(" (").append(fmt(b.metric(r.metric()))).append(")"));
            if (s.testMetrics() != null) {
                sb.append(", test: ").append(Svg.esc(s.testMetricsText()));
            }
            var sel = r.finalResult() == null ? null : r.finalResult().get("selection");
            if (sel != null && !sel.isNull() && !sel.path("finalists").isEmpty()) {
                sb.append("; selected by ").append(Svg.esc(sel.path("method").asText()));
            }
            sb.append("</p>");
        }
        sb.append("<h2>Best so far</h2>");
        List<Svg.Series> byTrial = new ArrayList<>();
        List<Svg.Series> byTime = new ArrayList<>();
        for (ExperimentResults r : experiments) {
            List<Svg.Point> pt = new ArrayList<>();
            List<Svg.Point> ps = new ArrayList<>();
            double best = Double.NaN;
            int i = 0;
            for (TrialRecord t : r.history().finished()) {
                i++;
                double v = t.status().name().equals("SUCCEEDED") ? t.metric(r.metric()) : Double.NaN;
                if (!Double.isNaN(v) && (Double.isNaN(best) || (r.maximize() ? v > best : v < best))) {
                    best = v;
                }
                if (!Double.isNaN(best)) {
                    pt.add(new Svg.Point(i, best));
                    ps.add(new Svg.Point(t.finishedAtMillis() / 1000.0, best));
                }
            }
            byTrial.add(new Svg.Series(r.label(), pt));
            byTime.add(new Svg.Series(r.label(), ps));
        }
        sb.append(Svg.lines("best " + metric + " over trials", "trials finished", metric, byTrial));
        sb.append(Svg.lines("best " + metric + " over time", "seconds", metric, byTime));
        sb.append("<h2>").append(Svg.esc(metric)).append(" against parameter count</h2>");
        List<Svg.Point> all = new ArrayList<>();
        List<TrialRecord> ok = new ArrayList<>();
        for (ExperimentResults r : experiments) {
            ok.addAll(r.ranked());
        }
        for (TrialRecord t : ok) {
            all.add(new Svg.Point(Math.log10(Math.max(1, t.parameters())), t.metric(metric)));
        }
        sb.append(Svg.scatter(metric + " vs log10(parameters)", "log10(parameters)", metric, all,
                pareto(ok, metric, first.maximize())));
        ExperimentResults bestExp = null;
        TrialRecord bestTrial = null;
        for (ExperimentResults r : experiments) {
            TrialRecord b = r.best().orElse(null);
            if (b != null && (bestTrial == null || (first.maximize() ? b.metric(metric) > bestTrial.metric(metric)
                    : b.metric(metric) < bestTrial.metric(metric)))) {
                bestTrial = b;
                bestExp = r;
            }
        }
        if (bestTrial != null && bestTrial.architecture() != null) {
            sb.append("<h2>Best architecture: trial ").append(bestTrial.trial()).append(" of ")
                    .append(Svg.esc(bestExp.label())).append(", key <code>").append(Svg.esc(bestTrial.key())).append("</code></h2>");
            sb.append(ArchitectureDiagram.svg(ArchitectureJson.fromJson(bestTrial.architecture())));
        }
        for (ExperimentResults r : experiments) {
            sb.append("<h2>Trials of ").append(Svg.esc(r.label())).append("</h2>");
            table(sb, r);
        }
        return sb.append("</body></html>\n").toString();
    }

    /** Successful trials not dominated by another with fewer-or-equal parameters and a better-or-equal objective. */
    static List<Svg.Point> pareto(List<TrialRecord> trials, String metric, boolean maximize) {
        List<TrialRecord> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingLong(TrialRecord::parameters)
                .thenComparingDouble(t -> maximize ? -t.metric(metric) : t.metric(metric)));
        List<Svg.Point> front = new ArrayList<>();
        double best = Double.NaN;
        for (TrialRecord t : sorted) {
            double v = t.metric(metric);
            if (Double.isNaN(best) || (maximize ? v > best : v < best)) {
                best = v;
                front.add(new Svg.Point(Math.log10(Math.max(1, t.parameters())), v));
            }
        }
        return front;
    }

    private static void table(StringBuilder sb, ExperimentResults r) {
        String bestKey = r.best().map(TrialRecord::key).orElse("");
        sb.append("<table><tr><th>trial</th><th class=\"l\">status</th><th class=\"l\">key</th><th>")
                .append(Svg.esc(r.metric())).append("</th><th>params</th><th>flops</th><th>seconds</th><th>epochs</th><th class=\"l\">reason</th></tr>");
        for (TrialRecord t : r.history().finished()) {
            sb.append(t.key().equals(bestKey) && t.status().name().equals("SUCCEEDED") ? "<tr class=\"best\">" : "<tr>")
                    .append("<td>").append(t.trial()).append("</td><td class=\"l ").append(t.status()).append("\">").append(t.status())
                    .append("</td><td class=\"l\"><code>").append(Svg.esc(t.key())).append("</code></td><td>")
                    .append(fmt(t.metric(r.metric()))).append("</td><td>").append(t.parameters()).append("</td><td>")
                    .append(t.flops()).append("</td><td>").append(String.format(Locale.ROOT, "%.1f", t.millis() / 1000.0))
                    .append("</td><td>").append(t.history().size()).append("</td><td class=\"l\">")
                    .append(Svg.esc(t.reason())).append("</td></tr>");
        }
        sb.append("</table>");
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
