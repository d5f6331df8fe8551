package dev.jnas.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, stratified splits of a {@link Dataset}: within each class the samples are shuffled by a
 * {@link SplittableRandom} built from the seed and {@code round(fraction * classCount)} of them are held
 * out, so every class keeps (up to rounding) the same share in both parts. Both parts list their
 * samples in original order. The same data set, fraction and seed always give the same split.
 */
public final class Splits {
    private Splits() {
    }

    /** Holds out {@code validationFraction} of each class as a validation set. */
    public static Split trainValidation(Dataset data, double validationFraction, long seed) {
        return split("trainValidation", data, validationFraction, seed);
    }

    /** Holds out {@code testFraction} of each class as a test set (same rule as {@link #trainValidation}). */
    public static Split trainTest(Dataset data, double testFraction, long seed) {
        return split("trainTest", data, testFraction, seed);
    }

    /**
     * Stratified k-fold cross-validation splits: each class's samples are shuffled with {@code seed} and
     * dealt round-robin into {@code k} folds, so every sample is held out exactly once and each fold keeps
     * the class proportions (fold sizes differ by at most one per class). Split {@code i} trains on the
     * other folds and holds out fold {@code i}.
     */
    public static List<Split> kFold(Dataset data, int k, long seed) {
        if (k < 2 || k > data.size()) {
            throw new IllegalArgumentException("kFold: k must be in [2, " + data.size() + "] for " + data.size()
                    + " samples, got " + k);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = data.size();
        int[] fold = new int[n];
        int next = 0;
        for (int[] members : indicesByClass(data)) {
            shuffle(members, rng);
            // Continue the round-robin across classes so small classes do not all land in fold 0.
            for (int m : members) {
                fold[m] = next;
                next = (next + 1) % k;
            }
        }
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int held = 0;
            for (int i = 0; i < n; i++) {
                held += fold[i] == f ? 1 : 0;
            }
            int[] train = new int[n - held];
            int[] out2 = new int[held];
            int t = 0;
            int h = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    out2[h++] = i;
                } else {
                    train[t++] = i;
                }
            }
            out.add(new Split(data.subset(train), data.subset(out2)));
        }
        return out;
    }

    private static Split split(String op, Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(op + ": fraction must be in (0, 1), got " + fraction);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = data.size();
        int[][] byClass = indicesByClass(data);
        boolean[] held = new boolean[n];
        int heldCount = 0;
        for (int[] members : byClass) {
            shuffle(members, rng);
            int k = (int) Math.round(fraction * members.length);
            for (int j = 0; j < k; j++) {
                held[members[j]] = true;
            }
            heldCount += k;
        }
        if (heldCount == 0 || heldCount == n) {
            throw new IllegalArgumentException(op + ": fraction " + fraction + " of " + n
                    + " samples leaves one part empty");
        }
        int[] train = new int[n - heldCount];
        int[] out = new int[heldCount];
        int t = 0;
        int h = 0;
        for (int i = 0; i < n; i++) {
            if (held[i]) {
                out[h++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new Split(data.subset(train), data.subset(out));
    }

    private static int[][] indicesByClass(Dataset data) {
        int[] counts = data.classCounts();
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[counts.length];
        for (int i = 0; i < data.size(); i++) {
            int y = data.label(i);
            byClass[y][fill[y]++] = i;
        }
        return byClass;
    }

    /** Fisher-Yates shuffle in place. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** A seeded permutation of {@code 0..n-1} (for shuffled batch orders). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        shuffle(p, new SplittableRandom(seed));
        return p;
    }
}
