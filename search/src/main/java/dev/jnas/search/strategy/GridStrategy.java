package dev.jnas.search.strategy;

import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;

import java.math.BigInteger;

/**
 * Exhaustive enumeration in {@link SearchSpace#genomeAt} order, skipping infeasible genomes and keys
 * already proposed. Refuses spaces larger than {@code maxSize}.
 */
public final class GridStrategy extends AbstractStrategy {
    /** @param maxSize the largest space size accepted */
    public record Params(long maxSize) {
        public Params {
            if (maxSize <= 0) {
                throw new IllegalArgumentException("grid: maxSize must be > 0, got " + maxSize);
            }
        }
    }

    public static final Params DEFAULTS = new Params(100_000);
    private BigInteger next = BigInteger.ZERO;

    public GridStrategy(SearchSpace space, Objective objective, long seed, Params params) {
        super("grid", space, objective, seed, params);
        if (space.size().compareTo(BigInteger.valueOf(params.maxSize())) > 0) {
            throw new IllegalArgumentException("grid: space '" + space.name() + "' has " + space.size()
                    + " genomes, more than maxSize " + params.maxSize()
                    + "; use random, greedy, genetic or evolution, or raise grid.maxSize");
        }
    }

    @Override
    protected Genome propose() {
        while (next.compareTo(space.size()) < 0) {
            Genome g = space.genomeAt(next);
            next = next.add(BigInteger.ONE);
            String k = space.keyIfFeasible(g);
            if (k != null && isNew(k)) {
                return g;
            }
        }
        finished = true;
        return null;
    }

    @Override
    protected void onResult(Candidate candidate, double score) {
        // Enumeration ignores results.
    }
}
