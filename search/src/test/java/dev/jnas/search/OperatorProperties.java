package dev.jnas.search;

import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.DenseSpec;
import dev.jnas.nn.spec.LayerSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorProperties {
    private static final List<SearchSpace> SPACES = List.of(
            SearchSpaces.imageClassification(1, 8, 8, 10),
            SearchSpaces.imageClassification(1, 28, 28, 10),
            SearchSpaces.imageClassification(3, 32, 32, 10),
            // Tight limits make many genomes infeasible, so the operators must reject and retry.
            SearchSpaces.imageClassificationDefinition(1, 8, 8, 4).constraints(20_000, 1_000_000).build(),
            SearchSpaces.demo(1, 8, 8, 3));

    private static SearchSpace pick(SplittableRandom rng) {
        return SPACES.get(rng.nextInt(SPACES.size()));
    }

    /** Decodes, re-analyses with nn, and checks validity, constraints and the appended classifier. */
    private static void assertValid(SearchSpace s, Genome g, String what) {
        s.validate(g);
        DecodeResult r = s.decode(g);
        assertNull(r.violation(), what + " infeasible: " + s.describe(g));
        Analysis a = ArchitectureAnalysis.analyze(r.spec());
        InputShape in = s.definition().input();
        assertArrayEquals(new int[] {in.classes()}, a.outputShape(), what);
        assertTrue(a.parameters() <= s.constraints().maxParameters(), what + " parameters " + a.parameters());
        assertTrue(a.flops() <= s.constraints().maxFlops(), what + " flops " + a.flops());
        assertEquals(a.parameters(), r.parameters(), what);
        List<LayerSpec> layers = r.spec().body().layers();
        assertEquals(new DenseSpec(in.classes()), layers.get(layers.size() - 1), what);
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void sample_anySeed_decodesToValidArchitectureWithinConstraints(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (SearchSpace s : SPACES) {
            assertValid(s, s.sample(rng), s.name() + " sample");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void mutate_chainOfMutations_staysValidAndChangesKey(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = pick(rng);
        Genome g = s.sample(rng);
        for (int i = 0; i < 8; i++) {
            Genome m = Operators.mutate(s, g, rng);
            assertValid(s, m, s.name() + " mutation " + i);
            assertNotEquals(s.key(g), s.key(m), "mutation " + i + " kept the architecture");
            g = m;
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void mutateOnce_everyKind_changesStructureAsNamed(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = SPACES.get(0);
        Genome g = s.sample(rng);
        int count = s.count(g, 0);
        Genome added = Operators.apply(s, g, Operators.Mutation.ADD_LAYER, rng);
        Genome removed = Operators.apply(s, g, Operators.Mutation.REMOVE_LAYER, rng);
        int total = count + s.count(g, 1);
        assertEquals(total + (total < s.stage(0).maxCount() + s.stage(1).maxCount() ? 1 : 0),
                s.count(added, 0) + s.count(added, 1));
        assertEquals(total - 1, s.count(removed, 0) + s.count(removed, 1), "features count " + count);
        Genome changed = Operators.apply(s, g, Operators.Mutation.CHANGE, rng);
        long diffs = s.activeNames(g).stream().filter(n -> g.get(n) != changed.get(n)).count();
        assertEquals(1, diffs);
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void crossover_twoParents_childValidAndInheritsEveryDecision(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = pick(rng);
        Genome a = s.sample(rng);
        Genome b = s.sample(rng);
        Genome c = Operators.crossover(s, a, b, rng);
        assertValid(s, c, s.name() + " crossover");
        for (String n : s.decisionNames()) {
            assertTrue(c.get(n) == a.get(n) || c.get(n) == b.get(n), n);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void operators_sameSeed_giveSameGenomes(long seed) {
        SearchSpace s = SPACES.get(new SplittableRandom(seed).nextInt(SPACES.size()));
        SplittableRandom r1 = new SplittableRandom(seed);
        SplittableRandom r2 = new SplittableRandom(seed);
        Genome a1 = s.sample(r1);
        Genome a2 = s.sample(r2);
        assertEquals(a1, a2);
        assertEquals(Operators.mutate(s, a1, r1), Operators.mutate(s, a2, r2));
        Genome b = s.sample(r1);
        assertEquals(Operators.crossover(s, a1, b, r1), Operators.crossover(s, a2, s.sample(r2), r2));
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void genomeJson_roundTrip_givesEqualGenome(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = pick(rng);
        Genome g = s.sample(rng);
        Genome back = Genome.fromJson(g.toJson());
        assertEquals(g, back);
        assertEquals(s.key(g), s.key(back));
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void key_inactiveDecisionsRandomised_isUnchanged(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = pick(rng);
        Genome g = s.sample(rng);
        java.util.Set<String> active = new java.util.HashSet<>(s.activeNames(g));
        Map<String, Integer> m = new TreeMap<>(g.values());
        for (String n : s.decisionNames()) {
            if (!active.contains(n)) {
                m.put(n, rng.nextInt(s.decision(n).size()));
            }
        }
        Genome other = new Genome(m);
        assertEquals(s.decode(g).spec(), s.decode(other).spec());
        assertEquals(s.key(g), s.key(other));
        assertEquals(s.key(g), s.key(s.canonical(g)));
        assertEquals(s.indexOf(g), s.indexOf(other));
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void key_equalArchitectures_equalKeysAndDifferentOnesDiffer(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = SPACES.get(0);
        List<Genome> gs = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            gs.add(s.sampleUnconstrained(rng));
        }
        // Short chains so that equal architectures actually occur among 30 samples.
        gs.replaceAll(g -> g.with("features.count", 0).with("classifier.count", 0));
        List<String> archs = gs.stream().map(g -> s.decode(g).spec() + "|" + s.trainingChoice(g)).toList();
        List<String> keys = gs.stream().map(s::key).toList();
        for (int a = 0; a < gs.size(); a++) {
            for (int b = 0; b < gs.size(); b++) {
                assertEquals(archs.get(a).equals(archs.get(b)), keys.get(a).equals(keys.get(b)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void key_identitySlotInserted_sameKeyAsShorterChain(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = SPACES.get(0);
        Genome g = s.sampleUnconstrained(rng);
        if (s.count(g, 0) == s.stage(0).maxCount()) {
            g = Operators.removeSlot(s, g, 0, rng.nextInt(s.count(g, 0)));
        }
        int pos = rng.nextInt(s.count(g, 0) + 1);
        Genome longer = Operators.insertSlot(s, g, 0, pos, rng);
        Genome withIdentity = longer.with("features." + pos + ".type", s.decision("features.0.type").indexOf("identity"));
        assertEquals(s.key(g), s.key(withIdentity), s.describe(g) + " vs " + s.describe(withIdentity));
    }
}
