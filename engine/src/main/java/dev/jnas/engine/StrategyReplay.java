package dev.jnas.engine;

import dev.jnas.engine.journal.JournalRecord;
import dev.jnas.search.strategy.Candidate;
import dev.jnas.search.strategy.EvaluationResult;
import dev.jnas.search.strategy.StrategySnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds a strategy from the journal. Why the journal and not snapshot + later tells: the journal
 * is synced per record and holds every ask (pending lines, plus counted empty asks) and every tell
 * in the order they happened, so replaying all of it into a fresh strategy (strategies are
 * deterministic functions of their seed and call sequence) gives exactly the pre-crash state; a
 * snapshot alone would miss the asks made after it. The snapshot serves as a cross-check: its
 * events must be a prefix of the replayed strategy's, or the code or space changed.
 */
final class StrategyReplay {
    private StrategyReplay() {
    }

    static void replay(Experiment e, List<JournalRecord> records) {
        Map<Integer, Candidate> pending = new LinkedHashMap<>();
        Map<Integer, JournalRecord> pendingRecords = new LinkedHashMap<>();
        Map<Integer, JournalRecord> completed = new HashMap<>();
        for (JournalRecord r : records) {
            if (r.event().equals(JournalRecord.RUNNING)) {
                continue;
            }
            if (r.event().equals(JournalRecord.COMPLETED)) {
                // Not a strategy call: a result awaiting its tell, which the resumed run makes without training again.
                completed.put(r.trial(), r);
                continue;
            }
            for (int i = 0; i < r.emptyAsks(); i++) {
                Optional<Candidate> c = e.strategy.ask();
                if (c.isPresent()) {
                    throw diverged(r, "an empty ask proposed candidate " + c.get().id());
                }
            }
            if (r.event().equals(JournalRecord.PENDING)) {
                pending.put(r.trial(), ask(e, r));
                pendingRecords.put(r.trial(), r);
            } else {
                Candidate c = pending.remove(r.trial());
                pendingRecords.remove(r.trial());
                if (c == null) {
                    c = ask(e, r);
                }
                e.strategy.tell(c.id(), new EvaluationResult(Experiment.told(r)));
            }
        }
        e.rerun.addAll(pending.values());
        e.rerunRecords.addAll(pendingRecords.values());
        for (Integer trial : pending.keySet()) {
            if (completed.containsKey(trial)) {
                e.completedResults.put(trial, completed.get(trial));
            }
        }
        checkSnapshot(e);
    }

    private static Candidate ask(Experiment e, JournalRecord r) {
        Candidate c = e.strategy.ask().orElseThrow(() -> diverged(r, "the strategy proposed nothing"));
        if (c.id() != r.candidateId() || !c.key().equals(r.key())) {
            throw diverged(r, "the strategy proposed candidate " + c.id() + " key " + c.key());
        }
        return c;
    }

    private static IllegalStateException diverged(JournalRecord r, String what) {
        return new IllegalStateException("resume: replay diverged at trial " + r.trial() + " (candidate " + r.candidateId()
                + ", key " + r.key() + "): " + what + "; was the space, strategy or code changed?");
    }

    private static void checkSnapshot(Experiment e) {
        if (!Files.isRegularFile(e.dir.snapshot())) {
            return;
        }
        StrategySnapshot saved;
        try {
            saved = StrategySnapshot.fromJson(Files.readString(e.dir.snapshot()));
        } catch (IOException ex) {
            throw new UncheckedIOException("resume: cannot read " + e.dir.snapshot(), ex);
        }
        List<StrategySnapshot.Event> want = trimEmptyAsks(saved.events());
        List<StrategySnapshot.Event> got = e.strategy.snapshot().events();
        if (want.size() > got.size() || !got.subList(0, want.size()).equals(want)) {
            throw new IllegalStateException("resume: " + e.dir.snapshot() + " (" + want.size()
                    + " events) is not a prefix of the journal replay (" + got.size() + " events)");
        }
    }

    private static List<StrategySnapshot.Event> trimEmptyAsks(List<StrategySnapshot.Event> events) {
        List<StrategySnapshot.Event> out = new ArrayList<>(events);
        while (!out.isEmpty() && out.get(out.size() - 1).type().equals("ask") && out.get(out.size() - 1).id() == -1) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
