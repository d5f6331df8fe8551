package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Analysis over random valid nested architectures: accepted, shapes agree, totals are row sums. */
class ArchitectureAnalysisProperties {
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void analyze_randomValidSpec_agreesWithGeneratorAndSumsRows(long seed) {
        RandomArchitectures gen = new RandomArchitectures(new SplittableRandom(seed));
        for (int i = 0; i < 25; i++) {
            ArchitectureSpec spec = gen.next();
            Analysis a = ArchitectureAnalysis.analyze(spec);
            assertArrayEquals(gen.lastShape(), a.outputShape(), spec::toString);
            assertEquals(a.layers().stream().mapToLong(LayerInfo::parameters).sum(), a.parameters());
            assertEquals(a.layers().stream().mapToLong(LayerInfo::flops).sum(), a.flops());
            Set<String> paths = new HashSet<>();
            for (LayerInfo l : a.layers()) {
                assertTrue(paths.add(l.path()), "duplicate path " + l.path());
                assertTrue(l.path().startsWith("body/"), l.path());
                assertTrue(l.parameters() >= 0 && l.flops() >= 0);
            }
            assertEquals(a, ArchitectureAnalysis.analyze(spec), "analysis must be deterministic");
        }
    }
}
