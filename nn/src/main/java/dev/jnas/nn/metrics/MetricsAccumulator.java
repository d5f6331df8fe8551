package dev.jnas.nn.metrics;

import dev.jnas.tensor.Tensor;
import java.util.Arrays;

/**
 * Streams classification metrics over batches of logits without keeping the logits.
 *
 * <p>Call order: construct once per evaluation (or {@link #reset()}), {@link #add} each batch,
 * then {@link #result()} for an immutable {@link EvaluationResult}. Per sample it accumulates the
 * cross-entropy in double (log-sum-exp shifted by the row maximum), the arg-max prediction (ties
 * go to the lowest class index) into a K×K confusion matrix, and top-k hits. A label counts as in
 * the top k when fewer than k classes beat it, where class j beats the label y if its logit is
 * larger, or equal with {@code j < y}, so top-1 agrees with the arg-max accuracy. {@code add} does
 * not allocate. Not thread-safe; use {@link #merge} to combine per-thread accumulators.
 */
public final class MetricsAccumulator {
    private final int numClasses;
    private final int[] topKs;
    private final long[] topKHits;
    private final long[][] confusion;
    private double lossSum;
    private long count;

    /** An accumulator for {@code numClasses} classes reporting top-5 accuracy besides top-1. */
    public MetricsAccumulator(int numClasses) {
        this(numClasses, 5);
    }

    /** An accumulator reporting {@code topK_accuracy} for each given k (each {@code >= 1}). */
    public MetricsAccumulator(int numClasses, int... topKs) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("metrics: numClasses must be >= 1, got " + numClasses);
        }
        int[] ks = Arrays.stream(topKs).distinct().sorted().toArray();
        if (ks.length > 0 && ks[0] < 1) {
            throw new IllegalArgumentException("metrics: top-k values must be >= 1, got " + Arrays.toString(topKs));
        }
        this.numClasses = numClasses;
        this.topKs = ks;
        this.topKHits = new long[ks.length];
        this.confusion = new long[numClasses][numClasses];
    }

    /**
     * Adds the first {@code n} rows of a row-major {@code [n, K]} logits array (it may be longer,
     * e.g. a reused buffer) with their labels. Throws {@link IllegalArgumentException} for short
     * arrays or labels outside {@code [0, K)}; nothing is added in that case.
     */
    public void add(float[] logits, int[] labels, int n) {
        int k = numClasses;
        if (n < 0 || (long) n * k > logits.length || n > labels.length) {
            throw new IllegalArgumentException("metrics.add: need " + n + " rows of " + k + " logits and " + n
                    + " labels, got " + logits.length + " logits and " + labels.length + " labels");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("metrics.add: label " + labels[i] + " at row " + i
                        + " is outside [0, " + k + ")");
            }
        }
        for (int i = 0; i < n; i++) {
            int off = i * k;
            int y = labels[i];
            float ly = logits[off + y];
            int pred = 0;
            float best = logits[off];
            int beaten = 0;
            for (int j = 0; j < k; j++) {
                float v = logits[off + j];
                if (v > best) {
                    best = v;
                    pred = j;
                }
                if (v > ly || (v == ly && j < y)) {
                    beaten++;
                }
            }
            double max = best;
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[off + j] - max);
            }
            lossSum += max + Math.log(sum) - ly;
            confusion[y][pred]++;
            for (int t = 0; t < topKs.length; t++) {
                if (beaten < topKs[t]) {
                    topKHits[t]++;
                }
            }
        }
        count += n;
    }

    /** {@link #add(float[], int[], int)} for a {@code [N, K]} tensor and N labels. */
    public void add(Tensor logits, int[] labels) {
        if (logits.rank() != 2 || logits.dim(1) != numClasses || labels.length != logits.dim(0)) {
            throw new IllegalArgumentException("metrics.add: logits " + logits.shapeString() + " and "
                    + labels.length + " labels do not match [N, " + numClasses + "] and N labels");
        }
        add(logits.data(), labels, logits.dim(0));
    }

    /** Adds everything {@code other} has seen; it must have the same classes and top-k values. */
    public void merge(MetricsAccumulator other) {
        if (other.numClasses != numClasses || !Arrays.equals(other.topKs, topKs)) {
            throw new IllegalArgumentException("metrics.merge: " + other.numClasses + " classes, top-k "
                    + Arrays.toString(other.topKs) + " into " + numClasses + " classes, top-k " + Arrays.toString(topKs));
        }
        lossSum += other.lossSum;
        count += other.count;
        for (int t = 0; t < topKs.length; t++) {
            topKHits[t] += other.topKHits[t];
        }
        for (int i = 0; i < numClasses; i++) {
            for (int j = 0; j < numClasses; j++) {
                confusion[i][j] += other.confusion[i][j];
            }
        }
    }

    /** Forgets all samples. */
    public void reset() {
        lossSum = 0;
        count = 0;
        Arrays.fill(topKHits, 0);
        for (long[] row : confusion) {
            Arrays.fill(row, 0);
        }
    }

    /** Samples added so far. */
    public long count() {
        return count;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The metrics so far; throws {@link IllegalStateException} if nothing was added. */
    public EvaluationResult result() {
        if (count == 0) {
            throw new IllegalStateException("metrics.result: no samples were added");
        }
        return new EvaluationResult(count, lossSum / count, topKs, topKHits, confusion);
    }
}
