package dev.jnas.search.strategy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.jnas.search.Genome;
import dev.jnas.search.Operators;
import dev.jnas.search.SearchSpace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Greedy search in batches. {@code hill_climb}: evaluate the one-change neighbours of the incumbent
 * (at most {@code maxNeighbours}, a random subset beyond), move to the best if it improves, otherwise
 * restart from a new random genome. {@code construct}: walk the active decisions of a base genome in
 * order, evaluate every value of the current decision with the earlier ones fixed, keep the best; after
 * a pass without improvement, restart from a random genome. Already-evaluated keys reuse their score;
 * ask waits while a batch is outstanding.
 */
public final class GreedyStrategy extends AbstractStrategy {
    /** The two greedy procedures. */
    public enum Mode {
        HILL_CLIMB, CONSTRUCT;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode parse(String s) {
            for (Mode m : values()) {
                if (m.jsonName().equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("greedy: mode '" + s + "' unknown; expected hill_climb or construct");
        }
    }

    /** @param mode hill_climb or construct, @param maxNeighbours batch limit in hill_climb mode */
    public record Params(Mode mode, int maxNeighbours) {
        public Params {
            if (mode == null || maxNeighbours < 1) {
                throw new IllegalArgumentException("greedy: need a mode and maxNeighbours >= 1, got " + mode + ", " + maxNeighbours);
            }
        }
    }

    public static final Params DEFAULTS = new Params(Mode.HILL_CLIMB, 64);
    private final Params params;
    private final Deque<Genome> queue = new ArrayDeque<>();
    /** Results of the current batch by key, in arrival order (cached ones first). */
    private final Map<String, Scored> batch = new LinkedHashMap<>();
    private int outstanding;
    private Scored incumbent;
    private boolean startBatch;
    private int position;
    private boolean improvedInPass;

    public GreedyStrategy(SearchSpace space, Objective objective, long seed, Params params) {
        super("greedy", space, objective, seed, params);
        this.params = params;
    }

    @Override
    protected Genome propose() {
        while (true) {
            if (!queue.isEmpty()) {
                Genome g = queue.poll();
                String key = space.key(g);
                Double known = scoreOf(key);
                if (known != null) {
                    batch.put(key, new Scored(g, key, known));
                    continue;
                }
                if (!isNew(key)) {
                    continue;
                }
                outstanding++;
                return g;
            }
            if (outstanding > 0) {
                return null;
            }
            if (!advance()) {
                finished = true;
                return null;
            }
        }
    }

    /** Chooses the next batch from the finished one; false when no new start point exists. */
    private boolean advance() {
        Scored bestOfBatch = null;
        for (Scored s : batch.values()) {
            if (bestOfBatch == null || s.score() > bestOfBatch.score()) {
                bestOfBatch = s;
            }
        }
        batch.clear();
        if (startBatch || incumbent == null) {
            if (startBatch && bestOfBatch != null) {
                incumbent = bestOfBatch;
                startBatch = false;
                position = 0;
                improvedInPass = false;
                return nextBatch();
            }
            return restart();
        }
        if (bestOfBatch != null && bestOfBatch.score() > incumbent.score()) {
            incumbent = bestOfBatch;
            improvedInPass = true;
        } else if (params.mode() == Mode.HILL_CLIMB) {
            return restart();
        }
        if (params.mode() == Mode.CONSTRUCT) {
            position++;
        }
        return nextBatch();
    }

    private boolean restart() {
        incumbent = null;
        Genome g = sampleNew(RandomStrategy.DEFAULTS.maxAttempts());
        if (g == null) {
            return false;
        }
        startBatch = true;
        queue.add(g);
        return true;
    }

    private boolean nextBatch() {
        if (params.mode() == Mode.HILL_CLIMB) {
            List<Genome> ns = new ArrayList<>(Operators.neighbours(space, incumbent.genome()));
            // A seeded partial shuffle picks the subset when the neighbourhood is too big for one batch.
            int n = Math.min(ns.size(), params.maxNeighbours());
            for (int i = 0; i < n; i++) {
                int j = i + rng.nextInt(ns.size() - i);
                queue.add(ns.get(j));
                ns.set(j, ns.get(i));
            }
            return true;
        }
        List<String> names = space.activeNames(incumbent.genome());
        while (position < names.size()) {
            String name = names.get(position);
            int size = space.decision(name).size();
            for (int v = 0; v < size; v++) {
                if (v != incumbent.genome().get(name)) {
                    Genome g = incumbent.genome().with(name, v);
                    if (space.isFeasible(g)) {
                        queue.add(g);
                    }
                }
            }
            if (!queue.isEmpty()) {
                return true;
            }
            position++;
        }
        if (improvedInPass) {
            position = 0;
            improvedInPass = false;
            return nextBatch();
        }
        return restart();
    }

    @Override
    protected void onResult(Candidate candidate, double score) {
        outstanding--;
        batch.put(candidate.key(), new Scored(candidate.genome(), candidate.key(), score));
    }
}
