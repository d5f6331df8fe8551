package dev.jnas.nn.data;

import dev.jnas.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Builders for small synthetic data sets and files used by the data tests. */
final class TestData {
    private TestData() {
    }

    /**
     * A random data set whose sample i has feature 0 equal to i (so tests can trace samples through
     * splits and batches); rank 2 or 4 chosen by the generator.
     */
    static Dataset traceable(SplittableRandom rng, int n, int classes) {
        boolean image = rng.nextBoolean();
        int[] shape = image ? new int[] {n, 1 + rng.nextInt(3), 1 + rng.nextInt(4), 1 + rng.nextInt(4)}
                : new int[] {n, 1 + rng.nextInt(9)};
        Tensor x = Tensor.zeros(shape);
        int per = x.size() / n;
        float[] d = x.data();
        for (int i = 0; i < n; i++) {
            d[i * per] = i;
            for (int j = 1; j < per; j++) {
                d[i * per + j] = (float) rng.nextDouble();
            }
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < classes ? i : rng.nextInt(classes);
        }
        return new Dataset(x, y, Dataset.numberedClasses(classes));
    }

    static byte[] idxImages(int n, int rows, int cols, byte[] pixels) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int32(b, 0x00000803);
        int32(b, n);
        int32(b, rows);
        int32(b, cols);
        b.write(pixels, 0, pixels.length);
        return b.toByteArray();
    }

    static byte[] idxLabels(byte[] labels) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int32(b, 0x00000801);
        int32(b, labels.length);
        b.write(labels, 0, labels.length);
        return b.toByteArray();
    }

    static void int32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    static byte[] randomBytes(SplittableRandom rng, int n, int bound) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rng.nextInt(bound);
        }
        return b;
    }

    /** The repository root (the directory holding mvnw), found by walking up from the working directory. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("mvnw"))) {
            p = p.getParent();
        }
        return p;
    }

    /**
     * {@code ../shared/data/<name>} relative to the repository root (as in CI), or failing that the same
     * path beside a further ancestor (a git worktree nested one level deeper); null if absent.
     */
    static Path sharedData(String name) {
        Path root = repoRoot();
        for (Path p = root == null ? null : root.getParent(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("data").resolve(name);
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return null;
    }
}
