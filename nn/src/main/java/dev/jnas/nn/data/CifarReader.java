package dev.jnas.nn.data;

import dev.jnas.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10 binary batches: 3073-byte records (one label byte 0..9, then 1024 red, 1024 green,
 * 1024 blue bytes of a 32x32 image in row-major order), giving {@code [N,3,32,32]} scaled to [0,1].
 *
 * <p>{@link #readDirectory} takes the directory with {@code data_batch_1.bin .. data_batch_5.bin},
 * {@code test_batch.bin} and optionally {@code batches.meta.txt} (class names, one a line), or its
 * parent holding {@code cifar-10-batches-bin/} (as the archive unpacks). The training set is every
 * {@code data_batch_k.bin} present for k = 1..5 (at least the first); batches may be gzipped.
 * Truncated records and labels above 9 throw {@link DatasetFormatException} with the file and offset.
 */
public final class CifarReader {
    public static final int RECORD_BYTES = 3073;
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");

    private CifarReader() {
    }

    /** Reads and concatenates the given batch files. */
    public static Dataset readBatches(List<Path> files, List<String> classNames) throws IOException {
        List<byte[]> parts = new ArrayList<>();
        int n = 0;
        for (Path f : files) {
            byte[] b = DataFiles.readAll(f);
            if (b.length == 0) {
                throw DatasetFormatException.atOffset(f, 0, "empty CIFAR batch");
            }
            if (b.length % RECORD_BYTES != 0) {
                long last = (long) (b.length / RECORD_BYTES) * RECORD_BYTES;
                throw DatasetFormatException.atOffset(f, last, "truncated record " + (b.length / RECORD_BYTES)
                        + ": " + (b.length - last) + " of " + RECORD_BYTES + " bytes");
            }
            for (int off = 0; off < b.length; off += RECORD_BYTES) {
                if ((b[off] & 0xff) >= classNames.size()) {
                    throw DatasetFormatException.atOffset(f, off, "label " + (b[off] & 0xff) + " of record "
                            + (off / RECORD_BYTES) + " outside [0, " + classNames.size() + ")");
                }
            }
            parts.add(b);
            n += b.length / RECORD_BYTES;
        }
        int px = RECORD_BYTES - 1;
        float[] x = new float[Tensor.numel(n, px)];
        int[] y = new int[n];
        int i = 0;
        for (byte[] b : parts) {
            for (int off = 0; off < b.length; off += RECORD_BYTES, i++) {
                y[i] = b[off] & 0xff;
                int base = i * px;
                for (int p = 0; p < px; p++) {
                    x[base + p] = (b[off + 1 + p] & 0xff) / 255f;
                }
            }
        }
        return new Dataset(Tensor.of(x, n, 3, 32, 32), y, classNames);
    }

    /** Train (data batches) and test ({@code test_batch.bin}) from a CIFAR-10 binary directory. */
    public static Split readDirectory(Path dir) throws IOException {
        Path d = dir;
        if (DataFiles.findPlainOrGz(d, "data_batch_1.bin") == null
                && Files.isDirectory(dir.resolve("cifar-10-batches-bin"))) {
            d = dir.resolve("cifar-10-batches-bin");
        }
        List<Path> train = new ArrayList<>();
        train.add(DataFiles.require(d, "data_batch_1.bin", "cifar10"));
        for (int k = 2; k <= 5; k++) {
            Path p = DataFiles.findPlainOrGz(d, "data_batch_" + k + ".bin");
            if (p != null) {
                train.add(p);
            }
        }
        Path test = DataFiles.require(d, "test_batch.bin", "cifar10");
        Path meta = d.resolve("batches.meta.txt");
        List<String> names = Files.isRegularFile(meta) ? readClassNames(meta) : CLASS_NAMES;
        return new Split(readBatches(train, names), readBatches(List.of(test), names));
    }

    /** Non-blank lines of a {@code batches.meta.txt}, trimmed. */
    public static List<String> readClassNames(Path meta) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        if (names.isEmpty()) {
            throw DatasetFormatException.atLine(meta, 1, -1, "no class names");
        }
        return names;
    }
}
