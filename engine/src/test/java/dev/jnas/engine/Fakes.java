package dev.jnas.engine;

import dev.jnas.engine.config.ConfigLoader;
import dev.jnas.engine.config.ExperimentConfig;
import dev.jnas.engine.trial.TrialContext;
import dev.jnas.engine.trial.TrialEvaluator;
import dev.jnas.engine.trial.TrialRequest;
import dev.jnas.engine.trial.TrialResult;
import dev.jnas.search.Genome;
import dev.jnas.search.SearchSpace;
import dev.jnas.search.SearchSpaces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Fake evaluators and configs shared by the engine tests. */
final class Fakes {
    private Fakes() {
    }

    static SearchSpace demoSpace() {
        return SearchSpaces.demo(1, 8, 8, 10);
    }

    /** Two genomes of {@code space} with different keys, drawn from a fixed seed. */
    static Genome[] twoDistinctGenomes(SearchSpace space) {
        SplittableRandom rng = new SplittableRandom(3);
        Genome a = space.sample(rng);
        Genome b = space.sample(rng);
        while (space.key(b).equals(space.key(a))) {
            b = space.sample(rng);
        }
        return new Genome[] {a, b};
    }

    /** A config for the demo space with {@code overrides} (dotted paths). */
    static ExperimentConfig config(Path out, Map<String, String> overrides) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("search.space", "demo");
        o.put("search.strategy", "evolution");
        o.put("search.strategyParams.populationSize", "4");
        o.put("search.strategyParams.sampleSize", "2");
        o.put("budget.maxTrials", "12");
        o.put("budget.epochsPerTrial", "2");
        o.put("execution.workers", "1");
        o.put("execution.seed", "7");
        o.put("execution.snapshotEvery", "3");
        o.put("execution.outputDir", out.toString());
        o.putAll(overrides);
        return ConfigLoader.withOverrides(ExperimentConfig.defaults(), o);
    }

    /** An analytic score from the key, parameter count and seed: deterministic, no training. */
    static double score(TrialRequest r) {
        double fromKey = (r.key().hashCode() & 0xffff) / 65536.0;
        double fromSeed = new SplittableRandom(r.seed()).nextDouble() * 0.01;
        return 0.5 + 0.4 * fromKey + fromSeed;
    }

    static TrialResult analytic(TrialRequest r) {
        double acc = score(r);
        List<Map<String, Double>> history = new ArrayList<>();
        for (int e = 0; e < r.epochs(); e++) {
            history.add(Map.of("val_accuracy", acc * (e + 1) / r.epochs(), "train_loss", 1.0 / (e + 1)));
        }
        return TrialResult.succeeded(Map.of("val_accuracy", acc, "val_loss", 1 - acc), history, 1, r.parameters(), r.flops());
    }

    /** Analytic evaluator that also counts calls per key. */
    static class Counting implements TrialEvaluator {
        final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
        final long sleepMillis;

        Counting(long sleepMillis) {
            this.sleepMillis = sleepMillis;
        }

        @Override
        public TrialResult evaluate(TrialRequest request, TrialContext ctx) {
            calls.computeIfAbsent(request.key(), k -> new AtomicInteger()).incrementAndGet();
            sleepPolling(sleepMillis, ctx);
            return analytic(request);
        }

        @Override
        public TrialResult evaluateFinal(TrialRequest best, boolean retrain, TrialContext ctx) {
            return TrialResult.succeeded(Map.of("test_accuracy", score(best) - 0.01), List.of(), 1, best.parameters(), best.flops());
        }
    }

    /** Sleeps in small steps, returning early when cancelled. */
    static void sleepPolling(long millis, TrialContext ctx) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end && !ctx.isCancelled()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
