package dev.jnas.search.strategy;

import dev.jnas.search.Genome;

/** An evaluated genome with its key and objective score (higher is better). */
public record Scored(Genome genome, String key, double score) {
}
