package dev.jnas.nn.model;

import dev.jnas.nn.data.Normalizer;
import java.util.Map;

/** What {@link ModelFile#load} returns: the model, its input normaliser (null if none was saved) and metadata. */
public record LoadedModel(Model model, Normalizer normalizer, Map<String, String> metadata) {
    public LoadedModel {
        metadata = Map.copyOf(metadata);
    }
}
