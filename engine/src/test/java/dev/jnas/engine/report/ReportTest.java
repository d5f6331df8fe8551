package dev.jnas.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.engine.Experiment;
import dev.jnas.engine.ExperimentOutcome;
import dev.jnas.engine.ProgressListener;
import dev.jnas.engine.config.ConfigLoader;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.nn.spec.ArchitectureJson;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.DenseSpec;
import dev.jnas.nn.spec.FlattenSpec;
import dev.jnas.nn.spec.ParallelSpec;
import dev.jnas.nn.spec.SequentialSpec;
import dev.jnas.search.SearchSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {
    static ExperimentOutcome run(Path dir, String strategy) {
        ExperimentConfig c = ConfigLoader.withOverrides(ExperimentConfig.defaults(), Map.of("search.strategy", strategy,
                "budget.maxTrials", "10", "execution.workers", "1", "execution.outputDir", dir.toString(),
                "constraints.maxParameters", "40000"));
        return Experiment.create(c, SearchSpaces.imageClassification(1, 8, 8, 10), (r, ctx) -> {
            double acc = 0.5 + (r.key().hashCode() & 0xff) / 600.0;
            return TrialResult.succeeded(Map.of("val_accuracy", acc), List.of(Map.of("val_accuracy", acc)), 2,
                    r.parameters(), r.flops());
        }, dir).run(ProgressListener.NONE);
    }

    @Test
    void html_twoExperiments_selfContainedWithSvgBestKeyAndTable(@TempDir Path tmp) {
        ExperimentOutcome a = run(tmp.resolve("evo"), "evolution");
        run(tmp.resolve("rnd"), "random");
        String html = HtmlReport.render(List.of(ExperimentResults.load(tmp.resolve("evo")), ExperimentResults.load(tmp.resolve("rnd"))));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains(a.best().key()));
        assertTrue(html.contains("class=\"pareto\""));
        assertTrue(html.contains("class=\"arch\""));
        assertTrue(html.contains("evolution (evo)") && html.contains("random (rnd)"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no network resources");
        assertFalse(html.contains("<script"));
        assertEquals(20 + 2, html.split("<tr").length - 1, "two tables of 10 trials plus headers");
    }

    @Test
    void json_summary_bestKeyCountsAndElapsed(@TempDir Path tmp) throws Exception {
        ExperimentOutcome a = run(tmp.resolve("evo"), "evolution");
        JsonNode s = new ObjectMapper().readTree(Report.json(ExperimentResults.load(tmp.resolve("evo"))));
        assertEquals(a.best().key(), s.get("bestKey").asText());
        assertEquals(a.best().metric("val_accuracy"), s.get("bestValidationMetrics").get("val_accuracy").asDouble());
        long total = 0;
        for (JsonNode n : s.get("counts")) {
            total += n.asLong();
        }
        assertEquals(10, total);
        assertEquals(10, s.get("totalTrials").asInt());
        assertTrue(s.get("elapsedMillis").asLong() >= 0);
        assertTrue(s.get("testMetrics").isNull());
        String table = Report.table(ExperimentResults.load(tmp.resolve("evo")), 3);
        assertTrue(table.contains(a.best().key()));
        assertEquals(3 + 2, table.lines().count());
    }

    @Test
    void pareto_front_keepsOnlyNonDominated() {
        var t = List.of(tr(0, 100, 0.5), tr(1, 200, 0.7), tr(2, 300, 0.6), tr(3, 50, 0.4), tr(4, 400, 0.9));
        List<Svg.Point> f = HtmlReport.pareto(t, "val_accuracy", true);
        assertEquals(List.of(50.0, 100.0, 200.0, 400.0), f.stream().map(p -> Math.pow(10, p.x())).map(Math::rint).toList());
    }

    @Test
    void diagram_parallelSpec_branchesSideBySide() {
        var spec = new ArchitectureSpec(1, 8, 8, SequentialSpec.of(new ParallelSpec(List.of(
                SequentialSpec.of(Conv2dSpec.same(4, 3)), SequentialSpec.of(Conv2dSpec.same(4, 5))), ParallelSpec.Merge.CONCAT),
                new FlattenSpec(), new DenseSpec(10)));
        String svg = ArchitectureDiagram.svg(ArchitectureJson.fromJson(ArchitectureJson.toJson(spec)));
        assertTrue(svg.contains("conv 3x3 4") && svg.contains("conv 5x5 4") && svg.contains("merge concat")
                && svg.contains("dense 10"), svg);
        // The two branch boxes share a row (same y) at different x.
        var m = java.util.regex.Pattern.compile("<rect x=\"(\\d+)\" y=\"(\\d+)\"[^>]*rx=\"4\"[^>]*/><text[^>]*>conv").matcher(svg);
        List<int[]> boxes = new java.util.ArrayList<>();
        while (m.find()) {
            boxes.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        }
        assertEquals(2, boxes.size(), svg);
        assertEquals(boxes.get(0)[1], boxes.get(1)[1]);
        assertTrue(boxes.get(0)[0] != boxes.get(1)[0]);
    }

    static dev.jnas.engine.TrialRecord tr(int i, long params, double acc) {
        return new dev.jnas.engine.TrialRecord(i, i, "k" + i, Map.of(), null, params, 0, 0,
                dev.jnas.engine.trial.TrialStatus.SUCCEEDED, Map.of("val_accuracy", acc), List.of(), 0, null, 0);
    }
}
