package dev.jnas.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed small cases, numerical stability, naming and formatting of the metrics. */
class MetricsTest {
    private static final double TOL = 1e-12;

    // Rows: label 0 predicted 0; label 1 predicted 1; label 1 predicted 2; label 2 predicted 0 (tie).
    private static final float[] LOGITS = {2, 1, 0, 0, 3, 1, 1, 0, 2, 0, 0, 0};
    private static final int[] LABELS = {0, 1, 1, 2};

    private static EvaluationResult handCase() {
        MetricsAccumulator acc = new MetricsAccumulator(3, 2, 3);
        acc.add(LOGITS, LABELS, 4);
        return acc.result();
    }

    @Test
    void handCase_lossAccuracyTopK_matchHandValues() {
        EvaluationResult r = handCase();
        double e = Math.E;
        double loss = (Math.log(e * e + e + 1) - 2 + Math.log(1 + e * e * e + e) - 3 + Math.log(e + 1 + e * e)
                + Math.log(3)) / 4;
        assertEquals(loss, r.loss(), TOL);
        assertEquals(0.5, r.accuracy(), TOL);
        assertEquals(0.5, r.get("top2_accuracy"), TOL);
        assertEquals(1.0, r.get("top3_accuracy"), TOL);
        assertEquals(0.5, r.get("top1_accuracy"), TOL);
        assertEquals(4, r.count());
    }

    @Test
    void handCase_confusionAndPerClass_matchHandValues() {
        EvaluationResult r = handCase();
        assertArrayEquals(new long[][] {{1, 0, 0}, {0, 1, 1}, {1, 0, 0}}, r.confusionMatrix());
        assertEquals(0.5, r.precision(0), TOL);
        assertEquals(1.0, r.recall(0), TOL);
        assertEquals(1.0, r.precision(1), TOL);
        assertEquals(0.5, r.recall(1), TOL);
        assertEquals(0.0, r.precision(2), TOL);
        assertEquals(0.0, r.f1(2), TOL);
        assertEquals(2.0 / 3, r.f1(0), TOL);
        assertEquals(2.0 / 3, r.f1(1), TOL);
        assertEquals(4.0 / 9, r.get("macro_f1"), TOL);
        assertEquals(0.5, r.get("macro_precision"), TOL);
        assertEquals(0.5, r.get("macro_recall"), TOL);
        assertEquals(2, r.support(1));
    }

    @Test
    void absentClass_allCorrect_isLeftOutOfMacroAverage() {
        // Class 3 is neither a label nor a prediction: zero_division=0 would make its F1 0, so it is skipped.
        float[] logits = {5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0};
        EvaluationResult r = Metrics.evaluate(logits, new int[] {0, 1, 2}, 3, 4);
        assertEquals(1.0, r.get("macro_f1"), TOL);
        assertEquals(0.0, r.f1(3), TOL);
        assertEquals(0.0, r.precision(3), TOL);
    }

    @Test
    void predictedButAbsentClass_countsWithZeroRecall() {
        // One sample of class 0 predicted as 1: class 0 has P = 0/0 -> 0, R = 0; class 1 has P = 0, R = 0/0 -> 0.
        EvaluationResult r = Metrics.evaluate(new float[] {0, 1, 0}, new int[] {0}, 1, 3);
        assertEquals(0.0, r.macroF1(), TOL);
        assertEquals(0.0, r.accuracy(), TOL);
    }

    @Test
    void loss_hugeLogits_staysFinite() {
        EvaluationResult right = Metrics.evaluate(new float[] {1000f, 0f}, new int[] {0}, 1, 2);
        assertEquals(0.0, right.loss(), 1e-12);
        EvaluationResult wrong = Metrics.evaluate(new float[] {0f, 1000f}, new int[] {0}, 1, 2);
        assertEquals(1000.0, wrong.loss(), 1e-9);
        assertEquals(1000.0, Metrics.crossEntropy(new float[] {-500f, 500f}, new int[] {0}, 1, 2), 1e-9);
    }

    @Test
    void loss_nanLogit_isNaN() {
        assertTrue(Double.isNaN(Metrics.evaluate(new float[] {Float.NaN, 0f}, new int[] {1}, 1, 2).loss()));
    }

    @Test
    void add_tensorAndReusedLongerBuffer_sameAsExactArray() {
        MetricsAccumulator a = new MetricsAccumulator(3);
        a.add(Tensor.of(LOGITS.clone(), 4, 3), LABELS);
        float[] longer = new float[30];
        System.arraycopy(LOGITS, 0, longer, 0, LOGITS.length);
        MetricsAccumulator b = new MetricsAccumulator(3);
        b.add(longer, new int[] {0, 1, 1, 2, 0, 0}, 4);
        assertEquals(a.result().loss(), b.result().loss(), 0.0);
        assertArrayEquals(a.result().confusionMatrix(), b.result().confusionMatrix());
    }

    @Test
    void add_badInput_throwsAndAddsNothing() {
        MetricsAccumulator acc = new MetricsAccumulator(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.add(LOGITS, new int[] {0, 1, 3, 2}, 4));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("row 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> acc.add(LOGITS, LABELS, 5));
        assertThrows(IllegalArgumentException.class, () -> acc.add(Tensor.of(LOGITS.clone(), 3, 4), new int[3]));
        assertEquals(0, acc.count());
        assertThrows(IllegalStateException.class, acc::result);
    }

    @Test
    void get_unknownName_throwsListingNames() {
        EvaluationResult r = handCase();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("top7_accuracy"));
        assertTrue(e.getMessage().contains("macro_f1") && e.getMessage().contains("top2_accuracy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.get("f1"));
        assertEquals(List.of("loss", "accuracy", "top1_accuracy", "top2_accuracy", "top3_accuracy", "macro_f1",
                "macro_precision", "macro_recall"), r.names());
        assertEquals(Metrics.evaluate(LOGITS, LABELS, 4, 3).get("top5_accuracy"), 1.0, TOL);
    }

    @Test
    void result_isImmutable_copiesDoNotLeak() {
        MetricsAccumulator acc = new MetricsAccumulator(3);
        acc.add(LOGITS, LABELS, 4);
        EvaluationResult r = acc.result();
        r.confusionMatrix()[0][0] = 99;
        acc.add(LOGITS, LABELS, 4);
        assertEquals(1, r.confusion(0, 0));
        assertEquals(4, r.count());
        acc.reset();
        assertEquals(0, acc.count());
    }

    @Test
    void format_tables_containCountsNamesAndScores() {
        EvaluationResult r = handCase();
        String cm = MetricsFormat.confusionMatrix(r, List.of("cat", "dog", "eel"));
        String[] lines = cm.split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].contains("cat") && lines[0].contains("eel"), cm);
        assertEquals(List.of("dog", "0", "1", "1"), List.of(lines[2].trim().split("\\s+")), cm);
        String table = MetricsFormat.perClassTable(r, null);
        assertTrue(table.contains("0.6667") && table.contains("macro") && table.contains("0.4444"), table);
        assertTrue(MetricsFormat.summary(r).startsWith("loss="), MetricsFormat.summary(r));
        assertThrows(IllegalArgumentException.class, () -> MetricsFormat.confusionMatrix(r, List.of("a")));
    }
}
