package dev.jnas.nn.spec;

/**
 * Average pooling over square windows of {@code size}, moved by {@code stride}, with {@code padding} rows
 * and columns added on every side (0 = none, the default).
 *
 * <p>Padded positions are <em>not</em> counted: each output is the mean of the window's in-bounds input
 * elements only (PyTorch's {@code count_include_pad=False}, which NAS-Bench-201's {@code avg_pool_3x3}
 * uses). With padding 0 every window is fully in bounds, so this is the plain mean. {@code padding} is
 * limited to {@code size/2}, which guarantees every window holds at least one input element.
 * Output size: {@code floor((in + 2*padding - size) / stride) + 1}.
 */
public record AvgPool2dSpec(int size, int stride, int padding) implements LayerSpec {
    public AvgPool2dSpec {
        if (size <= 0) {
            throw new IllegalArgumentException("avgpool2d: size must be > 0, got " + size);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("avgpool2d: stride must be > 0, got " + stride);
        }
        if (padding < 0 || padding > size / 2) {
            throw new IllegalArgumentException("avgpool2d: padding must be in 0.." + size / 2 + " for size " + size
                    + ", got " + padding);
        }
    }

    /** No padding: the form every caller used before padding existed. */
    public AvgPool2dSpec(int size, int stride) {
        this(size, stride, 0);
    }

    /** Window {@code size}, stride equal to the size, no padding. */
    public static AvgPool2dSpec of(int size) {
        return new AvgPool2dSpec(size, size, 0);
    }

    @Override
    public String typeName() {
        return "avgpool2d";
    }
}
