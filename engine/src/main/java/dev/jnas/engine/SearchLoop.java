package dev.jnas.engine;

import dev.jnas.engine.journal.Journal;
import dev.jnas.engine.journal.JournalRecord;
import dev.jnas.engine.trial.TrialFailures;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.engine.trial.TrialStatus;
import dev.jnas.search.DecodeResult;
import dev.jnas.search.Constraints;
import dev.jnas.search.strategy.Candidate;
import dev.jnas.search.strategy.EvaluationResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single-threaded ask / dispatch / collect / tell loop behind {@link Experiment#run}. With tell order
 * {@code trial} results wait in {@link #ready} until every earlier trial has been told, and trial
 * {@code i + inFlight} is asked right after trial {@code i} is told, so the strategy sees one call sequence
 * whatever the timing; with {@code completion} results are told as they arrive and a free worker asks at once.
 */
final class SearchLoop {
    private record Running(Candidate candidate, TrialRequest request, TrialCtx ctx, long startNanos, Future<?> future) {
    }

    private record Completion(int trial, TrialResult result, Throwable error, long nanos) {
    }

    /** A trial's end, waiting for its tell (the arguments of {@link #finish}). */
    private record Outcome(Candidate candidate, TrialRequest request, TrialResult result, boolean withGenome,
                           TrialRecord dupOf) {
    }

    /** An admitted trial waiting for a free worker (tell order trial: more trials in flight than workers). */
    private record Queued(int trial, Candidate candidate, TrialRequest request) {
    }

    private final Experiment e;
    private final Journal journal;
    private final WorkerBackend backend;
    private final ProgressListener listener;
    private final BlockingQueue<Completion> done = new LinkedBlockingQueue<>();
    private final Map<Integer, Running> running = new LinkedHashMap<>();
    private final Map<String, List<Candidate>> held = new HashMap<>();
    private final Map<Candidate, Integer> heldTrial = new HashMap<>();
    private final Map<String, TrialRecord> evaluated = new HashMap<>();
    private final List<TrialRecord> finished = new ArrayList<>();
    private final String metric;
    private final boolean maximize;
    private final long priorElapsed;
    private final long sessionStart = System.nanoTime();
    private final boolean ordered;
    private final int inFlight;
    private final TreeMap<Integer, Outcome> ready = new TreeMap<>();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final Set<Integer> toldBefore = new HashSet<>();
    private int nextTrial;
    private int nextTell;
    /** Tell order trial: the last ask proposed nothing; the next ask waits for a tell (which may change that). */
    private boolean starved;
    private boolean stopping;
    private int emptyAsks;
    private int tellsSinceSnapshot;

    SearchLoop(Experiment e, Journal journal, WorkerBackend backend, ProgressListener listener) {
        this.e = e;
        this.journal = journal;
        this.backend = backend;
        this.listener = listener;
        this.metric = e.config.objective().metric();
        this.maximize = "maximize".equals(e.config.objective().direction());
        TrialHistory h = TrialHistory.of(e.replayed);
        for (TrialRecord t : h.finished()) {
            remember(t);
        }
        long prior = 0;
        int maxTrial = -1;
        for (JournalRecord r : e.replayed) {
            prior = Math.max(prior, r.elapsedMillis());
            maxTrial = Math.max(maxTrial, r.trial());
        }
        this.priorElapsed = prior;
        this.nextTrial = maxTrial + 1;
        this.ordered = e.config.execution().tellsInTrialOrder();
        this.inFlight = e.config.execution().effectiveInFlight(e.split.workers());
        for (TrialRecord t : h.finished()) {
            toldBefore.add(t.trial());
        }
        skipTold();
    }

    ExperimentOutcome run() {
        int maxTrials = e.config.budget().maxTrials();
        Duration budget = e.timeBudget();
        listener.experimentStarted(e.dir.root(), maxTrials, finished.size());
        for (int i = 0; i < e.rerun.size(); i++) {
            int trial = e.rerunRecords.get(i).trial();
            JournalRecord done = e.completedResults.get(trial);
            if (done != null) {
                resumeCompleted(e.rerun.get(i), trial, done);
            } else {
                admit(e.rerun.get(i), trial, false);
            }
        }
        String stop;
        while (true) {
            if (budget != null && elapsed() >= budget.toMillis()) {
                cancelAll("wall-clock budget " + e.config.budget().timeBudget() + " reached");
                stop = "time-budget";
                break;
            }
            boolean starvedNow = ordered ? drain() : askForFreeWorkers(maxTrials);
            if (running.isEmpty() && held.isEmpty() && queue.isEmpty()) {
                if (nextTrial >= maxTrials) {
                    stop = "max-trials";
                    break;
                }
                if (e.strategy.isFinished() || starvedNow) {
                    stop = "strategy-finished";
                    break;
                }
                continue;
            }
            collect(budget);
        }
        // Cancelled trials, told in trial order after the ones that finished before them.
        stopping = true;
        drain();
        writeSnapshot();
        Map<TrialStatus, Long> counts = new EnumMap<>(TrialStatus.class);
        finished.forEach(t -> counts.merge(t.status(), 1L, Long::sum));
        return new ExperimentOutcome(e.dir.root(), stop, counts, best(), elapsed());
    }

    /** Tell order completion: asks while a worker is free; true when the strategy proposed nothing. */
    private boolean askForFreeWorkers(int maxTrials) {
        while (running.size() < e.split.workers() && nextTrial < maxTrials && !e.strategy.isFinished()) {
            Optional<Candidate> c = e.strategy.ask();
            if (c.isEmpty()) {
                emptyAsks++;
                return true;
            }
            admit(c.get(), nextTrial++, true);
        }
        return false;
    }

    /**
     * Tell order trial: tells the ready results in trial order, asking after each tell until {@link #inFlight}
     * trials are asked but not told, then starts queued trials on free workers. Returns {@link #starved}.
     */
    private boolean drain() {
        while (true) {
            refill();
            int trial = nextTell;
            Outcome o = ready.remove(trial);
            if (o == null) {
                break;
            }
            nextTell++;
            skipTold();
            starved = false;
            finish(trial, o.candidate(), o.request(), o.result(), o.withGenome(), o.dupOf());
        }
        startQueued();
        return starved;
    }

    private void refill() {
        int maxTrials = e.config.budget().maxTrials();
        while (!stopping && !starved && nextTrial - nextTell < inFlight && nextTrial < maxTrials && !e.strategy.isFinished()) {
            Optional<Candidate> c = e.strategy.ask();
            if (c.isEmpty()) {
                emptyAsks++;
                starved = true;
                return;
            }
            admit(c.get(), nextTrial++, true);
        }
    }

    private void skipTold() {
        while (toldBefore.contains(nextTell)) {
            nextTell++;
        }
    }

    private void startQueued() {
        while (running.size() < e.split.workers() && !queue.isEmpty()) {
            Queued q = queue.poll();
            start(q.trial(), q.candidate(), q.request());
        }
    }

    /**
     * Where a trial ended: told now (tell order completion) or kept until every earlier trial is told. A
     * worker's result that must wait is journaled as completed, so a resume tells it without training again.
     */
    private void complete(int trial, Candidate c, TrialRequest req, TrialResult r, boolean withGenome, TrialRecord dupOf,
                          boolean fromWorker) {
        if (!ordered) {
            finish(trial, c, req, r, withGenome, dupOf);
            return;
        }
        if (fromWorker && trial != nextTell) {
            journal.append(new JournalRecord(JournalRecord.COMPLETED, trial, c.id(), c.key(), null, null, r.parameters(),
                    r.flops(), null, r.status(), r.metrics(), r.history(), r.millis(), r.reason(), 0, elapsed(),
                    System.currentTimeMillis()));
        }
        ready.put(trial, new Outcome(c, req, r, withGenome, dupOf));
    }

    /**
     * A trial the journal shows completed but not told: its result waits for its tell again, untrained (told
     * at once if the experiment now tells in completion order).
     */
    private void resumeCompleted(Candidate c, int trial, JournalRecord done) {
        DecodeResult d = e.space.decode(c.genome());
        TrialRequest req = e.request(trial, c.key(), c.genome(), d, TrialSeeds.trialSeed(e.config.execution().seed(), trial));
        TrialResult r = new TrialResult(done.status(), done.metrics() == null ? Map.of() : done.metrics(),
                done.history() == null ? List.of() : done.history(), done.millis() == null ? 0 : done.millis(), done.reason(),
                done.parameters() == null ? 0 : done.parameters(), done.flops() == null ? 0 : done.flops());
        if (ordered) {
            ready.put(trial, new Outcome(c, req, r, false, null));
        } else {
            finish(trial, c, req, r, false, null);
        }
    }

    /**
     * Dedup, constraint check, then dispatch. {@code fresh} is false for trials re-run on resume,
     * whose pending line is already in the journal.
     */
    private void admit(Candidate c, int trial, boolean fresh) {
        TrialRecord known = evaluated.get(c.key());
        if (known != null) {
            if (ordered && fresh) {
                // Told later, after the trials before it: the pending line keeps the ask at its place for a replay.
                append(pending(trial, c, null, null));
            }
            finishDuplicate(trial, c, known);
            return;
        }
        if (held.containsKey(c.key()) || running.values().stream().anyMatch(r -> r.candidate().key().equals(c.key()))
                || queue.stream().anyMatch(q -> q.candidate().key().equals(c.key()))
                || ready.values().stream().anyMatch(o -> o.candidate().key().equals(c.key()))) {
            // Same key already training: wait for it rather than train twice.
            if (fresh) {
                append(pending(trial, c, null, null));
            }
            held.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c);
            heldTrial.put(c, trial);
            return;
        }
        DecodeResult d = e.space.decode(c.genome());
        long seed = TrialSeeds.trialSeed(e.config.execution().seed(), trial);
        String violation = d.violation() != null ? d.violation() : new Constraints(e.config.constraints().maxParameters(),
                e.config.constraints().maxFlops()).violation(d.parameters(), d.flops());
        if (violation != null) {
            TrialResult r = TrialResult.of(TrialStatus.PRUNED, "constraint: " + violation, 0, d.parameters(), d.flops());
            TrialRequest req = e.request(trial, c.key(), c.genome(), d, seed);
            if (ordered && fresh) {
                append(pending(trial, c, req, null));
            }
            complete(trial, c, req, r, fresh, null, false);
            return;
        }
        dispatch(trial, c, d, seed, fresh);
    }

    private void dispatch(int trial, Candidate c, DecodeResult d, long seed, boolean journalPending) {
        TrialRequest req = e.request(trial, c.key(), c.genome(), d, seed);
        if (journalPending) {
            append(pending(trial, c, req, null));
        }
        if (ordered && (running.size() >= e.split.workers() || !queue.isEmpty())) {
            // Started in trial order: the next tell waits for the earliest trial.
            queue.add(new Queued(trial, c, req));
        } else {
            start(trial, c, req);
        }
    }

    private void start(int trial, Candidate c, TrialRequest req) {
        TrialCtx ctx = new TrialCtx(e.split.kernelThreads(), trial, listener);
        long start = System.nanoTime();
        Future<?> f = backend.submit(req, ctx, (res, err) -> done.add(new Completion(trial, res, err, System.nanoTime() - start)));
        running.put(trial, new Running(c, req, ctx, start, f));
        journal.append(pending(trial, c, req, JournalRecord.RUNNING));
        listener.trialStarted(trial, c.key());
    }

    /** Waits briefly for a completion; enforces the per-trial time limit. */
    private void collect(Duration budget) {
        long waitMs = 20;
        Completion c;
        try {
            c = done.poll(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("experiment: interrupted", ex);
        }
        if (c != null) {
            Running r = running.remove(c.trial());
            if (r != null) {
                complete(c.trial(), r.candidate(), r.request(),
                        TrialFailures.classify(r.request(), c.result(), c.error(), c.nanos() / 1_000_000, metric), false, null, true);
            }
        }
        Duration limit = e.trialTimeLimit();
        if (limit != null) {
            long now = System.nanoTime();
            for (Running r : new ArrayList<>(running.values())) {
                if (now - r.startNanos() > limit.toNanos()) {
                    abort(r, TrialStatus.FAILED, "exceeded trial time limit " + e.config.budget().trialTimeLimit());
                }
            }
        }
    }

    private void abort(Running r, TrialStatus status, String reason) {
        r.ctx().cancelled.set(true);
        r.future().cancel(true);
        running.remove(r.request().trial());
        long ms = (System.nanoTime() - r.startNanos()) / 1_000_000;
        complete(r.request().trial(), r.candidate(), r.request(),
                TrialResult.of(status, reason, ms, r.request().parameters(), r.request().flops()), false, null,
                status != TrialStatus.CANCELLED);
    }

    private void cancelAll(String reason) {
        for (Running r : new ArrayList<>(running.values())) {
            abort(r, TrialStatus.CANCELLED, "cancelled: " + reason);
        }
        for (Queued q : queue) {
            complete(q.trial(), q.candidate(), q.request(), TrialResult.of(TrialStatus.CANCELLED, "cancelled: " + reason, 0,
                    q.request().parameters(), q.request().flops()), false, null, false);
        }
        queue.clear();
        for (Map.Entry<String, List<Candidate>> h : new ArrayList<>(held.entrySet())) {
            if (ready.values().stream().anyMatch(o -> o.candidate().key().equals(h.getKey())
                    && o.result().status() != TrialStatus.CANCELLED)) {
                // The original's result is in hand (waiting for its tell): its tell answers these duplicates.
                continue;
            }
            for (Candidate c : h.getValue()) {
                complete(heldTrial.remove(c), c, null, TrialResult.of(TrialStatus.CANCELLED, "cancelled: " + reason, 0, 0, 0),
                        false, null, false);
            }
            held.remove(h.getKey());
        }
    }

    private void finishDuplicate(int trial, Candidate c, TrialRecord known) {
        TrialResult told = new TrialResult(TrialStatus.DUPLICATE, known.status() == TrialStatus.SUCCEEDED ? known.metrics() : Map.of(),
                known.history(), 0, "duplicate of trial " + known.trial() + " (" + known.status() + ")", known.parameters(), known.flops());
        complete(trial, c, null, told, true, known, false);
    }

    /** Journals the terminal line, tells the strategy (same metrics as the journal), updates state and listener. */
    private TrialRecord finish(int trial, Candidate c, TrialRequest req, TrialResult r, boolean withGenome, TrialRecord dupOf) {
        Map<String, Double> metrics = r.metrics();
        long seed = req != null ? req.seed() : dupOf != null ? dupOf.seed() : TrialSeeds.trialSeed(e.config.execution().seed(), trial);
        String arch = withGenome ? (req != null ? req.architectureJson() : dupOf != null ? dupOf.architecture() : null) : null;
        JournalRecord line = new JournalRecord(JournalRecord.FINISHED, trial, c.id(), c.key(),
                withGenome ? c.genome().values() : null, arch, r.parameters(), r.flops(), withGenome ? seed : null,
                r.status(), metrics, r.history(), r.millis(), r.reason(), emptyAsks, elapsed(), System.currentTimeMillis());
        append(line);
        e.strategy.tell(c.id(), new EvaluationResult(Experiment.told(line)));
        TrialRecord rec = new TrialRecord(trial, c.id(), c.key(), c.genome().values(),
                req != null ? req.architectureJson() : dupOf != null ? dupOf.architecture() : null, r.parameters(), r.flops(),
                req != null ? req.seed() : seed, r.status(), metrics, r.history(), r.millis(), r.reason(), line.elapsedMillis());
        remember(rec);
        if (++tellsSinceSnapshot >= e.config.execution().snapshotEvery()) {
            writeSnapshot();
        }
        listener.trialFinished(rec, progress());
        List<Candidate> waiting = held.remove(c.key());
        if (waiting != null && rec.status() != TrialStatus.CANCELLED) {
            for (Candidate w : waiting) {
                finishDuplicate(heldTrial.remove(w), w, evaluated.get(c.key()));
            }
        } else if (waiting != null) {
            held.put(c.key(), waiting);
        }
        return rec;
    }

    private void remember(TrialRecord t) {
        finished.add(t);
        if (t.status() == TrialStatus.SUCCEEDED || t.status() == TrialStatus.FAILED || t.status() == TrialStatus.PRUNED) {
            evaluated.putIfAbsent(t.key(), t);
        }
    }

    private JournalRecord pending(int trial, Candidate c, TrialRequest req, String event) {
        return new JournalRecord(event == null ? JournalRecord.PENDING : event, trial, c.id(), c.key(),
                event == null ? c.genome().values() : null, event == null && req != null ? req.architectureJson() : null,
                req == null || event != null ? null : req.parameters(), req == null || event != null ? null : req.flops(),
                req == null || event != null ? null : req.seed(), event == null ? TrialStatus.PENDING : TrialStatus.RUNNING,
                null, null, null, null, event == null ? emptyAsks : 0, elapsed(), System.currentTimeMillis());
    }

    /** Appends a strategy-call line and resets the empty-ask count it carries. */
    private void append(JournalRecord r) {
        journal.append(r);
        emptyAsks = 0;
    }

    private void writeSnapshot() {
        ExperimentDir.writeAtomically(e.dir.snapshot(), e.strategy.snapshot().toJson());
        tellsSinceSnapshot = 0;
    }

    private long elapsed() {
        return priorElapsed + (System.nanoTime() - sessionStart) / 1_000_000;
    }

    private TrialRecord best() {
        return TrialHistory.best(finished, metric, maximize).orElse(null);
    }

    private ProgressListener.Progress progress() {
        int max = e.config.budget().maxTrials();
        long el = elapsed();
        Duration eta = null;
        int n = finished.size();
        if (n > 0 && n < max) {
            long byTrials = el / n * (max - n);
            Duration budget = e.timeBudget();
            eta = Duration.ofMillis(budget == null ? byTrials : Math.min(byTrials, Math.max(0, budget.toMillis() - el)));
        }
        return new ProgressListener.Progress(n, max, best(), Duration.ofMillis(el), eta);
    }
}
