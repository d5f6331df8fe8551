package dev.jnas.nn.metrics;

import java.util.List;
import java.util.Locale;

/**
 * Plain-text tables of an {@link EvaluationResult} for logs and reports: a one-line summary, the
 * confusion matrix (rows true, columns predicted) and a per-class precision/recall/F1/support
 * table. Class names are optional ({@code null} prints indices). Columns are right-aligned.
 */
public final class MetricsFormat {
    private MetricsFormat() {
    }

    /** {@code name=value} pairs of every metric, e.g. {@code loss=0.1234 accuracy=0.9650 ...}. */
    public static String summary(EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        for (String n : r.names()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(n).append('=').append(String.format(Locale.ROOT, "%.4f", r.get(n)));
        }
        return sb.toString();
    }

    /** The confusion matrix with a header row of predicted classes and a row label per true class. */
    public static String confusionMatrix(EvaluationResult r, List<String> classNames) {
        int k = r.numClasses();
        String[] names = labels(k, classNames);
        int width = 4;
        for (int i = 0; i < k; i++) {
            width = Math.max(width, names[i].length());
            for (int j = 0; j < k; j++) {
                width = Math.max(width, Long.toString(r.confusion(i, j)).length());
            }
        }
        String cell = "%" + (width + 1) + "s";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, cell, "t\\p"));
        for (int j = 0; j < k; j++) {
            sb.append(String.format(Locale.ROOT, cell, names[j]));
        }
        sb.append('\n');
        for (int i = 0; i < k; i++) {
            sb.append(String.format(Locale.ROOT, cell, names[i]));
            for (int j = 0; j < k; j++) {
                sb.append(String.format(Locale.ROOT, cell, r.confusion(i, j)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One row per class with precision, recall, F1 and support, then a macro-average row. */
    public static String perClassTable(EvaluationResult r, List<String> classNames) {
        int k = r.numClasses();
        String[] names = labels(k, classNames);
        int width = "class".length();
        for (String n : names) {
            width = Math.max(width, n.length());
        }
        String row = "%" + width + "s %9s %9s %9s %9s%n";
        String num = "%.4f";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, row, "class", "precision", "recall", "f1",
                "support"));
        for (int c = 0; c < k; c++) {
            sb.append(String.format(Locale.ROOT, row, names[c], String.format(Locale.ROOT, num, r.precision(c)),
                    String.format(Locale.ROOT, num, r.recall(c)), String.format(Locale.ROOT, num, r.f1(c)),
                    r.support(c)));
        }
        sb.append(String.format(Locale.ROOT, row, "macro", String.format(Locale.ROOT, num, r.macroPrecision()),
                String.format(Locale.ROOT, num, r.macroRecall()), String.format(Locale.ROOT, num, r.macroF1()),
                r.count()));
        return sb.toString();
    }

    private static String[] labels(int k, List<String> classNames) {
        if (classNames != null && classNames.size() != k) {
            throw new IllegalArgumentException("metrics format: " + classNames.size() + " class names for " + k
                    + " classes");
        }
        String[] out = new String[k];
        for (int i = 0; i < k; i++) {
            out[i] = classNames == null ? Integer.toString(i) : classNames.get(i);
        }
        return out;
    }
}
