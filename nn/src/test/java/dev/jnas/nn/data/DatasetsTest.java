package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    @Test
    void digits_embedded_has1797ScaledImagesOfTenPlausibleClasses() {
        Dataset d = Datasets.digits();
        assertEquals(1797, d.size());
        assertArrayEquals(new int[] {1, 8, 8}, d.inputShape());
        assertEquals(10, d.numClasses());
        for (int c : d.classCounts()) {
            assertTrue(c >= 170 && c <= 190, "class count " + c);
        }
        float max = 0;
        for (float v : d.features().data()) {
            assertTrue(v >= 0f && v <= 1f, "pixel " + v);
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 0f);
        // First row of the UCI file: 0,0,5,13,9,1,0,0 ... label 0.
        assertEquals(0, d.label(0));
        assertEquals(5 / 16f, d.features().get(0, 0, 0, 2), 0f);
    }

    @Test
    void digitsSplit_fixed_isStratifiedQuarterAndRepeatable() {
        Split s = Datasets.digitsSplit();
        assertEquals(1797, s.train().size() + s.test().size());
        assertTrue(Math.abs(s.test().size() - 449) <= 5, "test size " + s.test().size());
        int[] counts = s.test().classCounts();
        for (int c : counts) {
            assertTrue(c >= 43 && c <= 46, "held-out class count " + c);
        }
        Split again = Datasets.digitsSplit();
        assertArrayEquals(s.test().features().data(), again.test().features().data());
        assertArrayEquals(s.test().labels(), again.test().labels());
    }

    @Test
    void load_unknownName_listsAcceptedNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("imagenet", dir));
        for (String n : Datasets.NAMES) {
            assertTrue(e.getMessage().contains(n), e.getMessage());
        }
    }

    @Test
    void load_missingDataDir_asksForDataDir() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("mnist", null));
        assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.load("cifar10", dir.resolve("nope")));
    }

    @Test
    void load_digitsByName_ignoresDataDir() throws IOException {
        assertEquals(1797, Datasets.load("Digits", null).train().size() + Datasets.load("digits", dir).test().size());
    }

    @Test
    void load_csvFile_splitsHeldOutQuarter() throws IOException {
        StringBuilder sb = new StringBuilder("f1,f2,label\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i).append(',').append(i * 2).append(',').append(i % 2).append('\n');
        }
        Path p = Files.writeString(dir.resolve("all.csv"), sb);
        Split s = Datasets.load("csv", p);
        assertEquals(30, s.train().size());
        assertEquals(10, s.test().size());
        assertEquals(2, s.test().numClasses());
    }

    @Test
    void load_csvDirectory_alignsClassCounts() throws IOException {
        Files.writeString(dir.resolve("train.csv"), "1,0\n2,1\n3,2\n");
        Files.writeString(dir.resolve("test.csv"), "1,0\n");
        Split s = Datasets.load("csv", dir);
        assertEquals(3, s.train().numClasses());
        assertEquals(3, s.test().numClasses());
    }

    @Test
    void load_fashionMnistNames_attachedToIdxData() throws IOException {
        byte[] img = TestData.idxImages(2, 2, 2, new byte[8]);
        byte[] lab = TestData.idxLabels(new byte[] {9, 0});
        TestData.write(dir.resolve(IdxReader.TRAIN_IMAGES), img);
        TestData.write(dir.resolve(IdxReader.TRAIN_LABELS), lab);
        TestData.write(dir.resolve(IdxReader.TEST_IMAGES + ".gz"), TestData.gzip(img));
        TestData.write(dir.resolve(IdxReader.TEST_LABELS + ".gz"), TestData.gzip(lab));
        Split s = Datasets.load("fashion-mnist", dir);
        assertEquals("Ankle boot", s.test().classNames().get(s.test().label(0)));
        assertEquals(10, Datasets.load("kmnist", dir).train().numClasses());
        assertEquals(10, Datasets.load("idx", dir).train().numClasses());
    }

    @Test
    void load_realMnist10k_hasExpectedCountsAndLabels() throws IOException {
        Path mnist = TestData.sharedData("mnist-10k");
        Assumptions.assumeTrue(mnist != null, "../shared/data/mnist-10k not present");
        Split s = Datasets.load("mnist", mnist);
        assertEquals(8000, s.train().size());
        assertEquals(2000, s.test().size());
        assertArrayEquals(new int[] {1, 28, 28}, s.train().inputShape());
        Set<Integer> labels = new HashSet<>();
        for (int y : s.train().labels()) {
            labels.add(y);
        }
        assertEquals(10, labels.size());
        for (int c : s.train().classCounts()) {
            assertTrue(c > 600 && c < 1000, "class count " + c);
        }
        float max = 0;
        for (float v : s.test().features().data()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 0f);
        Normalizer nz = Normalizer.fit(s.train(), Normalizer.Kind.STANDARDIZE);
        // MNIST's well-known pixel mean is about 0.13 and std about 0.31.
        assertEquals(0.13, nz.shift()[0], 0.02);
        assertEquals(1 / 0.31, nz.scale()[0], 0.3);
    }
}
