package dev.jnas.nn.train;

import java.util.SplittableRandom;

/**
 * Random, label-preserving changes to each training image, drawn afresh every time a sample is put in
 * a batch: a translation by up to {@code maxShift} pixels in each direction (each offset uniform in
 * {@code [-maxShift, maxShift]}; pixels shifted in from outside get a per-channel fill value, which the
 * trainer sets to the data set's darkest value per channel: black, or the background of digits,
 * whatever standardisation the data had) and, when {@code horizontalFlip},
 * a left-right mirror with probability 1/2 (for natural images such as CIFAR-10, not for digits).
 * On small data sets this is the cheapest regulariser there is: the sklearn digits set (1,346 training
 * images) gains about a point of test accuracy from one-pixel shifts.
 *
 * <p>Call order: the {@link Trainer} calls {@link #apply} on each training batch after copying it, with
 * a random stream split off the run's seed, so a seeded run stays reproducible. Validation and test
 * batches are never augmented. {@link #NONE} leaves batches untouched.
 */
public record Augmentation(int maxShift, boolean horizontalFlip) {
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (maxShift < 0) {
            throw new IllegalArgumentException("augmentation: maxShift must be >= 0, got " + maxShift);
        }
    }

    /** Whether this changes anything. */
    public boolean active() {
        return maxShift > 0 || horizontalFlip;
    }

    /**
     * Augments {@code count} samples of shape {@code [c, h, w]} stored one after the other in {@code x},
     * in place; {@code fill[ch]} is the value shifted in at the borders of channel {@code ch};
     * {@code plane} is scratch of at least {@code h * w} floats.
     *
     * @throws IllegalArgumentException if {@code maxShift} is not smaller than the image
     */
    public void apply(float[] x, int count, int c, int h, int w, float[] fill, SplittableRandom rng, float[] plane) {
        if (!active()) {
            return;
        }
        if (maxShift >= h || maxShift >= w) {
            throw new IllegalArgumentException("augmentation: maxShift " + maxShift + " does not fit " + h + "x" + w
                    + " images");
        }
        if (fill.length < c) {
            throw new IllegalArgumentException("augmentation: " + fill.length + " fill values for " + c + " channels");
        }
        int hw = h * w;
        for (int s = 0; s < count; s++) {
            int dy = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
            int dx = maxShift == 0 ? 0 : rng.nextInt(2 * maxShift + 1) - maxShift;
            boolean flip = horizontalFlip && rng.nextBoolean();
            if (dy == 0 && dx == 0 && !flip) {
                continue;
            }
            for (int ch = 0; ch < c; ch++) {
                int base = (s * c + ch) * hw;
                System.arraycopy(x, base, plane, 0, hw);
                float f = fill[ch];
                for (int r = 0; r < h; r++) {
                    int sr = r - dy;
                    int row = base + r * w;
                    for (int q = 0; q < w; q++) {
                        int sq = q - dx;
                        x[row + q] = sr < 0 || sr >= h || sq < 0 || sq >= w ? f : plane[sr * w + (flip ? w - 1 - sq : sq)];
                    }
                }
            }
        }
    }
}
