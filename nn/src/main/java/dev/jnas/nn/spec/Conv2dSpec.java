package dev.jnas.nn.spec;

/** 2-D convolution with a square kernel (1..7), a stride and a padding; has a bias. */
public record Conv2dSpec(int filters, int kernel, int stride, Padding padding) implements LayerSpec {
    public Conv2dSpec {
        if (filters <= 0) {
            throw new IllegalArgumentException("conv2d: filters must be > 0, got " + filters);
        }
        if (kernel < 1 || kernel > 7) {
            throw new IllegalArgumentException("conv2d: kernel must be in 1..7, got " + kernel);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("conv2d: stride must be > 0, got " + stride);
        }
        if (padding == null) {
            throw new IllegalArgumentException("conv2d: padding must not be null");
        }
    }

    /** Stride 1, same padding. */
    public static Conv2dSpec same(int filters, int kernel) {
        return new Conv2dSpec(filters, kernel, 1, Padding.SAME);
    }

    @Override
    public String typeName() {
        return "conv2d";
    }
}
