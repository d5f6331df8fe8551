package dev.jnas.nn.data;

import dev.jnas.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST / KMNIST format), plain or gzipped (detected by the
 * gzip magic 0x1f8b, not by the file name). Only unsigned-byte IDX is accepted: images have magic
 * 0x00000803 (N, rows, cols), labels 0x00000801 (N). Pixels are scaled to [0,1] by /255 and images
 * become {@code [N,1,rows,cols]}.
 *
 * <p>Errors in a file's contents throw {@link DatasetFormatException} naming the file and the byte
 * offset (in the decompressed stream): wrong magic (offset 0), non-positive dimension, truncated
 * data (offset where the file ends), trailing bytes, image/label count mismatch (offset 4 of the
 * labels file), label out of range (offset of that label byte).
 */
public final class IdxReader {
    /** Standard file names of the MNIST layout, each optionally with a {@code .gz} suffix. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images as {@code [N,1,rows,cols]} with values in [0,1]. */
    public static Tensor readImages(Path file) throws IOException {
        byte[] b = DataFiles.readAll(file);
        int[] dims = header(b, file, IMAGES_MAGIC, 3);
        int n = dims[0];
        int plane = dims[1] * dims[2];
        int start = 16;
        float[] x = new float[Tensor.numel(n, plane)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (b[start + i] & 0xff) / 255f;
        }
        return Tensor.of(x, n, 1, dims[1], dims[2]);
    }

    /** Raw labels (0..255). */
    public static int[] readLabels(Path file) throws IOException {
        byte[] b = DataFiles.readAll(file);
        int n = header(b, file, LABELS_MAGIC, 1)[0];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = b[8 + i] & 0xff;
        }
        return y;
    }

    /**
     * An images file and a labels file as one data set.
     *
     * @param classNames class names, or null to number classes 0..max label
     */
    public static Dataset read(Path images, Path labels, List<String> classNames) throws IOException {
        Tensor x = readImages(images);
        int[] y = readLabels(labels);
        if (y.length != x.dim(0)) {
            throw DatasetFormatException.atOffset(labels, 4, "label count " + y.length
                    + " does not match image count " + x.dim(0) + " of " + images);
        }
        List<String> names = classNames;
        if (names == null) {
            int max = 0;
            for (int v : y) {
                max = Math.max(max, v);
            }
            names = Dataset.numberedClasses(max + 1);
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= names.size()) {
                throw DatasetFormatException.atOffset(labels, 8 + i, "label " + y[i] + " of sample " + i
                        + " outside [0, " + names.size() + ")");
            }
        }
        return new Dataset(x, y, names);
    }

    /**
     * A directory in MNIST layout ({@link #TRAIN_IMAGES}, {@link #TRAIN_LABELS}, {@link #TEST_IMAGES},
     * {@link #TEST_LABELS}, each plain or {@code .gz}) as train and test sets. When {@code classNames} is
     * null both sets get classes 0..(largest label in either).
     */
    public static Split readDirectory(Path dir, List<String> classNames) throws IOException {
        Path trI = DataFiles.require(dir, TRAIN_IMAGES, "idx");
        Path trL = DataFiles.require(dir, TRAIN_LABELS, "idx");
        Path teI = DataFiles.require(dir, TEST_IMAGES, "idx");
        Path teL = DataFiles.require(dir, TEST_LABELS, "idx");
        List<String> names = classNames;
        if (names == null) {
            int max = 0;
            for (int v : readLabels(trL)) {
                max = Math.max(max, v);
            }
            for (int v : readLabels(teL)) {
                max = Math.max(max, v);
            }
            names = Dataset.numberedClasses(max + 1);
        }
        return new Split(read(trI, trL, names), read(teI, teL, names));
    }

    /** Checks magic and sizes; returns the dimensions. */
    private static int[] header(byte[] b, Path file, int magic, int ndims) {
        int headerLen = 4 + 4 * ndims;
        if (b.length < 4) {
            throw DatasetFormatException.atOffset(file, b.length, "truncated: file ends inside the 4-byte magic");
        }
        int m = DataFiles.u32(b, 0);
        if (m != magic) {
            throw DatasetFormatException.atOffset(file, 0, String.format("wrong magic 0x%08x, expected 0x%08x"
                    + " (IDX unsigned bytes, %d dimension%s)", m, magic, ndims, ndims == 1 ? "" : "s"));
        }
        if (b.length < headerLen) {
            throw DatasetFormatException.atOffset(file, b.length, "truncated: file ends inside the "
                    + headerLen + "-byte header");
        }
        int[] dims = new int[ndims];
        long expected = headerLen;
        long product = 1;
        for (int d = 0; d < ndims; d++) {
            dims[d] = DataFiles.u32(b, 4 + 4 * d);
            if (dims[d] <= 0) {
                throw DatasetFormatException.atOffset(file, 4 + 4 * d, "dimension " + d + " is "
                        + Integer.toUnsignedString(dims[d]) + ", must be positive");
            }
            product *= dims[d];
        }
        expected += product;
        if (b.length < expected) {
            throw DatasetFormatException.atOffset(file, b.length, "truncated: header promises " + expected
                    + " bytes but the file ends after " + b.length);
        }
        if (b.length > expected) {
            throw DatasetFormatException.atOffset(file, expected, (b.length - expected)
                    + " unexpected trailing bytes after the data");
        }
        return dims;
    }
}
