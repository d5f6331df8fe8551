package dev.jnas.search.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Shared bookkeeping for strategies: candidate ids, candidates in flight, the score of every
 * evaluated key, the best so far, and the ask/tell log that makes up the snapshot. Subclasses supply
 * {@link #propose()} (a genome with a new key, or null to wait) and {@link #onResult}.
 */
abstract class AbstractStrategy implements Strategy {
    private static final ObjectMapper JSON = new ObjectMapper();

    protected final SearchSpace space;
    protected final Objective objective;
    protected final SplittableRandom rng;
    private final String name;
    private final long seed;
    private final Record params;
    private final List<StrategySnapshot.Event> events = new ArrayList<>();
    private final Map<Long, Candidate> pending = new LinkedHashMap<>();
    private final Set<String> inFlightKeys = new HashSet<>();
    private final Map<String, Double> scores = new HashMap<>();
    private long nextId;
    private Scored best;
    protected boolean finished;

    AbstractStrategy(String name, SearchSpace space, Objective objective, long seed, Record params) {
        this.name = name;
        this.space = space;
        this.objective = objective;
        this.seed = seed;
        this.params = params;
        this.rng = new SplittableRandom(seed);
    }

    /** A feasible genome whose key is neither evaluated nor in flight, or null to wait (set {@link #finished} when done). */
    protected abstract Genome propose();

    /** Called once per told candidate, after its score is recorded. */
    protected abstract void onResult(Candidate candidate, double score);

    @Override
    public String name() {
        return name;
    }

    @Override
    public final Optional<Candidate> ask() {
        Genome g = finished ? null : propose();
        Candidate c = null;
        if (g != null) {
            String key = space.key(g);
            if (!isNew(key)) {
                throw new IllegalStateException(name + ": proposed key " + key + " twice");
            }
            c = new Candidate(nextId++, g, key);
            pending.put(c.id(), c);
            inFlightKeys.add(key);
        }
        events.add(new StrategySnapshot.Event("ask", c == null ? -1 : c.id(), Map.of()));
        return Optional.ofNullable(c);
    }

    @Override
    public final void tell(long candidateId, EvaluationResult result) {
        Candidate c = pending.remove(candidateId);
        if (c == null) {
            throw new IllegalArgumentException(name + ": tell for unknown or already told candidate " + candidateId);
        }
        inFlightKeys.remove(c.key());
        double score = objective.score(result.metrics());
        scores.put(c.key(), score);
        if (best == null || score > best.score()) {
            best = new Scored(c.genome(), c.key(), score);
        }
        events.add(new StrategySnapshot.Event("tell", candidateId, result.metrics()));
        onResult(c, score);
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public int inFlight() {
        return pending.size();
    }

    @Override
    public Optional<Scored> best() {
        return Optional.ofNullable(best);
    }

    @Override
    @SuppressWarnings("unchecked")
    public StrategySnapshot snapshot() {
        return new StrategySnapshot(name, JSON.convertValue(params, Map.class), objective.toString(), seed, events);
    }

    /** True when {@code key} was never evaluated and is not in flight. */
    protected boolean isNew(String key) {
        return !scores.containsKey(key) && !inFlightKeys.contains(key);
    }

    /** The score of an evaluated key, or null. */
    protected Double scoreOf(String key) {
        return scores.get(key);
    }

    /** Number of keys evaluated or in flight. */
    protected int seenCount() {
        return scores.size() + inFlightKeys.size();
    }

    /** A feasible uniform sample with a new key, or null after {@code attempts} draws found none. */
    protected Genome sampleNew(int attempts) {
        if (space.size().compareTo(java.math.BigInteger.valueOf(seenCount())) <= 0) {
            return null;
        }
        for (int i = 0; i < attempts; i++) {
            Genome g = space.sample(rng);
            if (isNew(space.key(g))) {
                return g;
            }
        }
        return null;
    }
}
