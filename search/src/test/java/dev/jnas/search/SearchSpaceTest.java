package dev.jnas.search;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceTest {
    private static Decision three(String name) {
        return Decision.of(name, "a", "b", "c");
    }

    @Test
    void size_fixedLayersOfThreeTypes_isThreeToTheN() {
        for (int n = 1; n <= 40; n += 13) {
            SearchSpace s = SearchSpace.builder("t").stage(Stage.generic("layers", n, n, three("type"))).build();
            assertEquals(BigInteger.valueOf(3).pow(n), s.size(), "n=" + n);
        }
    }

    @Test
    void size_variableLayerCount_sumsOverCounts() {
        SearchSpace s = SearchSpace.builder("t").stage(Stage.generic("layers", 1, 3, three("type"))).build();
        assertEquals(BigInteger.valueOf(3 + 9 + 27), s.size());
    }

    @Test
    void size_conditionalDecisions_countsActiveOnly() {
        // conv with 2 filter choices, pool and identity without: 4 per slot; 1..3 slots = 84; classifier 0..1 = 2; lr 2.
        assertEquals(BigInteger.valueOf(84 * 2 * 2), SearchSpaces.demo(1, 8, 8, 10).size());
    }

    @Test
    void size_nestedConditions_matchesBruteForce() {
        SearchSpace s = SearchSpace.builder("t").global(
                Decision.of("type", "p", "q"),
                Decision.of("branches", 2, 3).when("type", "q"),
                Decision.of("k1", 1, 3, 5).when("type", "q"),
                Decision.of("k2", 1, 3, 5).when("type", "q").when("branches", 3),
                Decision.of("x", 1, 2)).build();
        // p: 2 (x); q: branches=2: 3*2, branches=3: 3*3*2
        assertEquals(BigInteger.valueOf(2 + 6 + 18), s.size());
    }

    @Test
    void genomeAt_everyIndexOfDemo_isBijectiveWithIndexOf() {
        SearchSpace s = SearchSpaces.demo(1, 8, 8, 10);
        Set<Genome> seen = new HashSet<>();
        for (int i = 0; i < s.size().intValue(); i++) {
            Genome g = s.genomeAt(BigInteger.valueOf(i));
            assertEquals(BigInteger.valueOf(i), s.indexOf(g));
            assertTrue(seen.add(g), "duplicate genome at " + i);
        }
    }

    @Test
    void log10Size_hugeSpace_isAccurate() {
        SearchSpace s = SearchSpace.builder("t").stage(Stage.generic("layers", 1000, 1000, three("type"))).build();
        assertEquals(1000 * Math.log10(3), s.log10Size(), 1e-9);
        assertTrue(s.describe().contains("log10 477.12"), s.describe());
    }

    @Test
    void describe_defaultSpace_listsDecisionsConditionsAndSize() {
        SearchSpace s = SearchSpaces.imageClassification(1, 28, 28, 10);
        String d = s.describe();
        assertTrue(d.contains("features.<i>.kernel_b2 in [1, 3, 5] when type in [parallel] and branches in [3]"), d);
        assertTrue(d.contains("train.optimizer in [sgd, momentum, adam]"), d);
        assertTrue(d.contains("size: " + s.size()), d);
    }

    @Test
    void definitionJson_defaultSpaces_roundTripToEqualSpaces() {
        for (SearchSpace s : List.of(SearchSpaces.imageClassification(3, 32, 32, 10), SearchSpaces.demo(1, 8, 8, 10))) {
            SpaceDefinition back = SpaceDefinition.fromJson(s.definition().toJson());
            assertEquals(s.definition(), back);
            assertEquals(s.size(), new SearchSpace(back).size());
        }
    }

    @Test
    void docsExamples_everyJsonBlock_parsesAndReportsDocumentedSize() throws IOException {
        String md = Files.readString(Path.of("../docs/search-space.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```\\n+Size: (\\d+)", Pattern.DOTALL).matcher(md);
        int blocks = 0;
        while (m.find()) {
            SearchSpace s = new SearchSpace(SpaceDefinition.fromJson(m.group(1)));
            assertEquals(new BigInteger(m.group(2)), s.size(), "example " + s.name());
            blocks++;
        }
        assertTrue(blocks >= 2, "expected at least two examples with sizes, found " + blocks);
    }

    @Test
    void construct_denseInFeaturesStage_isRejectedNamingTheType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stage.features("f", 1, 2, Decision.of("type", "conv", "dense")));
        assertTrue(e.getMessage().contains("'type' has choice dense"), e.getMessage());
    }

    @Test
    void construct_classifierBeforeFeatures_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder("t")
                .input(1, 8, 8, 10).stage(Stage.classifier("head", 1, 1)).stage(Stage.features("f", 1, 1)).build());
        assertTrue(e.getMessage().contains("dense layers cannot feed convolutions"), e.getMessage());
    }

    @Test
    void construct_conditionOnLaterOrUnknownDecision_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder("t")
                .global(Decision.of("a", 1, 2).when("b", 1), Decision.of("b", 1, 2)).build());
        assertTrue(e.getMessage().contains("condition on 'b'"), e.getMessage());
    }

    @Test
    void construct_kernelOutOfRange_isRejectedNamingDecision() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stage.features("f", 1, 2, Decision.of("kernel", 3, 9)));
        assertTrue(e.getMessage().contains("'kernel' has choice 9"), e.getMessage());
    }

    @Test
    void fromJson_badField_namesLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpaceDefinition.fromJson("{\"name\": \"x\",\n \"stages\": [{\"name\": \"f\", \"kind\": \"wide\"}]}"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void validate_genomeMissingDecision_namesIt() {
        SearchSpace s = SearchSpaces.demo(1, 8, 8, 10);
        Genome g = s.genomeAt(BigInteger.ZERO);
        java.util.Map<String, Integer> m = new java.util.TreeMap<>(g.values());
        m.remove("train.learning_rate");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.validate(new Genome(m)));
        assertTrue(e.getMessage().contains("'train.learning_rate'"), e.getMessage());
    }

    @Test
    void trainingChoice_defaultSpace_exposesTypedSettings() {
        SearchSpace s = SearchSpaces.imageClassification(1, 8, 8, 10);
        Genome g = s.genomeAt(BigInteger.ZERO).with("train.learning_rate", 2).with("train.optimizer", 2);
        TrainingChoice t = s.trainingChoice(g);
        assertEquals(0.01, t.learningRate(1), 0);
        assertEquals(32, t.batchSize(1));
        assertEquals("adam", t.optimizer("sgd"));
    }
}
