package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void read_plainOrGzip_roundTripsPixelsAndLabels(long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(12);
        int rows = 1 + rng.nextInt(6);
        int cols = 1 + rng.nextInt(6);
        byte[] px = TestData.randomBytes(rng, n * rows * cols, 256);
        byte[] lb = TestData.randomBytes(rng, n, 10);
        byte[] img = TestData.idxImages(n, rows, cols, px);
        byte[] lab = TestData.idxLabels(lb);
        boolean gz = rng.nextBoolean();
        // The .gz suffix is deliberately not tied to the content: detection is by magic.
        Path pi = TestData.write(dir.resolve("img" + seed), gz ? TestData.gzip(img) : img);
        Path pl = TestData.write(dir.resolve("lab" + seed), rng.nextBoolean() ? TestData.gzip(lab) : lab);
        Dataset d = IdxReader.read(pi, pl, Dataset.numberedClasses(10));
        assertArrayEquals(new int[] {1, rows, cols}, d.inputShape());
        for (int i = 0; i < px.length; i++) {
            assertEquals((px[i] & 0xff) / 255f, d.features().data()[i], 0f);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(lb[i], d.label(i));
        }
    }

    private void writeMnistDir(Path d, int nTrain, int nTest, boolean gz) throws IOException {
        SplittableRandom rng = new SplittableRandom(nTrain * 31L + nTest);
        String sfx = gz ? ".gz" : "";
        byte[][] files = {
            TestData.idxImages(nTrain, 4, 3, TestData.randomBytes(rng, nTrain * 12, 256)),
            TestData.idxLabels(TestData.randomBytes(rng, nTrain, 3)),
            TestData.idxImages(nTest, 4, 3, TestData.randomBytes(rng, nTest * 12, 256)),
            TestData.idxLabels(TestData.randomBytes(rng, nTest, 3))};
        String[] names = {IdxReader.TRAIN_IMAGES, IdxReader.TRAIN_LABELS, IdxReader.TEST_IMAGES, IdxReader.TEST_LABELS};
        for (int i = 0; i < 4; i++) {
            TestData.write(d.resolve(names[i] + sfx), gz ? TestData.gzip(files[i]) : files[i]);
        }
    }

    @Test
    void readDirectory_gzippedMnistLayout_givesTrainAndTest() throws IOException {
        writeMnistDir(dir, 7, 5, true);
        Split s = IdxReader.readDirectory(dir, null);
        assertEquals(7, s.train().size());
        assertEquals(5, s.test().size());
        assertArrayEquals(new int[] {1, 4, 3}, s.test().inputShape());
        assertEquals(s.train().numClasses(), s.test().numClasses());
    }

    @Test
    void readDirectory_missingFile_namesIt() throws IOException {
        writeMnistDir(dir, 3, 2, false);
        Files.delete(dir.resolve(IdxReader.TEST_LABELS));
        IOException e = assertThrows(IOException.class, () -> IdxReader.readDirectory(dir, null));
        assertTrue(e.getMessage().contains(IdxReader.TEST_LABELS), e.getMessage());
    }

    @Test
    void readImages_wrongMagic_failsAtOffsetZero() throws IOException {
        byte[] img = TestData.idxImages(2, 2, 2, new byte[8]);
        img[3] = 0x01;
        Path p = TestData.write(dir.resolve("bad-magic"), img);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(p));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void readImages_truncatedData_failsAtEndOffset() throws IOException {
        byte[] img = TestData.idxImages(3, 2, 2, new byte[12]);
        Path p = TestData.write(dir.resolve("trunc.gz"), TestData.gzip(Arrays.copyOf(img, img.length - 5)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(p));
        assertEquals(img.length - 5, e.offset());
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("trunc.gz"), e.getMessage());
    }

    @Test
    void readImages_truncatedGzipStream_failsNamingFile() throws IOException {
        byte[] gz = TestData.gzip(TestData.idxImages(50, 10, 10, TestData.randomBytes(new SplittableRandom(5), 5000, 256)));
        Path p = TestData.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("cut.gz") && e.offset() >= 0, e.getMessage());
    }

    @Test
    void readImages_trailingBytes_failsAtDataEnd() throws IOException {
        byte[] img = TestData.idxImages(1, 2, 2, new byte[4]);
        Path p = TestData.write(dir.resolve("long"), Arrays.copyOf(img, img.length + 3));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(p));
        assertEquals(img.length, e.offset());
    }

    @Test
    void read_countMismatch_failsAtLabelCountOffset() throws IOException {
        Path pi = TestData.write(dir.resolve("i"), TestData.idxImages(3, 2, 2, new byte[12]));
        Path pl = TestData.write(dir.resolve("l"), TestData.idxLabels(new byte[] {0, 1}));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> IdxReader.read(pi, pl, Dataset.numberedClasses(10)));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("label count 2") && e.getMessage().contains("image count 3"), e.getMessage());
    }

    @Test
    void read_labelOutOfRange_failsAtThatLabelByte() throws IOException {
        Path pi = TestData.write(dir.resolve("i"), TestData.idxImages(3, 2, 2, new byte[12]));
        Path pl = TestData.write(dir.resolve("l"), TestData.idxLabels(new byte[] {0, 1, 12}));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> IdxReader.read(pi, pl, Dataset.numberedClasses(10)));
        assertEquals(8 + 2, e.offset());
        assertTrue(e.getMessage().contains("label 12"), e.getMessage());
    }

    @Test
    void readLabels_imagesFileGiven_rejectsMagic() throws IOException {
        Path p = TestData.write(dir.resolve("img"), TestData.idxImages(1, 1, 1, new byte[1]));
        assertThrows(DatasetFormatException.class, () -> IdxReader.readLabels(p));
    }

    @Test
    void readImages_zeroDimension_failsAtThatField() throws IOException {
        Path p = TestData.write(dir.resolve("zero"), TestData.idxImages(1, 0, 2, new byte[0]));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(p));
        assertEquals(8, e.offset());
    }

    @Test
    void readImages_values_scaledToUnitInterval() throws IOException {
        Path p = TestData.write(dir.resolve("v"), TestData.idxImages(1, 1, 3, new byte[] {0, (byte) 255, (byte) 128}));
        Tensor t = IdxReader.readImages(p);
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f}, t.data());
    }
}
