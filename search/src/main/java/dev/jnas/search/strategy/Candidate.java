package dev.jnas.search.strategy;

import dev.jnas.search.Genome;

/**
 * A proposal from {@link Strategy#ask()}: an id to quote in {@link Strategy#tell}, the genome to
 * decode and train, and its canonical key (never proposed twice by one strategy).
 */
public record Candidate(long id, Genome genome, String key) {
}
