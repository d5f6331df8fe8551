package dev.jnas.search.strategy;

import dev.jnas.search.Decision;
import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Toy spaces of n ternary decisions with analytic objectives, and a driver that plays the engine. */
final class ToyProblems {
    private ToyProblems() {
    }

    static SearchSpace ternary(int n) {
        SearchSpace.Builder b = SearchSpace.builder("ternary-" + n);
        for (int i = 0; i < n; i++) {
            b.global(Decision.of("x" + i, 0, 1, 2));
        }
        return b.build();
    }

    /**
     * A structured objective: a weighted match to the target {@code i % 3} per decision plus a bonus
     * for each adjacent pair matching together; its maximum is {@link #maxStructured}.
     */
    static double structured(Genome g, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            boolean hit = g.get("x" + i) == i % 3;
            s += hit ? 1 + 0.1 * i : 0;
            if (hit && i + 1 < n && g.get("x" + (i + 1)) == (i + 1) % 3) {
                s += 0.5;
            }
        }
        return s;
    }

    static double maxStructured(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += 1 + 0.1 * i + (i + 1 < n ? 0.5 : 0);
        }
        return s;
    }

    /**
     * Runs {@code strategy} for {@code budget} evaluations with up to {@code parallel} in flight, telling
     * results oldest first, and returns the best objective value seen.
     */
    static double run(Strategy strategy, int n, int budget, int parallel) {
        Deque<Candidate> flight = new ArrayDeque<>();
        int used = 0;
        double best = Double.NEGATIVE_INFINITY;
        while (used < budget) {
            while (flight.size() < parallel && used + flight.size() < budget) {
                Optional<Candidate> c = strategy.ask();
                if (c.isEmpty()) {
                    break;
                }
                flight.add(c.get());
            }
            if (flight.isEmpty()) {
                break;
            }
            Candidate c = flight.poll();
            double v = structured(c.genome(), n);
            best = Math.max(best, v);
            strategy.tell(c.id(), EvaluationResult.of("val_accuracy", v));
            used++;
        }
        return best;
    }
}
