package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON round trip over random nested sequential/parallel architectures. */
class ArchitectureJsonProperties {
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
