package dev.jnas.nn.spec;

/**
 * Convolution padding: {@code same} (output size = ceil(input / stride)), {@code valid} (none), or an
 * explicit number of zero rows/columns on every side.
 */
public record Padding(Mode mode, int amount) {
    /** How the padding is determined. */
    public enum Mode { SAME, VALID, EXPLICIT }

    public static final Padding SAME = new Padding(Mode.SAME, 0);
    public static final Padding VALID = new Padding(Mode.VALID, 0);

    public Padding {
        if (mode == null) {
            throw new IllegalArgumentException("padding: mode must not be null");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("padding: amount must be >= 0, got " + amount);
        }
        if (mode != Mode.EXPLICIT && amount != 0) {
            throw new IllegalArgumentException("padding: amount is only allowed with explicit padding, got " + mode);
        }
    }

    /** Explicit padding of {@code n} on every side. */
    public static Padding of(int n) {
        return new Padding(Mode.EXPLICIT, n);
    }

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? Integer.toString(amount) : mode.name().toLowerCase();
    }
}
