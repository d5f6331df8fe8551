package dev.jnas.search;

/**
 * Ready-made spaces. {@link #imageClassification} is the default for small images (digits 1x8x8,
 * MNIST and Fashion-MNIST 1x28x28, CIFAR-10 3x32x32): it scales filters, depth, pooling windows and
 * limits to the input size; {@link #demo} is a tiny space that a grid search can exhaust.
 */
public final class SearchSpaces {
    private SearchSpaces() {
    }

    /** The default image-classification space for {@code channels x height x width} inputs. */
    public static SearchSpace imageClassification(int channels, int height, int width, int classes) {
        return imageClassificationDefinition(channels, height, width, classes).build();
    }

    /** The builder behind {@link #imageClassification}, for callers that want to adjust it. */
    public static SearchSpace.Builder imageClassificationDefinition(int channels, int height, int width, int classes) {
        boolean small = Math.min(height, width) < 16;
        Object[] filters = small ? new Object[] {8, 16, 32} : new Object[] {16, 32, 64};
        // Windows of 3 only where the map is large enough for them to matter; the decoder drops any
        // pooling that no longer fits, so deep stacks stay valid either way.
        Object[] pools = small ? new Object[] {2} : new Object[] {2, 3};
        Object[] weighted = {"conv", "residual", "parallel"};
        return SearchSpace.builder("image-classification-" + channels + "x" + height + "x" + width)
                .input(channels, height, width, classes)
                .constraints(small ? 250_000 : 2_000_000, small ? 20_000_000 : 200_000_000)
                .global(Decision.of("reduction", "flatten", "global_avg_pool"))
                .stage(Stage.features("features", 1, small ? 4 : 6,
                        Decision.of("type", "conv", "maxpool", "avgpool", "identity", "residual", "parallel"),
                        Decision.of("filters", filters).when("type", "conv", "parallel"),
                        Decision.of("kernel", 1, 3, 5).when("type", weighted),
                        Decision.of("stride", 1, 2).when("type", "conv"),
                        Decision.of("pool", pools).when("type", "maxpool", "avgpool"),
                        Decision.of("activation", "relu", "leaky_relu", "tanh", "sigmoid").when("type", weighted),
                        Decision.of("batchnorm", false, true).when("type", weighted),
                        Decision.of("dropout", 0.0, 0.25).when("type", weighted),
                        Decision.of("branches", 2, 3).when("type", "parallel"),
                        Decision.of("kernel_b1", 1, 3, 5).when("type", "parallel"),
                        Decision.of("kernel_b2", 1, 3, 5).when("type", "parallel").when("branches", 3),
                        Decision.of("merge", "concat", "add").when("type", "parallel")))
                .stage(Stage.classifier("classifier", 0, 2,
                        Decision.of("units", small ? new Object[] {32, 64, 128} : new Object[] {64, 128, 256}),
                        Decision.of("activation", "relu", "tanh"),
                        Decision.of("dropout", 0.0, 0.5)))
                .training(Decision.of("learning_rate", 0.1, 0.03, 0.01, 0.003, 0.001),
                        Decision.of("batch_size", 32, 64, 128),
                        Decision.of("optimizer", "sgd", "momentum", "adam"));
    }

    /** A small space (336 genomes) of 1..3 conv/maxpool/identity layers and an optional dense layer. */
    public static SearchSpace demo(int channels, int height, int width, int classes) {
        return SearchSpace.builder("demo")
                .input(channels, height, width, classes)
                .stage(Stage.features("features", 1, 3,
                        Decision.of("type", "conv", "maxpool", "identity"),
                        Decision.of("filters", 8, 16).when("type", "conv")))
                .stage(Stage.classifier("classifier", 0, 1, Decision.of("units", 32)))
                .training(Decision.of("learning_rate", 0.01, 0.1))
                .build();
    }

    /**
     * The NAS-Bench-201 cell space (15,625 genomes keyed by architecture string) decoding to the
     * benchmark's network (C = 16, N = 5, 3x32x32, 10 classes); {@link Nb201Space#of} gives its cell view.
     */
    public static SearchSpace nasBench201() {
        return Nb201Space.create().space();
    }
}
