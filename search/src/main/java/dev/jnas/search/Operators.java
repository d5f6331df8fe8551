package dev.jnas.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Variation operators over a {@link SearchSpace}: mutation (change one active decision, add or remove a
 * layer, add or remove a branch), crossover (decision-wise for globals and training, slot-wise for
 * stages) and the one-change neighbourhood used by hill climbing. Each returns feasible genomes only
 * (retrying with the same random stream, then falling back deterministically), so the same seed always
 * gives the same result.
 */
public final class Operators {
    /** Bound on rejection loops; a space needing more is over-constrained. */
    static final int MAX_ATTEMPTS = 1000;
    private static final int RETRIES = 100;

    /** The kinds of mutation, chosen among those applicable to the genome. */
    public enum Mutation { CHANGE, ADD_LAYER, REMOVE_LAYER, BRANCH }

    private Operators() {
    }

    /**
     * A feasible mutant of {@code g} with a different key where one exists within the retry budget;
     * otherwise a fresh feasible sample.
     */
    public static Genome mutate(SearchSpace space, Genome g, SplittableRandom rng) {
        String own = space.key(g);
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Genome m = mutateOnce(space, g, rng);
            String k = space.keyIfFeasible(m);
            if (k != null && !k.equals(own)) {
                return m;
            }
        }
        return space.sample(rng);
    }

    /** One unconstrained mutation of a kind drawn among the applicable ones (the result may be infeasible). */
    public static Genome mutateOnce(SearchSpace space, Genome g, SplittableRandom rng) {
        List<Mutation> structural = new ArrayList<>();
        for (Mutation m : List.of(Mutation.ADD_LAYER, Mutation.REMOVE_LAYER, Mutation.BRANCH)) {
            if (!candidates(space, g, m).isEmpty()) {
                structural.add(m);
            }
        }
        Mutation kind = structural.isEmpty() || rng.nextBoolean() ? Mutation.CHANGE : structural.get(rng.nextInt(structural.size()));
        return apply(space, g, kind, rng);
    }

    /** Applies one mutation of {@code kind}; returns {@code g} unchanged when the kind does not apply. */
    public static Genome apply(SearchSpace space, Genome g, Mutation kind, SplittableRandom rng) {
        List<String> where = candidates(space, g, kind);
        if (where.isEmpty()) {
            return g;
        }
        String target = where.get(rng.nextInt(where.size()));
        switch (kind) {
            case CHANGE -> {
                int size = space.decision(target).size();
                return g.with(target, (g.get(target) + 1 + rng.nextInt(size - 1)) % size);
            }
            case BRANCH -> {
                int size = space.decision(target).size();
                int v = g.get(target);
                int nv = v == 0 ? 1 : v == size - 1 ? v - 1 : v + (rng.nextBoolean() ? 1 : -1);
                return g.with(target, nv);
            }
            case ADD_LAYER -> {
                int k = stageIndex(space, target);
                return insertSlot(space, g, k, rng.nextInt(space.count(g, k) + 1), rng);
            }
            case REMOVE_LAYER -> {
                int k = stageIndex(space, target);
                return removeSlot(space, g, k, rng.nextInt(space.count(g, k)));
            }
            default -> throw new IllegalStateException("mutate: unknown kind " + kind);
        }
    }

    /** Genome names a mutation of {@code kind} may target (stage names for layer changes). */
    private static List<String> candidates(SearchSpace space, Genome g, Mutation kind) {
        List<String> out = new ArrayList<>();
        switch (kind) {
            case CHANGE -> {
                for (String n : space.activeNames(g)) {
                    if (space.decision(n).size() > 1) {
                        out.add(n);
                    }
                }
            }
            case BRANCH -> {
                for (String n : space.activeNames(g)) {
                    if (n.endsWith(".branches") && space.decision(n).size() > 1) {
                        out.add(n);
                    }
                }
            }
            case ADD_LAYER, REMOVE_LAYER -> {
                for (int k = 0; k < space.stageCount(); k++) {
                    Stage s = space.stage(k);
                    int c = space.count(g, k);
                    if (kind == Mutation.ADD_LAYER ? c < s.maxCount() : c > s.minCount()) {
                        out.add(s.name());
                    }
                }
            }
            default -> throw new IllegalStateException("mutate: unknown kind " + kind);
        }
        return out;
    }

    private static int stageIndex(SearchSpace space, String stageName) {
        for (int k = 0; k < space.stageCount(); k++) {
            if (space.stage(k).name().equals(stageName)) {
                return k;
            }
        }
        throw new IllegalArgumentException("mutate: no stage '" + stageName + "'");
    }

    /** Inserts a uniformly sampled slot at position {@code p} of stage {@code k}, shifting later slots up. */
    static Genome insertSlot(SearchSpace space, Genome g, int k, int p, SplittableRandom rng) {
        Stage s = space.stage(k);
        int c = space.count(g, k);
        Map<String, Integer> ch = new HashMap<>();
        for (int i = c; i > p; i--) {
            copySlot(space, g, k, i - 1, i, ch);
        }
        int[] fresh = space.slotGroup(k).sample(rng);
        for (int j = 0; j < fresh.length; j++) {
            ch.put(s.name() + "." + p + "." + s.decisions().get(j).name(), fresh[j]);
        }
        ch.put(s.name() + ".count", c + 1 - s.minCount());
        return g.with(ch);
    }

    /** Removes slot {@code p} of stage {@code k}; later slots shift down and the removed one becomes the inactive tail. */
    static Genome removeSlot(SearchSpace space, Genome g, int k, int p) {
        Stage s = space.stage(k);
        int c = space.count(g, k);
        Map<String, Integer> ch = new HashMap<>();
        for (int i = p; i < c - 1; i++) {
            copySlot(space, g, k, i + 1, i, ch);
        }
        copySlot(space, g, k, p, c - 1, ch);
        ch.put(s.name() + ".count", c - 1 - s.minCount());
        return g.with(ch);
    }

    private static void copySlot(SearchSpace space, Genome g, int k, int from, int to, Map<String, Integer> ch) {
        Stage s = space.stage(k);
        for (Decision d : s.decisions()) {
            ch.put(s.name() + "." + to + "." + d.name(), g.get(s.name() + "." + from + "." + d.name()));
        }
    }

    /**
     * A feasible child taking each global and training decision from either parent and each stage's
     * count and slots whole from either parent; falls back to {@code a} if no feasible mix is found.
     */
    public static Genome crossover(SearchSpace space, Genome a, Genome b, SplittableRandom rng) {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            Map<String, Integer> child = new TreeMap<>(a.values());
            Map<String, Boolean> slotFromB = new HashMap<>();
            for (String n : space.decisionNames()) {
                String unit = unitOf(space, n);
                boolean fromB = slotFromB.computeIfAbsent(unit, u -> rng.nextBoolean());
                if (fromB) {
                    child.put(n, b.get(n));
                }
            }
            Genome c = new Genome(child);
            if (space.isFeasible(c)) {
                return c;
            }
        }
        return a;
    }

    /** The inherited unit a decision belongs to: its slot for stage decisions, itself otherwise. */
    private static String unitOf(SearchSpace space, String name) {
        for (int k = 0; k < space.stageCount(); k++) {
            String prefix = space.stage(k).name() + ".";
            if (name.startsWith(prefix) && !name.equals(prefix + "count")) {
                int dot = name.indexOf('.', prefix.length());
                return name.substring(0, dot);
            }
        }
        return name;
    }

    /**
     * Feasible genomes one step from {@code g}: one active decision changed (a stage count included, which
     * adds or drops the last slot) or one slot removed; distinct keys, none equal to {@code g}'s, in a
     * deterministic order.
     */
    public static List<Genome> neighbours(SearchSpace space, Genome g) {
        Set<String> seen = new LinkedHashSet<>();
        seen.add(space.key(g));
        List<Genome> out = new ArrayList<>();
        for (String n : space.activeNames(g)) {
            int size = space.decision(n).size();
            for (int v = 0; v < size; v++) {
                if (v != g.get(n)) {
                    addIfNew(space, g.with(n, v), seen, out);
                }
            }
        }
        for (int k = 0; k < space.stageCount(); k++) {
            if (space.count(g, k) > space.stage(k).minCount()) {
                for (int p = 0; p < space.count(g, k) - 1; p++) {
                    addIfNew(space, removeSlot(space, g, k, p), seen, out);
                }
            }
        }
        return out;
    }

    private static void addIfNew(SearchSpace space, Genome c, Set<String> seen, List<Genome> out) {
        String k = space.keyIfFeasible(c);
        if (k != null && seen.add(k)) {
            out.add(c);
        }
    }
}
