package dev.jnas.nn.data;

import dev.jnas.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * A per-channel affine map {@code x' = (x - shift[c]) * scale[c]}, fitted on a training set and then
 * applied unchanged to validation and test data (and stored with a model, so inference sees the same
 * inputs). The channel axis is dimension 1 of the features: C for images, each feature F for flat rows.
 *
 * <p>Call order: {@link #fit} on the training part, {@link #apply(Dataset)} to every part (or
 * {@link #applyInPlace} on a batch buffer), {@link #encode()} to save and {@link #decode} to restore.
 * Constant channels (zero spread) get scale 1, so they map to 0 instead of dividing by zero.
 */
public final class Normalizer {
    /** What {@link #fit} estimates. */
    public enum Kind {
        /** Per-channel mean 0 and standard deviation 1 (population std). */
        STANDARDIZE,
        /** Per-channel min 0 and max 1 (on the fitting set). */
        MIN_MAX
    }

    private final Kind kind;
    private final float[] shift;
    private final float[] scale;

    /** Builds a normalizer from saved parameters; both arrays have one entry per channel. */
    public Normalizer(Kind kind, float[] shift, float[] scale) {
        if (shift.length != scale.length || shift.length == 0) {
            throw new IllegalArgumentException("Normalizer: shift has " + shift.length + " channels, scale "
                    + scale.length);
        }
        this.kind = kind;
        this.shift = shift.clone();
        this.scale = scale.clone();
    }

    /** Fits per-channel parameters of the given kind on {@code train}. */
    public static Normalizer fit(Dataset train, Kind kind) {
        int n = train.size();
        int c = train.channels();
        int plane = train.sampleSize() / c;
        float[] x = train.features().data();
        double[] a = new double[c];
        double[] b = new double[c];
        if (kind == Kind.MIN_MAX) {
            Arrays.fill(a, Double.POSITIVE_INFINITY);
            Arrays.fill(b, Double.NEGATIVE_INFINITY);
        }
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * plane;
                for (int p = 0; p < plane; p++) {
                    double v = x[base + p];
                    if (kind == Kind.MIN_MAX) {
                        a[ch] = Math.min(a[ch], v);
                        b[ch] = Math.max(b[ch], v);
                    } else {
                        a[ch] += v;
                        b[ch] += v * v;
                    }
                }
            }
        }
        float[] shift = new float[c];
        float[] scale = new float[c];
        double count = (double) n * plane;
        for (int ch = 0; ch < c; ch++) {
            double spread;
            if (kind == Kind.MIN_MAX) {
                shift[ch] = (float) a[ch];
                spread = b[ch] - a[ch];
            } else {
                double mean = a[ch] / count;
                shift[ch] = (float) mean;
                spread = Math.sqrt(Math.max(0, b[ch] / count - mean * mean));
            }
            scale[ch] = spread > 1e-12 ? (float) (1.0 / spread) : 1f;
        }
        return new Normalizer(kind, shift, scale);
    }

    /** The kind it was fitted as. */
    public Kind kind() {
        return kind;
    }

    /** Number of channels it expects. */
    public int channels() {
        return shift.length;
    }

    /** A copy of the per-channel shifts (mean or min). */
    public float[] shift() {
        return shift.clone();
    }

    /** A copy of the per-channel scales (1/std or 1/(max-min)). */
    public float[] scale() {
        return scale.clone();
    }

    /** A new data set with normalized copies of the features; {@code data} is unchanged. */
    public Dataset apply(Dataset data) {
        Tensor copy = data.features().copy();
        applyInPlace(copy.data(), data.size(), data.sampleSize());
        return data.withFeatures(copy);
    }

    /**
     * Normalizes {@code count} samples of {@code sampleSize} floats at the start of {@code x}, in place
     * (sampleSize must be a multiple of the channel count; each channel is a contiguous block).
     */
    public void applyInPlace(float[] x, int count, int sampleSize) {
        int c = shift.length;
        if (sampleSize % c != 0 || x.length < count * sampleSize) {
            throw new IllegalArgumentException("Normalizer.applyInPlace: " + c + " channels, sample of "
                    + sampleSize + " floats, " + count + " samples, buffer of " + x.length);
        }
        int plane = sampleSize / c;
        for (int i = 0; i < count; i++) {
            for (int ch = 0; ch < c; ch++) {
                float s = shift[ch];
                float k = scale[ch];
                int base = (i * c + ch) * plane;
                for (int p = base; p < base + plane; p++) {
                    x[p] = (x[p] - s) * k;
                }
            }
        }
    }

    /** Text form, e.g. {@code STANDARDIZE;0.1307;3.2457} (kind; shifts comma-separated; scales). */
    public String encode() {
        StringBuilder sb = new StringBuilder(kind.name()).append(';');
        join(sb, shift);
        sb.append(';');
        join(sb, scale);
        return sb.toString();
    }

    /** Parses the output of {@link #encode()}; floats round-trip exactly. */
    public static Normalizer decode(String text) {
        String[] parts = text.trim().split(";", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Normalizer.decode: expected KIND;shifts;scales, got '" + text + "'");
        }
        try {
            return new Normalizer(Kind.valueOf(parts[0].trim().toUpperCase(Locale.ROOT)), floats(parts[1]),
                    floats(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Normalizer.decode: cannot parse '" + text + "': " + e.getMessage(), e);
        }
    }

    private static void join(StringBuilder sb, float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
    }

    private static float[] floats(String csv) {
        String[] f = csv.split(",");
        float[] v = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = Float.parseFloat(f[i].trim());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalizer n && n.kind == kind && Arrays.equals(n.shift, shift)
                && Arrays.equals(n.scale, scale);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Normalizer[" + encode() + "]";
    }
}
