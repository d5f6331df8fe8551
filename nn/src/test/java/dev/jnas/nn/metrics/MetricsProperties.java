package dev.jnas.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random cases compared with a direct, independent computation of each metric. */
class MetricsProperties {
    private record Case(int n, int k, float[] logits, int[] labels) {
    }

    /** Random logits on a coarse grid so that ties occur; sometimes the label is forced to win. */
    private static Case randomCase(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = 1 + rng.nextInt(12);
        int n = 1 + rng.nextInt(150);
        boolean perfect = rng.nextInt(4) == 0;
        float[] logits = new float[n * k];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(k);
            for (int j = 0; j < k; j++) {
                logits[i * k + j] = rng.nextInt(9) * 0.75f - 3f;
            }
            if (perfect) {
                logits[i * k + labels[i]] = 10f;
            }
        }
        return new Case(n, k, logits, labels);
    }

    private static int firstMax(float[] row) {
        int best = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }

    private static float[] row(Case c, int i) {
        float[] r = new float[c.k];
        System.arraycopy(c.logits, i * c.k, r, 0, c.k);
        return r;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void randomCase_allMetrics_matchDirectComputation(long seed) {
        Case c = randomCase(seed);
        MetricsAccumulator acc = new MetricsAccumulator(c.k, 2, 3, 5);
        acc.add(c.logits, c.labels, c.n);
        EvaluationResult r = acc.result();
        double loss = 0;
        long[][] cm = new long[c.k][c.k];
        int[] hits = new int[6];
        for (int i = 0; i < c.n; i++) {
            float[] row = row(c, i);
            double z = 0;
            for (float v : row) {
                z += Math.exp(v);
            }
            loss += -Math.log(Math.exp(row[c.labels[i]]) / z);
            cm[c.labels[i]][firstMax(row)]++;
            // Rank by descending logit, lower index first among equals.
            List<Integer> order = new ArrayList<>();
            for (int j = 0; j < c.k; j++) {
                order.add(j);
            }
            order.sort(Comparator.<Integer>comparingDouble(j -> -row[j]).thenComparingInt(j -> j));
            int rank = order.indexOf(c.labels[i]);
            for (int kk = 1; kk <= 5; kk++) {
                if (rank < kk) {
                    hits[kk]++;
                }
            }
        }
        assertEquals(loss / c.n, r.loss(), 1e-9);
        assertArrayEquals(cm, r.confusionMatrix());
        long trace = 0;
        for (int i = 0; i < c.k; i++) {
            trace += cm[i][i];
        }
        assertEquals((double) trace / c.n, r.get("accuracy"), 1e-12);
        assertEquals((double) hits[2] / c.n, r.get("top2_accuracy"), 1e-12);
        assertEquals((double) hits[3] / c.n, r.get("top3_accuracy"), 1e-12);
        assertEquals((double) hits[5] / c.n, r.get("top5_accuracy"), 1e-12);
        double f1Sum = 0;
        int present = 0;
        for (int cls = 0; cls < c.k; cls++) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < c.n; i++) {
                int pred = firstMax(row(c, i));
                boolean isLabel = c.labels[i] == cls;
                boolean isPred = pred == cls;
                tp += isLabel && isPred ? 1 : 0;
                fp += !isLabel && isPred ? 1 : 0;
                fn += isLabel && !isPred ? 1 : 0;
            }
            // F1 = 2TP / (2TP + FP + FN), 0 when the class never occurs as label or prediction.
            double f1 = 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
            assertEquals(f1, r.f1(cls), 1e-12, "class " + cls);
            if (tp + fp + fn > 0) {
                present++;
                f1Sum += f1;
            }
        }
        assertEquals(f1Sum / present, r.get("macro_f1"), 1e-12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void macroF1_isOneExactlyWhenAllCorrect(long seed) {
        Case c = randomCase(seed);
        EvaluationResult r = Metrics.evaluate(c.logits, c.labels, c.n, c.k);
        boolean allCorrect = r.correct() == c.n;
        assertEquals(allCorrect, r.macroF1() == 1.0, "correct " + r.correct() + " of " + c.n + ", macro-F1 " + r.macroF1());
        assertEquals(allCorrect, r.accuracy() == 1.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void streamingInRandomBatches_equalsOneShot(long seed) {
        Case c = randomCase(seed);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        MetricsAccumulator streamed = new MetricsAccumulator(c.k);
        MetricsAccumulator merged = new MetricsAccumulator(c.k);
        int start = 0;
        while (start < c.n) {
            int b = Math.min(c.n - start, 1 + rng.nextInt(40));
            float[] logits = new float[b * c.k];
            int[] labels = new int[b];
            System.arraycopy(c.logits, start * c.k, logits, 0, b * c.k);
            System.arraycopy(c.labels, start, labels, 0, b);
            streamed.add(logits, labels, b);
            MetricsAccumulator part = new MetricsAccumulator(c.k);
            part.add(logits, labels, b);
            merged.merge(part);
            start += b;
        }
        EvaluationResult once = Metrics.evaluate(c.logits, c.labels, c.n, c.k);
        for (EvaluationResult r : List.of(streamed.result(), merged.result())) {
            assertArrayEquals(once.confusionMatrix(), r.confusionMatrix());
            assertEquals(once.loss(), r.loss(), 1e-12);
            for (String name : once.names()) {
                assertEquals(once.get(name), r.get(name), 1e-12, name);
            }
        }
    }
}
