package dev.jnas.engine;

import dev.jnas.engine.config.ConfigException;
import dev.jnas.search.Decision;
import dev.jnas.search.InputShape;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.SearchSpaces;
import dev.jnas.search.SpaceDefinition;
import dev.jnas.search.Stage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code search.space} of a config: {@code default} (the image-classification space sized
 * for the input), {@code compact} (see {@link #compact}), {@code demo} (a tiny space), or a path to a
 * search-space JSON file (its own input is used when it has one, otherwise the data set's). The CLI
 * knows the data set's input shape.
 */
public final class Spaces {
    private Spaces() {
    }

    public static SearchSpace resolve(String space, InputShape input) {
        switch (space) {
            case "default":
                return SearchSpaces.imageClassification(input.channels(), input.height(), input.width(), input.classes());
            case "compact":
                return compact(input);
            case "demo":
                return SearchSpaces.demo(input.channels(), input.height(), input.width(), input.classes());
            default:
                Path file = Path.of(space);
                if (!Files.isRegularFile(file)) {
                    throw new ConfigException("search.space", "'" + space + "' is neither default, compact, demo nor a readable file");
                }
                try {
                    SpaceDefinition d = SpaceDefinition.read(file);
                    if (d.input() == null) {
                        d = new SpaceDefinition(d.name(), input, d.constraints(), d.globals(), d.stages(), d.training());
                    }
                    return new SearchSpace(d);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("search.space", e.getMessage(), e);
                }
        }
    }

    /**
     * A space for searches that must finish in minutes on a CPU: 2 to 4 feature layers of conv (3x3
     * or 5x5, 8 to 32 filters, stride 1 or 2, batch norm or not, no dropout: short trials underfit more
     * than they overfit), residual, max-pool or identity; flatten or global average pooling; 0 or 1 dense
     * layer (dropout 0 or 0.5); ReLU-family activations; Adam at 3e-3 or 1e-3 with batch 32 or 64. The default space's wider choices (3 branches, sigmoid/tanh, SGD at any rate,
     * 64 filters at full resolution) mostly cost time without helping on MNIST-sized images.
     */
    public static SearchSpace compact(InputShape in) {
        boolean small = Math.min(in.height(), in.width()) < 16;
        return SearchSpace.builder("compact-" + in.channels() + "x" + in.height() + "x" + in.width())
                .input(in.channels(), in.height(), in.width(), in.classes())
                .global(Decision.of("reduction", "flatten", "global_avg_pool"))
                .stage(Stage.features("features", 2, small ? 3 : 4,
                        Decision.of("type", "conv", "residual", "maxpool", "identity"),
                        Decision.of("filters", 8, 16, 32).when("type", "conv"),
                        Decision.of("kernel", 3, 5).when("type", "conv", "residual"),
                        Decision.of("stride", 1, 2).when("type", "conv"),
                        Decision.of("pool", 2).when("type", "maxpool"),
                        Decision.of("activation", "relu", "leaky_relu").when("type", "conv", "residual"),
                        Decision.of("batchnorm", false, true).when("type", "conv", "residual")))
                .stage(Stage.classifier("classifier", 0, 1,
                        Decision.of("units", 64, 128),
                        Decision.of("activation", "relu"),
                        Decision.of("dropout", 0.0, 0.5)))
                .training(Decision.of("learning_rate", 0.003, 0.001),
                        Decision.of("batch_size", 32, 64),
                        Decision.of("optimizer", "adam"))
                .build();
    }
}
