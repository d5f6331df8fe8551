package dev.jnas.nn.data;

/**
 * Two disjoint parts of a data set: the part to train on and the held-out part (a validation set
 * from {@link Splits#trainValidation}, or a test set from a reader or {@link Splits#trainTest}).
 */
public record Split(Dataset train, Dataset heldOut) {
    /** The held-out part read as a validation set. */
    public Dataset validation() {
        return heldOut;
    }

    /** The held-out part read as a test set. */
    public Dataset test() {
        return heldOut;
    }
}
