package dev.jnas.nn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.nn.data.Normalizer;
import dev.jnas.nn.spec.Architectures;
import dev.jnas.tensor.Tensor;
import dev.jnas.tensor.autodiff.Graph;
import dev.jnas.tensor.autodiff.Var;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Save/load identity and every kind of damaged file. */
class ModelFileTest {
    @TempDir
    Path dir;

    private static Model trainedResidual() {
        Model m = Model.build(Architectures.residualCnn(), 5);
        // One training forward moves the batch-norm running statistics off their initial values.
        m.forward(new Graph(), Var.constant(Tensor.uniform(new SplittableRandom(1), 0, 1, 4, 1, 28, 28)), true);
        return m;
    }

    @Test
    void saveLoad_residualModel_bitIdenticalPredictionsNormalizerAndMetadata() throws IOException {
        Model m = trainedResidual();
        Normalizer norm = new Normalizer(Normalizer.Kind.STANDARDIZE, new float[] {0.13f}, new float[] {3.2f});
        Path f = dir.resolve("sub/model.jnm");
        ModelFile.save(f, m, norm, Map.of("dataset", "mnist", "accuracy", "0.98"));
        LoadedModel loaded = ModelFile.load(f);
        Tensor x = Tensor.uniform(new SplittableRandom(2), -1, 1, 3, 1, 28, 28);
        assertArrayEquals(m.predict(x).data(), loaded.model().predict(x).data());
        assertEquals(norm, loaded.normalizer());
        assertEquals(Map.of("dataset", "mnist", "accuracy", "0.98"), loaded.metadata());
        assertEquals(m.spec(), loaded.model().spec());
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void load_flippedByte_failsNamingFileAndOffset(long seed) throws IOException {
        Path f = dir.resolve("m.jnm");
        ModelFile.save(f, Model.build(Architectures.digitsCnn(), seed), null, null);
        byte[] b = Files.readAllBytes(f);
        int at = new SplittableRandom(seed).nextInt(b.length);
        b[at] ^= (byte) (1 << new SplittableRandom(seed + 1).nextInt(8));
        Files.write(f, b);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("offset"), e.getMessage());
        String expected = at < 8 ? "header" : at < 12 ? "header" : at < 20 ? null : "checksum";
        if (expected != null) {
            assertEquals(expected, e.section(), e.getMessage());
        }
    }

    @Test
    void load_truncatedOrWrongMagic_clearErrors() throws IOException {
        Path f = dir.resolve("m.jnm");
        ModelFile.save(f, Model.build(Architectures.digitsCnn(), 1), null, Map.of());
        byte[] b = Files.readAllBytes(f);
        Path t = dir.resolve("trunc.jnm");
        Files.write(t, java.util.Arrays.copyOf(b, b.length - 100));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(t));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("trunc.jnm"), e.getMessage());
        Files.write(t, java.util.Arrays.copyOf(b, 10));
        e = assertThrows(ModelFormatException.class, () -> ModelFile.load(t));
        assertEquals("header", e.section());
        byte[] wrong = b.clone();
        wrong[0] = 'X';
        Files.write(t, wrong);
        e = assertThrows(ModelFormatException.class, () -> ModelFile.load(t));
        assertTrue(e.getMessage().contains("wrong magic") && e.offset() == 0, e.getMessage());
    }

    @Test
    void save_overwritesExistingFileAtomically() throws IOException {
        Path f = dir.resolve("m.jnm");
        ModelFile.save(f, Model.build(Architectures.digitsCnn(), 1), null, null);
        Model second = Model.build(Architectures.digitsCnn(), 2);
        ModelFile.save(f, second, null, null);
        Tensor x = Tensor.uniform(new SplittableRandom(3), 0, 1, 2, 1, 8, 8);
        assertArrayEquals(second.predict(x).data(), ModelFile.load(f).model().predict(x).data());
    }
}
