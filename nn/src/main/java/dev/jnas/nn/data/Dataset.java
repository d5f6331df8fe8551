package dev.jnas.nn.data;

import dev.jnas.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A labelled classification data set held in memory: features {@code [N, C, H, W]} (images) or
 * {@code [N, F]} (flat rows), one integer label per sample in {@code [0, numClasses)}, and class names.
 *
 * <p>Immutable by convention: the constructor copies labels and class names, and no method writes the
 * feature tensor; {@link #features()} exposes it shared (for speed), so callers must not write to it.
 * Typical order: load with a reader or {@link Datasets}, split with {@link Splits}, fit a
 * {@link Normalizer} on the training part and apply it to every part, then per training step call
 * {@link #copyBatch} into buffers reused across steps.
 */
public final class Dataset {
    private final Tensor features;
    private final int[] labels;
    private final List<String> classNames;
    private final int sampleSize;

    /**
     * @param features   rank 2 ({@code [N,F]}) or rank 4 ({@code [N,C,H,W]}); not copied
     * @param labels     N labels, each in {@code [0, classNames.size())}; copied
     * @param classNames one name per class; copied
     */
    public Dataset(Tensor features, int[] labels, List<String> classNames) {
        if (features.rank() != 2 && features.rank() != 4) {
            throw new IllegalArgumentException("Dataset: features must be [N,F] or [N,C,H,W], got "
                    + features.shapeString());
        }
        if (features.dim(0) != labels.length) {
            throw new IllegalArgumentException("Dataset: features " + features.shapeString() + " but "
                    + labels.length + " labels");
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("Dataset: at least one class name is required");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("Dataset: label " + labels[i] + " of sample " + i
                        + " outside [0, " + classNames.size() + ")");
            }
        }
        this.features = features;
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
        this.sampleSize = features.size() / labels.length;
    }

    /** Class names "0", "1", ..., {@code n-1}, for data sets without named classes. */
    public static List<String> numberedClasses(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }

    /** Number of samples N. */
    public int size() {
        return labels.length;
    }

    /** Shape of one sample: {@code [C,H,W]} for images, {@code [F]} for flat rows. */
    public int[] inputShape() {
        int[] s = features.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /** Floats per sample (product of {@link #inputShape()}). */
    public int sampleSize() {
        return sampleSize;
    }

    /** Channels: C for images, F for flat rows (the axis {@link Normalizer} works per). */
    public int channels() {
        return features.dim(1);
    }

    /** The feature tensor, shared: do not write to it. */
    public Tensor features() {
        return features;
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Class names, index = label. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes (labels lie in {@code [0, numClasses)}). */
    public int numClasses() {
        return classNames.size();
    }

    /** Samples per class, index = label. */
    public int[] classCounts() {
        int[] c = new int[numClasses()];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }

    /** A new data set holding copies of the samples at {@code indices}, in that order (repeats allowed). */
    public Dataset subset(int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("subset: no indices given for a data set of " + size());
        }
        int[] shape = features.shape();
        shape[0] = indices.length;
        float[] x = new float[indices.length * sampleSize];
        int[] y = new int[indices.length];
        copyBatch(indices, 0, indices.length, x, y);
        return new Dataset(Tensor.of(x, shape), y, classNames);
    }

    /** Same labels and classes with other features of the same shape (used by {@link Normalizer}). */
    public Dataset withFeatures(Tensor newFeatures) {
        if (!newFeatures.hasShape(features.shape())) {
            throw new IllegalArgumentException("withFeatures: expected " + features.shapeString() + ", got "
                    + newFeatures.shapeString());
        }
        return new Dataset(newFeatures, labels, classNames);
    }

    /**
     * Copies samples {@code order[from .. from+count)} into {@code xOut} (row-major, one sample after
     * another) and their labels into {@code yOut}, allocating nothing.
     *
     * @throws IllegalArgumentException if the range leaves {@code order}, an index leaves the data set,
     *                                  or a buffer is too small
     */
    public void copyBatch(int[] order, int from, int count, float[] xOut, int[] yOut) {
        if (from < 0 || count < 0 || from + count > order.length) {
            throw new IllegalArgumentException("copyBatch: range [" + from + ", " + (from + count)
                    + ") outside order of length " + order.length);
        }
        if (xOut.length < count * sampleSize || yOut.length < count) {
            throw new IllegalArgumentException("copyBatch: " + count + " samples of " + sampleSize
                    + " floats need xOut >= " + (count * sampleSize) + " and yOut >= " + count + ", got "
                    + xOut.length + " and " + yOut.length);
        }
        float[] src = features.data();
        for (int b = 0; b < count; b++) {
            int i = order[from + b];
            if (i < 0 || i >= labels.length) {
                throw new IllegalArgumentException("copyBatch: index " + i + " at order[" + (from + b)
                        + "] outside data set of " + labels.length);
            }
            System.arraycopy(src, i * sampleSize, xOut, b * sampleSize, sampleSize);
            yOut[b] = labels[i];
        }
    }

    @Override
    public String toString() {
        return "Dataset" + features.shapeString() + " classes=" + numClasses();
    }
}
