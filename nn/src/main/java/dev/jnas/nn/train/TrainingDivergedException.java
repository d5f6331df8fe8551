package dev.jnas.nn.train;

/**
 * Thrown when training produces a non-finite (NaN or infinite) loss; carries where it happened so
 * the caller can record a {@link TrainingStatus#DIVERGED} result.
 *
 * <p>Call order: the trainer calls {@link #check(double, int, long)} on each batch loss.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final double loss;

    /** {@code epoch} is 0-based, {@code step} the 0-based global optimiser step. */
    public TrainingDivergedException(int epoch, long step, double loss) {
        super("training diverged: loss " + loss + " at epoch " + epoch + ", step " + step);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** Returns {@code loss} if finite, otherwise throws a {@code TrainingDivergedException}. */
    public static double check(double loss, int epoch, long step) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, step, loss);
        }
        return loss;
    }

    public int epoch() {
        return epoch;
    }

    public long step() {
        return step;
    }

    /** The offending loss value (NaN or ±infinity). */
    public double loss() {
        return loss;
    }
}
