package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
    @TempDir
    Path dir;

    private static byte[] records(SplittableRandom rng, int n) {
        byte[] b = TestData.randomBytes(rng, n * CifarReader.RECORD_BYTES, 256);
        for (int i = 0; i < n; i++) {
            b[i * CifarReader.RECORD_BYTES] = (byte) rng.nextInt(10);
        }
        return b;
    }

    @Test
    void readDirectory_batchesAndMeta_concatenatesInOrder() throws IOException {
        SplittableRandom rng = new SplittableRandom(10);
        byte[] b1 = records(rng, 3);
        byte[] b2 = records(rng, 2);
        byte[] t = records(rng, 4);
        Path sub = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        TestData.write(sub.resolve("data_batch_1.bin"), b1);
        TestData.write(sub.resolve("data_batch_2.bin.gz"), TestData.gzip(b2));
        TestData.write(sub.resolve("test_batch.bin"), t);
        Files.writeString(sub.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        Split s = CifarReader.readDirectory(dir);
        assertEquals(5, s.train().size());
        assertEquals(4, s.test().size());
        assertArrayEquals(new int[] {3, 32, 32}, s.train().inputShape());
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), s.train().classNames());
        // Sample 3 is the first record of batch 2: label then R plane first.
        assertEquals(b2[0], s.train().label(3));
        float[] x = s.train().features().data();
        assertEquals((b2[1] & 0xff) / 255f, x[3 * 3072], 0f);
        assertEquals((b2[1 + 1024 + 5] & 0xff) / 255f, x[3 * 3072 + 1024 + 5], 0f);
        assertEquals((t[2 * 3073 + 3072] & 0xff) / 255f, s.test().features().data()[2 * 3072 + 3071], 0f);
    }

    @Test
    void readDirectory_noMeta_usesCifarClassNames() throws IOException {
        SplittableRandom rng = new SplittableRandom(11);
        TestData.write(dir.resolve("data_batch_1.bin"), records(rng, 1));
        TestData.write(dir.resolve("test_batch.bin"), records(rng, 1));
        assertEquals(CifarReader.CLASS_NAMES, CifarReader.readDirectory(dir).train().classNames());
    }

    @Test
    void readBatches_truncatedRecord_failsAtRecordStart() throws IOException {
        byte[] b = records(new SplittableRandom(12), 3);
        Path p = TestData.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(b, 2 * 3073 + 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CifarReader.readBatches(List.of(p), CifarReader.CLASS_NAMES));
        assertEquals(2 * 3073, e.offset());
        assertTrue(e.getMessage().contains("data_batch_1.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void readBatches_labelAboveNine_failsAtThatRecord() throws IOException {
        byte[] b = records(new SplittableRandom(13), 2);
        b[3073] = 10;
        Path p = TestData.write(dir.resolve("x.bin"), b);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CifarReader.readBatches(List.of(p), CifarReader.CLASS_NAMES));
        assertEquals(3073, e.offset());
    }

    @Test
    void readDirectory_missingTestBatch_namesIt() throws IOException {
        TestData.write(dir.resolve("data_batch_1.bin"), records(new SplittableRandom(14), 1));
        IOException e = assertThrows(IOException.class, () -> CifarReader.readDirectory(dir));
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
    }
}
