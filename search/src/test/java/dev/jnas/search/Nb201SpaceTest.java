package dev.jnas.search;

import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.nn.spec.nb201.Nb201Network;
import dev.jnas.nn.spec.nb201.Nb201Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAS-Bench-201 space: size, genome/cell/string bijections, keys, decoding, operators. */
class Nb201SpaceTest {
    private static final Nb201Space NB = Nb201Space.create();
    private static final String EXAMPLE =
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

    @Test
    void space_nasBench201_hasSixFiveWayDecisionsAnd15625Genomes() {
        SearchSpace s = NB.space();
        assertEquals(BigInteger.valueOf(15_625), s.size());
        assertEquals(List.of("edge_0_1", "edge_0_2", "edge_1_2", "edge_0_3", "edge_1_3", "edge_2_3"), s.decisionNames());
        for (String n : s.decisionNames()) {
            assertEquals(List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"), s.decision(n).choices());
        }
        assertSame(NB, Nb201Space.of(s));
        assertTrue(s.isDecodable());
    }

    @Test
    void everyCell_genomeKeyIndexAndString_roundTripExactly() {
        SearchSpace s = NB.space();
        Set<String> keys = new HashSet<>();
        for (Nb201Cell cell : Nb201Cell.all()) {
            Genome g = NB.genome(cell);
            String key = s.key(g);
            assertEquals(cell.toString(), key);
            assertEquals(cell.toString(), NB.architectureString(g));
            assertEquals(cell.index(), NB.cellIndex(g));
            assertEquals(cell, NB.cell(g));
            assertEquals(g, NB.parse(key));
            assertTrue(s.isFeasible(g));
            keys.add(key);
        }
        assertEquals(Nb201Cell.SIZE, keys.size());
    }

    @Test
    void genomeAt_allIndexes_enumeratesEveryCellOnce() {
        SearchSpace s = NB.space();
        boolean[] seen = new boolean[Nb201Cell.SIZE];
        for (int i = 0; i < Nb201Cell.SIZE; i++) {
            Genome g = s.genomeAt(BigInteger.valueOf(i));
            int cell = NB.cellIndex(g);
            assertTrue(!seen[cell], "cell " + cell + " enumerated twice");
            seen[cell] = true;
            assertEquals(BigInteger.valueOf(i), s.indexOf(g));
        }
    }

    @Test
    void decode_exampleCell_isTheBenchmarkNetworkWithItsAnalysis() {
        Genome g = NB.parse(EXAMPLE);
        DecodeResult r = NB.space().decode(g);
        assertEquals(Nb201Network.architecture(Nb201Cell.parse(EXAMPLE)), r.spec());
        assertEquals(ArchitectureAnalysis.analyze(r.spec()).parameters(), r.parameters());
        assertTrue(r.feasible());
        Nb201Space small = Nb201Space.create(8, 1, 1, 8, 8, 3);
        assertEquals(Nb201Network.architecture(Nb201Cell.parse(EXAMPLE), 8, 1, 1, 8, 8, 3), small.space().decode(small.parse(EXAMPLE)).spec());
    }

    @Test
    void genome_foreignOrBroken_rejectedNamingTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nb201Space.of(SearchSpaces.demo(1, 8, 8, 10)));
        assertTrue(e.getMessage().contains("'demo' is not a NAS-Bench-201 space"), e.getMessage());
        Genome bad = NB.parse(EXAMPLE).with("edge_1_3", 5);
        e = assertThrows(IllegalArgumentException.class, () -> NB.space().key(bad));
        assertTrue(e.getMessage().contains("'edge_1_3' = 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NB.parse("|nor_conv_3x3~0|+|bogus~0|"));
        assertTrue(e.getMessage().contains("unknown operation 'bogus'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nb201Space.create(16, 5, 3, 30, 32, 10));
        assertTrue(e.getMessage().contains("multiples of 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SearchSpace(SearchSpace.builder("x").input(1, 8, 8, 2).definition(), NB));
        assertTrue(e.getMessage().contains("neither an input nor constraints"), e.getMessage());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.search.Seeds#seeds")
    void operators_randomCell_mutantsAndNeighboursAreOtherValidCells(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SearchSpace s = NB.space();
        Genome g = s.sample(rng);
        String own = s.key(g);
        Genome m = Operators.mutate(s, g, rng);
        assertNotEquals(own, s.key(m));
        Nb201Cell.parse(s.key(m));
        List<Genome> ns = Operators.neighbours(s, g);
        assertEquals(Nb201Cell.EDGES * (Nb201Op.values().length - 1), ns.size());
        Set<String> keys = new HashSet<>();
        for (Genome n : ns) {
            int differing = 0;
            for (String d : s.decisionNames()) {
                differing += n.get(d) != g.get(d) ? 1 : 0;
            }
            assertEquals(1, differing);
            assertTrue(keys.add(s.key(n)));
        }
        Genome other = s.sample(rng);
        Genome child = Operators.crossover(s, g, other, rng);
        for (String d : s.decisionNames()) {
            assertTrue(child.get(d) == g.get(d) || child.get(d) == other.get(d), d + " inherited from neither parent");
        }
    }
}
