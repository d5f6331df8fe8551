package dev.jnas.search.strategy;

import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.SearchSpaces;
import dev.jnas.search.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyTest {
    private static final Objective ACC = Objective.parse("val_accuracy");

    /** Budgets within which each strategy must hit the optimum of the 3^4 = 81 point toy space. */
    private static final Map<String, Integer> SMALL_BUDGET = Map.of(
            "random", 81, "grid", 81, "greedy", 60, "genetic", 60, "evolution", 60);

    static Stream<String> names() {
        return StrategyRegistry.names().stream();
    }

    private static Map<String, Object> smallParams(String name) {
        return switch (name) {
            case "genetic" -> Map.of("populationSize", 8, "generations", 20);
            case "evolution" -> Map.of("populationSize", 8, "sampleSize", 3);
            case "greedy" -> Map.of("maxNeighbours", 16);
            default -> Map.of();
        };
    }

    @ParameterizedTest
    @MethodSource("names")
    void search_smallToySpace_findsOptimumWithinBudgetForTenSeeds(String name) {
        SearchSpace space = ToyProblems.ternary(4);
        for (long seed : Seeds.first(10).toList()) {
            Strategy s = StrategyRegistry.create(name, space, ACC, seed, smallParams(name));
            double best = ToyProblems.run(s, 4, SMALL_BUDGET.get(name), 1);
            assertEquals(ToyProblems.maxStructured(4), best, 1e-9, name + " seed " + seed);
            assertEquals(best, s.best().orElseThrow().score(), 1e-9);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void ask_severalInFlight_neverRepeatsAKey(String name) {
        SearchSpace space = ToyProblems.ternary(5);
        Strategy s = StrategyRegistry.create(name, space, ACC, 7, smallParams(name));
        Set<String> keys = new HashSet<>();
        List<Candidate> flight = new ArrayList<>();
        for (int step = 0; step < 150; step++) {
            List<Candidate> got = s.ask(4 - flight.size());
            for (Candidate c : got) {
                assertTrue(keys.add(c.key()), name + " repeated " + c.key());
            }
            flight.addAll(got);
            if (flight.isEmpty()) {
                break;
            }
            // Tell newest first to exercise out-of-order results.
            Candidate c = flight.remove(flight.size() - 1);
            s.tell(c.id(), EvaluationResult.of("val_accuracy", ToyProblems.structured(c.genome(), 5)));
        }
        assertTrue(keys.size() >= 60, name + " proposed only " + keys.size());
    }

    @ParameterizedTest
    @MethodSource("names")
    void restore_snapshotMidRunWithCandidatesInFlight_continuesWithSameProposals(String name) {
        SearchSpace space = name.equals("grid") ? SearchSpaces.demo(1, 8, 8, 10) : SearchSpaces.imageClassification(1, 8, 8, 10);
        Strategy original = StrategyRegistry.create(name, space, ACC, 11, smallParams(name));
        List<Candidate> flight = new ArrayList<>();
        drive(original, flight, 25);
        StrategySnapshot snap = StrategySnapshot.fromJson(original.snapshot().toJson());
        Strategy restored = StrategyRegistry.restore(space, snap);
        assertEquals(original.inFlight(), restored.inFlight());
        List<Candidate> flightCopy = new ArrayList<>(flight);
        List<String> a = drive(original, flight, 25);
        List<String> b = drive(restored, flightCopy, 25);
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        assertEquals(original.best().map(Scored::key), restored.best().map(Scored::key));
    }

    /** Keeps two in flight, tells the oldest with a score derived from its key; returns proposed keys. */
    private static List<String> drive(Strategy s, List<Candidate> flight, int steps) {
        List<String> proposed = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            for (Candidate c : s.ask(2 - flight.size())) {
                proposed.add(c.key());
                flight.add(c);
            }
            if (flight.isEmpty()) {
                break;
            }
            Candidate c = flight.remove(0);
            double score = (c.key().hashCode() & 0xffff) / 65536.0;
            s.tell(c.id(), i % 7 == 3 ? EvaluationResult.failed() : EvaluationResult.of("val_accuracy", score));
        }
        return proposed;
    }

    @Test
    void grid_demoSpace_proposesEveryDistinctFeasibleArchitectureOnceThenFinishes() {
        SearchSpace space = SearchSpaces.demo(1, 8, 8, 10);
        Strategy s = StrategyRegistry.create("grid", space, ACC, 1);
        Set<String> keys = new HashSet<>();
        Optional<Candidate> c;
        while ((c = s.ask()).isPresent()) {
            assertTrue(keys.add(c.get().key()));
            s.tell(c.get().id(), EvaluationResult.of("val_accuracy", 0.5));
        }
        assertTrue(s.isFinished());
        Set<String> all = new HashSet<>();
        for (int i = 0; i < space.size().intValue(); i++) {
            all.add(space.key(space.genomeAt(java.math.BigInteger.valueOf(i))));
        }
        assertEquals(all, keys);
    }

    @Test
    void grid_spaceAboveMaxSize_failsNamingSizeAndLimit() {
        SearchSpace space = SearchSpaces.imageClassification(1, 8, 8, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrategyRegistry.create("grid", space, ACC, 1, Map.of("maxSize", 1000)));
        assertTrue(e.getMessage().contains("more than maxSize 1000"), e.getMessage());
    }

    @Test
    void registry_unknownNameOrParameter_failsListingChoices() {
        SearchSpace space = ToyProblems.ternary(3);
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> StrategyRegistry.create("annealing", space, ACC, 1));
        assertTrue(e1.getMessage().contains("[random, grid, greedy, genetic, evolution"), e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> StrategyRegistry.create("evolution", space, ACC, 1, Map.of("populaton", 5)));
        assertTrue(e2.getMessage().contains("populaton"), e2.getMessage());
    }

    @Test
    void registry_overrides_replaceOnlyNamedDefaults() {
        Record p = StrategyRegistry.params("genetic", Map.of("elitism", 4));
        assertEquals(new GeneticStrategy.Params(20, 3, 0.9, 0.9, 4, 25), p);
        assertEquals(new GreedyStrategy.Params(GreedyStrategy.Mode.CONSTRUCT, 64),
                StrategyRegistry.params("greedy", Map.of("mode", "construct")));
    }

    @Test
    void objective_minusLoss_prefersLowerLossAndFailsLowest() {
        Objective o = Objective.parse("-val_loss");
        assertTrue(o.score(Map.of("val_loss", 0.1)) > o.score(Map.of("val_loss", 0.5)));
        assertEquals(Double.NEGATIVE_INFINITY, o.score(Map.of()));
        assertEquals("-val_loss", o.toString());
    }

    @Test
    void genetic_generations_finishesAfterConfiguredCount() {
        SearchSpace space = ToyProblems.ternary(6);
        GeneticStrategy s = (GeneticStrategy) StrategyRegistry.create("genetic", space, ACC, 3,
                Map.of("populationSize", 6, "generations", 3));
        ToyProblems.run(s, 6, 1000, 3);
        assertTrue(s.isFinished());
        assertEquals(2, s.generation());
    }

    @Test
    void greedy_constructMode_reachesOptimumOfSeparableObjective() {
        SearchSpace space = ToyProblems.ternary(8);
        Strategy s = StrategyRegistry.create("greedy", space, ACC, 5, Map.of("mode", "construct"));
        assertEquals(ToyProblems.maxStructured(8), ToyProblems.run(s, 8, 60, 1), 1e-9);
    }

    @Test
    void candidate_genome_isFeasibleInConstrainedSpace() {
        SearchSpace space = SearchSpaces.imageClassification(1, 28, 28, 10);
        for (String name : List.of("random", "greedy", "genetic", "evolution")) {
            Strategy s = StrategyRegistry.create(name, space, ACC, 2, smallParams(name));
            for (Candidate c : s.ask(4)) {
                Genome g = c.genome();
                assertTrue(space.isFeasible(g), name);
                assertEquals(space.key(g), c.key());
            }
        }
    }
}
