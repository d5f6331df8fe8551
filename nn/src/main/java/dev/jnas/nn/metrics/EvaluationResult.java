package dev.jnas.nn.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Immutable classification metrics over N samples and K classes, produced by
 * {@link MetricsAccumulator#result()} or {@link Metrics#evaluate}.
 *
 * <p>Confusion matrix rows are true classes, columns predicted classes. Per class c:
 * precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R), each 0 when its denominator is 0
 * (scikit-learn's {@code zero_division=0}). Macro averages are taken over the classes that occur
 * as a label or as a prediction (scikit-learn's default label set), so macro-F1 is 1 exactly when
 * every sample is classified correctly. Metric names for {@link #get}: {@code loss},
 * {@code accuracy}, {@code topK_accuracy} for each configured k (e.g. {@code top5_accuracy};
 * {@code top1_accuracy} always), {@code macro_f1}, {@code macro_precision}, {@code macro_recall}.
 */
public final class EvaluationResult {
    private final long count;
    private final double loss;
    private final int[] topKs;
    private final long[] topKHits;
    private final long[][] confusion;
    private final double[] precision;
    private final double[] recall;
    private final double[] f1;
    private final long[] support;
    private final double macroPrecision;
    private final double macroRecall;
    private final double macroF1;
    private final long correct;

    EvaluationResult(long count, double loss, int[] topKs, long[] topKHits, long[][] confusion) {
        int k = confusion.length;
        this.count = count;
        this.loss = loss;
        this.topKs = topKs.clone();
        this.topKHits = topKHits.clone();
        this.confusion = new long[k][];
        for (int i = 0; i < k; i++) {
            this.confusion[i] = confusion[i].clone();
        }
        precision = new double[k];
        recall = new double[k];
        f1 = new double[k];
        support = new long[k];
        long diag = 0;
        double sp = 0;
        double sr = 0;
        double sf = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long tp = confusion[c][c];
            long predicted = 0;
            long actual = 0;
            for (int j = 0; j < k; j++) {
                predicted += confusion[j][c];
                actual += confusion[c][j];
            }
            diag += tp;
            support[c] = actual;
            precision[c] = predicted == 0 ? 0 : (double) tp / predicted;
            recall[c] = actual == 0 ? 0 : (double) tp / actual;
            double pr = precision[c] + recall[c];
            f1[c] = pr == 0 ? 0 : 2 * precision[c] * recall[c] / pr;
            if (predicted + actual > 0) {
                present++;
                sp += precision[c];
                sr += recall[c];
                sf += f1[c];
            }
        }
        correct = diag;
        macroPrecision = sp / present;
        macroRecall = sr / present;
        macroF1 = sf / present;
    }

    /** Number of samples. */
    public long count() {
        return count;
    }

    /** Number of classes K. */
    public int numClasses() {
        return confusion.length;
    }

    /** Mean cross-entropy of softmax(logits) against the labels (NaN if any logit was non-finite). */
    public double loss() {
        return loss;
    }

    /** Fraction of samples whose arg-max equals the label: trace(confusion) / N. */
    public double accuracy() {
        return (double) correct / count;
    }

    /** Number of correctly classified samples. */
    public long correct() {
        return correct;
    }

    /** Top-k accuracy for a configured k (or k = 1); throws for other k. */
    public double topKAccuracy(int k) {
        if (k == 1) {
            return accuracy();
        }
        int i = Arrays.binarySearch(topKs, k);
        if (i < 0) {
            throw new IllegalArgumentException("metrics: top-" + k + " accuracy was not computed; available k: "
                    + Arrays.toString(topKs));
        }
        return (double) topKHits[i] / count;
    }

    /** Confusion-matrix entry: samples of class {@code actual} predicted as {@code predicted}. */
    public long confusion(int actual, int predicted) {
        return confusion[actual][predicted];
    }

    /** A copy of the K×K confusion matrix (rows true, columns predicted). */
    public long[][] confusionMatrix() {
        long[][] out = new long[confusion.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = confusion[i].clone();
        }
        return out;
    }

    public double precision(int c) {
        return precision[c];
    }

    public double recall(int c) {
        return recall[c];
    }

    public double f1(int c) {
        return f1[c];
    }

    /** Number of samples whose label is {@code c}. */
    public long support(int c) {
        return support[c];
    }

    public double macroPrecision() {
        return macroPrecision;
    }

    public double macroRecall() {
        return macroRecall;
    }

    public double macroF1() {
        return macroF1;
    }

    /** The names {@link #get} accepts, in a stable order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of("loss", "accuracy", "top1_accuracy"));
        for (int k : topKs) {
            if (k != 1) {
                names.add("top" + k + "_accuracy");
            }
        }
        names.addAll(List.of("macro_f1", "macro_precision", "macro_recall"));
        return Collections.unmodifiableList(names);
    }

    /** A metric by name (see the class comment); throws {@link IllegalArgumentException} listing the names. */
    public double get(String name) {
        switch (name) {
            case "loss":
                return loss;
            case "accuracy":
                return accuracy();
            case "macro_f1":
                return macroF1;
            case "macro_precision":
                return macroPrecision;
            case "macro_recall":
                return macroRecall;
            default:
                break;
        }
        if (name.startsWith("top") && name.endsWith("_accuracy")) {
            String digits = name.substring(3, name.length() - "_accuracy".length());
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() < 9) {
                int k = Integer.parseInt(digits);
                if (k == 1 || Arrays.binarySearch(topKs, k) >= 0) {
                    return topKAccuracy(k);
                }
            }
        }
        throw new IllegalArgumentException("metrics: unknown metric '" + name + "'; available: " + names());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EvaluationResult[n=").append(count);
        for (String n : names()) {
            sb.append(", ").append(n).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", get(n)));
        }
        return sb.append(']').toString();
    }
}
