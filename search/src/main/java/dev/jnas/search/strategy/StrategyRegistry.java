package dev.jnas.search.strategy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jnas.search.SearchSpace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strategies by name ({@code random}, {@code grid}, {@code greedy}, {@code genetic}, {@code evolution}),
 * each with a parameter record of defaults. Parameters given as a map (from a config file or the
 * command line) override the defaults field by field; unknown names are rejected.
 *
 * <p>Engine use: {@code Strategy s = StrategyRegistry.create("evolution", space, Objective.parse("val_accuracy"), seed, Map.of("populationSize", 30));}
 * then ask/tell (see {@link Strategy}); to resume, {@code StrategyRegistry.restore(space, snapshot)}.
 */
public final class StrategyRegistry {
    /** Creates a strategy from a space, objective, seed and a complete parameter record. */
    @FunctionalInterface
    public interface Factory<P extends Record> {
        Strategy create(SearchSpace space, Objective objective, long seed, P params);
    }

    private record Entry<P extends Record>(Class<P> type, P defaults, Factory<P> factory) {
        Strategy create(SearchSpace space, Objective objective, long seed, Object params) {
            return factory.create(space, objective, seed, type.cast(params));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Entry<?>> ENTRIES = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    static {
        ENTRIES.put("random", new Entry<>(RandomStrategy.Params.class, RandomStrategy.DEFAULTS, RandomStrategy::new));
        ENTRIES.put("grid", new Entry<>(GridStrategy.Params.class, GridStrategy.DEFAULTS, GridStrategy::new));
        ENTRIES.put("greedy", new Entry<>(GreedyStrategy.Params.class, GreedyStrategy.DEFAULTS, GreedyStrategy::new));
        ENTRIES.put("genetic", new Entry<>(GeneticStrategy.Params.class, GeneticStrategy.DEFAULTS, GeneticStrategy::new));
        ENTRIES.put("evolution", new Entry<>(EvolutionStrategy.Params.class, EvolutionStrategy.DEFAULTS, EvolutionStrategy::new));
    }

    private StrategyRegistry() {
    }

    /**
     * Registers another strategy under {@code name} (e.g. from the engine or a plugin); the defaults
     * record's fields are its parameter names.
     */
    public static synchronized <P extends Record> void register(String name, Class<P> type, P defaults, Factory<P> factory) {
        if (ENTRIES.containsKey(name)) {
            throw new IllegalArgumentException("strategy '" + name + "' is already registered");
        }
        ENTRIES.put(name, new Entry<>(type, defaults, factory));
    }

    /** Registered names, in registration order. */
    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }

    /** The default parameter record of {@code name}. */
    public static Record defaults(String name) {
        return entry(name).defaults();
    }

    /** The parameters {@code name} would run with: its defaults overridden by {@code overrides}. */
    @SuppressWarnings("unchecked")
    public static Record params(String name, Map<String, Object> overrides) {
        Entry<?> e = entry(name);
        Map<String, Object> merged = new LinkedHashMap<>(JSON.convertValue(e.defaults(), Map.class));
        merged.putAll(overrides);
        try {
            return JSON.convertValue(merged, e.type());
        } catch (IllegalArgumentException ex) {
            Throwable root = ex;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("strategy '" + name + "': bad parameters " + overrides + ": "
                    + root.getMessage().lines().findFirst().orElse("") + "; defaults are " + e.defaults(), ex);
        }
    }

    /** A strategy with default parameters. */
    public static Strategy create(String name, SearchSpace space, Objective objective, long seed) {
        return create(name, space, objective, seed, Map.of());
    }

    /** A strategy with its defaults overridden by {@code overrides} (e.g. {@code {"populationSize": 30}}). */
    public static Strategy create(String name, SearchSpace space, Objective objective, long seed, Map<String, Object> overrides) {
        return entry(name).create(space, objective, seed, params(name, overrides));
    }

    /** A fresh strategy in the state {@code snapshot} describes, ready to continue. */
    public static Strategy restore(SearchSpace space, StrategySnapshot snapshot) {
        Strategy s = create(snapshot.strategy(), space, Objective.parse(snapshot.objective()), snapshot.seed(), snapshot.params());
        for (StrategySnapshot.Event e : snapshot.events()) {
            if (e.type().equals("ask")) {
                long got = s.ask().map(Candidate::id).orElse(-1L);
                if (got != e.id()) {
                    throw new IllegalStateException("restore: replay of '" + snapshot.strategy() + "' diverged: ask gave id "
                            + got + ", snapshot recorded " + e.id() + " (different space or code version?)");
                }
            } else {
                s.tell(e.id(), new EvaluationResult(e.metrics()));
            }
        }
        return s;
    }

    private static Entry<?> entry(String name) {
        Entry<?> e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("strategy '" + name + "' unknown; expected one of " + names());
        }
        return e;
    }
}
