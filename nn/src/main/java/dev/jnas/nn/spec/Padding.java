package dev.jnas.nn.spec;

/**
 * Convolution padding: {@code same} (output size = ceil(input / stride)), {@code valid} (none), or an
 * explicit number of zero rows/columns on every side.
 *
 * <p>The one rule for {@code same}, used by shape inference and by model builders alike: pad
 * {@link #before(int) before} = (k-1)/2 zero rows/columns at the top/left and {@link #after(int) after}
 * = k-1-before at the bottom/right, independent of input size and stride. For odd kernels this is
 * symmetric (k/2 on each side, like PyTorch's {@code padding=k//2}); for even kernels the extra row/column
 * goes to the bottom/right. With it the output is {@code floor((in-1)/stride)+1 = ceil(in/stride)} for
 * every stride, the same size TF/Keras give; only the alignment for stride &gt; 1 may differ from TF,
 * which pads the bottom/right more. Call {@link #outputSize(int, int, int)} rather than re-deriving this.
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

    /** Zero rows (or columns) added at the top (or left) for a square kernel of size {@code kernel}. */
    public int before(int kernel) {
        return switch (mode) {
            case SAME -> (kernel - 1) / 2;
            case VALID -> 0;
            case EXPLICIT -> amount;
        };
    }

    /** Zero rows (or columns) added at the bottom (or right); differs from {@link #before} only for same padding with an even kernel. */
    public int after(int kernel) {
        return switch (mode) {
            case SAME -> kernel - 1 - (kernel - 1) / 2;
            case VALID -> 0;
            case EXPLICIT -> amount;
        };
    }

    /** Whether {@link #before} equals {@link #after} for this kernel, i.e. a symmetric-pad kernel can run it directly. */
    public boolean isSymmetric(int kernel) {
        return before(kernel) == after(kernel);
    }

    /**
     * Output length along one spatial axis: {@code floor((input + before + after - kernel) / stride) + 1}.
     * Returns a value &lt;= 0 when the kernel is larger than the padded input; callers validate.
     */
    public int outputSize(int input, int kernel, int stride) {
        int padded = input + before(kernel) + after(kernel);
        return padded < kernel ? padded - kernel : (padded - kernel) / stride + 1;
    }

    @Override
    public String toString() {
        return mode == Mode.EXPLICIT ? Integer.toString(amount) : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
