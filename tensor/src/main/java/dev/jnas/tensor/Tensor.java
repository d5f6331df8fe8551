package dev.jnas.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense, row-major float32 tensor: a shape and a backing {@code float[]}.
 *
 * <p>Images are NCHW. A tensor owns its array; {@link #reshape} returns a view sharing the same
 * array, so writes through either are seen by both. Kernels work on the raw array ({@link #data()})
 * so that they can be called on buffers reused from step to step.
 *
 * <p>Invalid shapes and mismatched arguments throw {@link IllegalArgumentException} naming the
 * operation and the shapes involved.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** A zero-filled tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        int[] s = checkShape("zeros", shape);
        return new Tensor(s, new float[numel(s)]);
    }

    /** Wraps {@code data} (not copied) with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = checkShape("of", shape);
        if (numel(s) != data.length) {
            throw new IllegalArgumentException("of: shape " + Arrays.toString(s) + " holds " + numel(s)
                    + " elements but the array has " + data.length);
        }
        return new Tensor(s, data);
    }

    /** A scalar (rank 0) tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new int[0], new float[] {value});
    }

    /** A tensor filled with values drawn uniformly from [lo, hi) by a seeded generator. */
    public static Tensor uniform(SplittableRandom rng, float lo, float hi, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * (float) rng.nextDouble();
        }
        return t;
    }

    /** A tensor filled with standard-normal values times {@code std}, from a seeded generator. */
    public static Tensor normal(SplittableRandom rng, float std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (gaussian(rng) * std);
        }
        return t;
    }

    /** One standard-normal sample (Box-Muller), for seeded initialisation. */
    public static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** The backing array, shared, in row-major order. */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        int k = i < 0 ? shape.length + i : i;
        if (k < 0 || k >= shape.length) {
            throw new IllegalArgumentException("dim: index " + i + " out of range for shape " + shapeString());
        }
        return shape[k];
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** True if this tensor has exactly the given shape. */
    public boolean hasShape(int... s) {
        return Arrays.equals(shape, s);
    }

    /** A view with another shape over the same array; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                if (s[i] <= 0) {
                    throw new IllegalArgumentException("reshape: non-positive size in " + Arrays.toString(newShape));
                }
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + shapeString() + " to "
                        + Arrays.toString(newShape));
            }
            s[infer] = (int) (data.length / known);
        }
        if (numel(s) != data.length) {
            throw new IllegalArgumentException("reshape: cannot reshape " + shapeString() + " ("
                    + data.length + " elements) to " + Arrays.toString(newShape));
        }
        return new Tensor(s, data);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(shape.clone(), data.clone());
    }

    /** Copies {@code src}'s values into this tensor; sizes must match. */
    public Tensor copyFrom(Tensor src) {
        if (src.data.length != data.length) {
            throw new IllegalArgumentException("copyFrom: " + src.shapeString() + " into " + shapeString());
        }
        System.arraycopy(src.data, 0, data, 0, data.length);
        return this;
    }

    /** Sets every element to {@code v}. */
    public Tensor fill(float v) {
        Arrays.fill(data, v);
        return this;
    }

    /** Element at a multi-index (slow; for tests and small code paths). */
    public float get(int... idx) {
        return data[offset(idx)];
    }

    /** Sets the element at a multi-index (slow; for tests and small code paths). */
    public void set(float v, int... idx) {
        data[offset(idx)] = v;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + shapeString() + " is not a scalar");
        }
        return data[0];
    }

    private int offset(int[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("get/set: index " + Arrays.toString(idx) + " for shape " + shapeString());
        }
        int off = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IllegalArgumentException("get/set: index " + Arrays.toString(idx) + " out of bounds for shape "
                        + shapeString());
            }
            off = off * shape[i] + idx[i];
        }
        return off;
    }

    /** The shape as text, e.g. {@code [64, 32, 28, 28]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return "Tensor" + shapeString();
    }

    /** Product of the sizes; throws if it overflows an int. */
    public static int numel(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    private static int[] checkShape(String op, int[] shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(op + ": sizes must be positive, got shape " + Arrays.toString(shape));
            }
        }
        numel(shape);
        return shape.clone();
    }
}
