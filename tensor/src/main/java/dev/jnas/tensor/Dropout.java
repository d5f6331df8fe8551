package dev.jnas.tensor;

import java.util.SplittableRandom;

/**
 * Inverted dropout: each element is kept with probability 1 − p and then scaled by 1/(1 − p), so
 * inference needs no rescaling.
 *
 * <p>Call order: {@link #fillMask} draws the mask (0 or 1/(1 − p) per element) from a seeded
 * {@link SplittableRandom}; {@link #forward} computes y = x ⊙ mask; {@link #backward} computes
 * dx (+)= dy ⊙ mask with the same mask, which the caller keeps between the two. Mask generation is
 * sequential (one draw per element, so a seed fixes the mask on every path); the products use the
 * Vector API through {@link Elementwise} when {@link Simd#enabled()}.
 */
public final class Dropout {
    private Dropout() {
    }

    /** Fills mask[off, off + n) with 0 (probability p) or 1/(1 − p); p in [0, 1). */
    public static void fillMask(SplittableRandom rng, float p, float[] mask, int off, int n) {
        if (!(p >= 0f && p < 1f)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1), got " + p);
        }
        Checks.range("dropout fillMask", "mask", mask, off, n);
        float keep = 1f / (1f - p);
        for (int i = 0; i < n; i++) {
            mask[off + i] = rng.nextDouble() < p ? 0f : keep;
        }
    }

    /** y = x ⊙ mask over n elements. */
    public static void forward(float[] x, int xOff, float[] mask, int mOff, float[] y, int yOff, int n) {
        Elementwise.mul(x, xOff, mask, mOff, y, yOff, n);
    }

    /** dx (+)= dy ⊙ mask over n elements. */
    public static void backward(float[] dy, int dyOff, float[] mask, int mOff, float[] dx, int dxOff, int n,
                                boolean accumulate) {
        if (accumulate) {
            Elementwise.mulAccumulate(dy, dyOff, mask, mOff, dx, dxOff, n);
        } else {
            Elementwise.mul(dy, dyOff, mask, mOff, dx, dxOff, n);
        }
    }

    /** New mask tensor of x's shape, then y = x ⊙ mask; returns {y, mask}. */
    public static Tensor[] apply(Tensor x, float p, SplittableRandom rng) {
        Tensor mask = Tensor.zeros(x.shape());
        fillMask(rng, p, mask.data(), 0, mask.size());
        Tensor y = Tensor.zeros(x.shape());
        forward(x.data(), 0, mask.data(), 0, y.data(), 0, x.size());
        return new Tensor[] {y, mask};
    }
}
