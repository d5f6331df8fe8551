package dev.jnas.search.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ask/tell search strategy. The engine loops: while fewer than its parallelism are in flight,
 * {@link #ask()}; an empty answer means "wait for results" (or, with {@link #isFinished()}, "done");
 * train each candidate's genome; {@link #tell} its result by id, in any order. Nothing here blocks or
 * trains. {@link #snapshot()} captures the state at any point; {@link StrategyRegistry#restore}
 * brings it back. Create strategies with {@link StrategyRegistry#create}.
 */
public interface Strategy {
    /** The registry name, e.g. {@code evolution}. */
    String name();

    /** The next candidate, or empty when none can be proposed until results arrive, or when finished. */
    Optional<Candidate> ask();

    /** Up to {@code max} candidates (fewer when the strategy must wait for results). */
    default List<Candidate> ask(int max) {
        List<Candidate> out = new ArrayList<>();
        while (out.size() < max) {
            Optional<Candidate> c = ask();
            if (c.isEmpty()) {
                break;
            }
            out.add(c.get());
        }
        return out;
    }

    /** Reports the result of candidate {@code candidateId}; each id exactly once. */
    void tell(long candidateId, EvaluationResult result);

    /** True when the strategy will propose nothing more (grid exhausted, generations done, ...). */
    boolean isFinished();

    /** Number of candidates asked and not yet told. */
    int inFlight();

    /** The best evaluated genome so far. */
    Optional<Scored> best();

    /** The state as serialisable data. */
    StrategySnapshot snapshot();
}
