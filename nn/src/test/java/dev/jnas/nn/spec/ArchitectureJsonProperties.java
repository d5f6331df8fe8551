package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON round trip over random nested sequential/parallel/cell architectures. */
class ArchitectureJsonProperties {
    @Test
    void generator_coversCellsZeroEdgesAndPaddedPools() {
        RandomArchitectures gen = new RandomArchitectures(new SplittableRandom(7));
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            all.append(ArchitectureJson.toJson(gen.next()));
        }
        for (String must : new String[] {"\"type\": \"cell\"", "\"type\": \"zero\"", "\"padding\": 1}", "\"from\": 2"}) {
            assertTrue(all.indexOf(must) >= 0, "the random architectures never contain " + must);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void fromJson_toJsonOfRandomSpec_returnsEqualSpecAndSameText(long seed) {
        RandomArchitectures gen = new RandomArchitectures(new SplittableRandom(seed));
        for (int i = 0; i < 25; i++) {
            ArchitectureSpec spec = gen.next();
            String json = ArchitectureJson.toJson(spec);
            ArchitectureSpec back = ArchitectureJson.fromJson(json);
            assertEquals(spec, back, json);
            assertEquals(json, ArchitectureJson.toJson(back), "canonical text must be stable");
        }
    }
}
