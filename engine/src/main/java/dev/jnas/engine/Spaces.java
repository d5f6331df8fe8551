package dev.jnas.engine;

import dev.jnas.engine.config.ConfigException;
import dev.jnas.search.InputShape;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.SearchSpaces;
import dev.jnas.search.SpaceDefinition;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code search.space} of a config: {@code default} (the image-classification space sized
 * for the input), {@code demo} (a tiny space), or a path to a search-space JSON file (its own input
 * is used when it has one, otherwise the data set's). The CLI knows the data set's input shape.
 */
public final class Spaces {
    private Spaces() {
    }

    public static SearchSpace resolve(String space, InputShape input) {
        switch (space) {
            case "default":
                return SearchSpaces.imageClassification(input.channels(), input.height(), input.width(), input.classes());
            case "demo":
                return SearchSpaces.demo(input.channels(), input.height(), input.width(), input.classes());
            default:
                Path file = Path.of(space);
                if (!Files.isRegularFile(file)) {
                    throw new ConfigException("search.space", "'" + space + "' is neither default, demo nor a readable file");
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
}
