package dev.jnas.search.strategy;

import dev.jnas.search.Genome;
import dev.jnas.search.Operators;
import dev.jnas.search.SearchSpace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A generational genetic algorithm: generation 0 is {@code populationSize} random genomes; each next
 * generation keeps the {@code elitism} best members and fills up with children (tournament selection
 * of two parents, crossover with probability {@code crossoverRate}, mutation with probability
 * {@code mutationRate}). Children whose key was already evaluated join with their known score instead
 * of being trained again. A generation is bred only when every member of the previous one is told;
 * until then ask waits. Finished after {@code generations} generations.
 */
public final class GeneticStrategy extends AbstractStrategy {
    /** Parameters; see the class comment. */
    public record Params(int populationSize, int tournamentSize, double crossoverRate, double mutationRate,
                         int elitism, int generations) {
        public Params {
            if (populationSize < 2 || tournamentSize < 1 || elitism < 0 || elitism >= populationSize || generations < 1
                    || !(crossoverRate >= 0 && crossoverRate <= 1) || !(mutationRate >= 0 && mutationRate <= 1)) {
                throw new IllegalArgumentException("genetic: need populationSize >= 2, tournamentSize >= 1, "
                        + "0 <= elitism < populationSize, generations >= 1, rates in [0, 1]; got " + this);
            }
        }
    }

    public static final Params DEFAULTS = new Params(20, 3, 0.9, 0.9, 2, 25);
    private static final int TRIES = 20;
    private final Params params;
    private final Deque<Genome> queue = new ArrayDeque<>();
    private List<Scored> members = new ArrayList<>();
    private int generation;
    private int outstanding;
    /** Random members of generation 0 still to draw; drawn lazily so each ask sees the keys told so far. */
    private int toSample;

    public GeneticStrategy(SearchSpace space, Objective objective, long seed, Params params) {
        super("genetic", space, objective, seed, params);
        this.params = params;
        this.toSample = params.populationSize();
    }

    /** The current generation, counted from 0. */
    public int generation() {
        return generation;
    }

    @Override
    protected Genome propose() {
        while (true) {
            Genome g = null;
            if (toSample > 0) {
                toSample--;
                g = sampleNew(RandomStrategy.DEFAULTS.maxAttempts());
            } else if (!queue.isEmpty()) {
                g = queue.poll();
                g = isNew(space.key(g)) ? g : null;
            }
            if (g != null) {
                outstanding++;
                return g;
            }
            if (toSample > 0 || !queue.isEmpty()) {
                continue;
            }
            if (outstanding > 0) {
                return null;
            }
            if (generation + 1 >= params.generations() || members.isEmpty()) {
                finished = true;
                return null;
            }
            breed();
        }
    }

    private void breed() {
        List<Scored> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<Scored> next = new ArrayList<>(sorted.subList(0, Math.min(params.elitism(), sorted.size())));
        Set<String> queued = new HashSet<>();
        for (int i = next.size(); i < params.populationSize(); i++) {
            Genome child = null;
            String key = null;
            for (int t = 0; t < TRIES; t++) {
                Genome p1 = tournament().genome();
                Genome p2 = tournament().genome();
                child = rng.nextDouble() < params.crossoverRate() ? Operators.crossover(space, p1, p2, rng) : p1;
                if (rng.nextDouble() < params.mutationRate()) {
                    child = Operators.mutate(space, child, rng);
                }
                key = space.key(child);
                if (isNew(key) && !queued.contains(key)) {
                    break;
                }
            }
            Double known = scoreOf(key);
            if (known != null) {
                next.add(new Scored(child, key, known));
            } else if (queued.add(key)) {
                queue.add(child);
            }
        }
        members = next;
        generation++;
    }

    private Scored tournament() {
        Scored best = null;
        for (int i = 0; i < params.tournamentSize(); i++) {
            Scored m = members.get(rng.nextInt(members.size()));
            if (best == null || m.score() > best.score()) {
                best = m;
            }
        }
        return best;
    }

    @Override
    protected void onResult(Candidate candidate, double score) {
        outstanding--;
        members.add(new Scored(candidate.genome(), candidate.key(), score));
    }
}
