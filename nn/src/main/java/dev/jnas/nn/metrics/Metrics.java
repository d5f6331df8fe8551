package dev.jnas.nn.metrics;

/**
 * One-shot helpers over a whole logits array; for batches use {@link MetricsAccumulator}.
 */
public final class Metrics {
    private Metrics() {
    }

    /** All metrics (top-5 besides top-1) for {@code n} rows of row-major {@code [n, k]} logits. */
    public static EvaluationResult evaluate(float[] logits, int[] labels, int n, int k) {
        MetricsAccumulator acc = new MetricsAccumulator(k);
        acc.add(logits, labels, n);
        return acc.result();
    }

    /** Mean cross-entropy in double with the log-sum-exp shifted by each row's maximum. */
    public static double crossEntropy(float[] logits, int[] labels, int n, int k) {
        MetricsAccumulator acc = new MetricsAccumulator(k, new int[0]);
        acc.add(logits, labels, n);
        return acc.result().loss();
    }

    /** Index of the largest of {@code k} values at {@code offset}; ties go to the lowest index. */
    public static int argmax(float[] logits, int offset, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (logits[offset + j] > logits[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
