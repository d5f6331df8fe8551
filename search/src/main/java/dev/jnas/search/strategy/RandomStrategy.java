package dev.jnas.search.strategy;

import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;

/**
 * Uniform random sampling of feasible genomes without repeats (by key). Finishes when
 * {@code maxAttempts} consecutive draws find no new key, or every genome has been proposed.
 */
public final class RandomStrategy extends AbstractStrategy {
    /** @param maxAttempts draws per ask before the space counts as exhausted */
    public record Params(int maxAttempts) {
        public Params {
            if (maxAttempts <= 0) {
                throw new IllegalArgumentException("random: maxAttempts must be > 0, got " + maxAttempts);
            }
        }
    }

    public static final Params DEFAULTS = new Params(1000);
    private final Params params;

    public RandomStrategy(SearchSpace space, Objective objective, long seed, Params params) {
        super("random", space, objective, seed, params);
        this.params = params;
    }

    @Override
    protected Genome propose() {
        Genome g = sampleNew(params.maxAttempts());
        finished = g == null;
        return g;
    }

    @Override
    protected void onResult(Candidate candidate, double score) {
        // Sampling ignores results.
    }
}
