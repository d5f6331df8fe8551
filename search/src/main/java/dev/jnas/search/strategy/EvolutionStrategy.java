package dev.jnas.search.strategy;

import dev.jnas.search.Genome;
import dev.jnas.search.Operators;
import dev.jnas.search.SearchSpace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Regularized (aging) evolution after Real et al. 2019: the first {@code populationSize} asks are
 * random samples; afterwards each ask draws {@code sampleSize} members of the population uniformly
 * (without replacement), mutates the best of them, and each told result joins the population while
 * the oldest member leaves once it exceeds {@code populationSize}. With results outstanding and an
 * empty population, ask waits.
 */
public final class EvolutionStrategy extends AbstractStrategy {
    /** @param populationSize P, @param sampleSize S (1..P) */
    public record Params(int populationSize, int sampleSize) {
        public Params {
            if (populationSize < 1 || sampleSize < 1 || sampleSize > populationSize) {
                throw new IllegalArgumentException("evolution: need 1 <= sampleSize <= populationSize, got S="
                        + sampleSize + ", P=" + populationSize);
            }
        }
    }

    public static final Params DEFAULTS = new Params(20, 5);
    private static final int TRIES = 50;
    private final Params params;
    private final Deque<Scored> population = new ArrayDeque<>();
    private int initialAsked;

    public EvolutionStrategy(SearchSpace space, Objective objective, long seed, Params params) {
        super("evolution", space, objective, seed, params);
        this.params = params;
    }

    @Override
    protected Genome propose() {
        if (initialAsked < params.populationSize()) {
            Genome g = sampleNew(RandomStrategy.DEFAULTS.maxAttempts());
            initialAsked++;
            finished = g == null && inFlight() == 0 && population.isEmpty();
            return g;
        }
        if (population.isEmpty()) {
            return null;
        }
        Scored parent = tournament();
        for (int i = 0; i < TRIES; i++) {
            Genome child = Operators.mutate(space, parent.genome(), rng);
            if (isNew(space.key(child))) {
                return child;
            }
        }
        // The parent's neighbourhood is used up: fall back to a fresh point so the search continues.
        Genome g = sampleNew(RandomStrategy.DEFAULTS.maxAttempts());
        finished = g == null && inFlight() == 0;
        return g;
    }

    private Scored tournament() {
        List<Scored> members = new ArrayList<>(population);
        int n = Math.min(params.sampleSize(), members.size());
        Scored best = null;
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(members.size() - i);
            Scored m = members.get(j);
            members.set(j, members.get(i));
            members.set(i, m);
            if (best == null || m.score() > best.score()) {
                best = m;
            }
        }
        return best;
    }

    @Override
    protected void onResult(Candidate candidate, double score) {
        population.addLast(new Scored(candidate.genome(), candidate.key(), score));
        if (population.size() > params.populationSize()) {
            population.removeFirst();
        }
    }
}
