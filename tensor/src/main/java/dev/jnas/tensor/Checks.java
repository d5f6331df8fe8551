package dev.jnas.tensor;

import java.util.Arrays;

/** Argument checks shared by the kernel classes; every message names the operation and the sizes. */
final class Checks {
    private Checks() {
    }

    /** Throws unless [off, off + n) lies inside {@code a}. */
    static void range(String op, String name, float[] a, int off, long n) {
        if (a == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        if (n < 0 || off < 0 || off + n > a.length) {
            throw new IllegalArgumentException(op + ": " + name + " range [" + off + ", " + (off + n)
                    + ") does not fit an array of " + a.length + " floats");
        }
    }

    /** Throws unless the sizes are positive. */
    static void positive(String op, int... sizes) {
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException(op + ": sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
    }

    /** Throws unless the two tensors have the same shape. */
    static void sameShape(String op, Tensor a, Tensor b) {
        if (!a.hasShape(b.shape())) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.shapeString() + " vs " + b.shapeString());
        }
    }

    /** Throws unless {@code t} has rank 2 or 4 (feature or NCHW layout). */
    static void rank2or4(String op, Tensor t) {
        if (t.rank() != 2 && t.rank() != 4) {
            throw new IllegalArgumentException(op + ": need [N,F] or [N,C,H,W], got " + t.shapeString());
        }
    }

    /** Elements per channel of a [N,F] (1) or [N,C,H,W] (H*W) tensor. */
    static int spatial(Tensor t) {
        return t.rank() == 4 ? t.dim(2) * t.dim(3) : 1;
    }
}
