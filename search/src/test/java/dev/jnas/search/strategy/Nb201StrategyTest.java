package dev.jnas.search.strategy;

import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.search.Genome;
import dev.jnas.search.Nb201Space;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.SearchSpaces;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every registered strategy runs over the NAS-Bench-201 space through plain ask/tell, and resumes from a snapshot. */
class Nb201StrategyTest {
    private static final SearchSpace SPACE = SearchSpaces.nasBench201();
    private static final Nb201Space NB = Nb201Space.of(SPACE);
    private static final Objective OBJECTIVE = Objective.parse("val_accuracy");

    static Stream<String> strategies() {
        return Stream.concat(StrategyRegistry.names().stream(), Stream.of("greedy-construct"));
    }

    private static Strategy create(String name, long seed) {
        return name.equals("greedy-construct")
                ? StrategyRegistry.create("greedy", SPACE, OBJECTIVE, seed, Map.of("mode", "construct"))
                : StrategyRegistry.create(name, SPACE, OBJECTIVE, seed);
    }

    /** A made-up score: 3x3 convs on the edges into the output count most, then the cell index breaks ties. */
    private static double score(Genome g) {
        Nb201Cell c = NB.cell(g);
        double s = 0;
        for (int k = 0; k < Nb201Cell.EDGES; k++) {
            s += c.ops().get(k).ordinal() * (Nb201Cell.to(k) == 3 ? 2 : 1);
        }
        return s + NB.cellIndex(g) * 1e-6;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void askTell_nb201Space_proposesDistinctValidCellsAndTracksTheBest(String name) {
        Strategy s = create(name, 11);
        Deque<Candidate> flight = new ArrayDeque<>();
        Set<String> keys = new HashSet<>();
        double best = Double.NEGATIVE_INFINITY;
        int told = 0;
        while (told < 120) {
            while (flight.size() < 3) {
                Optional<Candidate> c = s.ask();
                if (c.isEmpty()) {
                    break;
                }
                assertEquals(NB.architectureString(c.get().genome()), c.get().key());
                assertEquals(c.get().key(), Nb201Cell.parse(c.get().key()).toString());
                assertTrue(keys.add(c.get().key()), name + " proposed " + c.get().key() + " twice");
                flight.add(c.get());
            }
            assertTrue(!flight.isEmpty(), name + " stopped proposing after " + told);
            Candidate c = flight.poll();
            double v = score(c.genome());
            best = Math.max(best, v);
            s.tell(c.id(), EvaluationResult.of("val_accuracy", v));
            told++;
        }
        assertEquals(best, s.best().orElseThrow().score());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void restore_nb201SnapshotMidSearch_continuesWithTheSameProposals(String name) {
        Strategy a = create(name, 5);
        drive(a, 40);
        Strategy b = StrategyRegistry.restore(SPACE, a.snapshot());
        List<String> fromA = drive(a, 15);
        List<String> fromB = drive(b, 15);
        assertEquals(fromA, fromB);
    }

    private static List<String> drive(Strategy s, int steps) {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Candidate c = s.ask().orElseThrow();
            keys.add(c.key());
            s.tell(c.id(), EvaluationResult.of("val_accuracy", score(c.genome())));
        }
        return keys;
    }
}
