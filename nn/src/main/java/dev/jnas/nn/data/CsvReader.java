package dev.jnas.nn.data;

import dev.jnas.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a delimited text file of numeric rows (plain or gzipped, detected by magic) into a
 * {@link Dataset}: one integer label column, every other column a feature, as set by
 * {@link CsvOptions}. Blank lines are skipped. Classes are numbered 0..(largest label).
 *
 * <p>Non-numeric fields, ragged rows (field count differing from the first data row), negative or
 * fractional labels, and an image shape that does not fit the row width throw
 * {@link DatasetFormatException} naming the file, the 1-based line and the 1-based column.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** Reads {@code file} with the given options. */
    public static Dataset read(Path file, CsvOptions options) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), options);
        }
    }

    /** Reads a stream (e.g. a class-path resource); {@code name} is used in error messages. */
    public static Dataset read(InputStream in, String name, CsvOptions options) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(DataFiles.maybeGunzip(in), StandardCharsets.UTF_8));
        float[] x = new float[1024];
        int[] y = new int[64];
        int n = 0;
        int width = -1;
        int labelCol = -1;
        long lineNo = 0;
        boolean first = true;
        String line;
        String[] fields = new String[16];
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int count = split(line, options.delimiter(), fields);
            if (count > fields.length) {
                fields = new String[count];
                split(line, options.delimiter(), fields);
            }
            if (first) {
                first = false;
                if (options.header() == CsvOptions.Header.PRESENT
                        || (options.header() == CsvOptions.Header.AUTO && !allNumeric(fields, count))) {
                    continue;
                }
            }
            if (width < 0) {
                width = count;
                labelCol = options.labelColumn() < 0 ? count + options.labelColumn() : options.labelColumn();
                if (count < 2 || labelCol < 0 || labelCol >= count) {
                    throw DatasetFormatException.atLine(name, lineNo, -1, "label column " + options.labelColumn()
                            + " does not fit a row of " + count + " fields (need a label and at least one feature)");
                }
                int[] shape = options.imageShape();
                if (shape != null && Tensor.numel(shape) != count - 1) {
                    throw DatasetFormatException.atLine(name, lineNo, -1, "image shape " + Arrays.toString(shape)
                            + " holds " + Tensor.numel(shape) + " values but rows have " + (count - 1) + " features");
                }
            } else if (count != width) {
                throw DatasetFormatException.atLine(name, lineNo, Math.min(count, width) + 1, "ragged row: "
                        + count + " fields, expected " + width + " as in the first data row");
            }
            if (x.length < (n + 1) * (width - 1)) {
                x = Arrays.copyOf(x, Math.max(x.length * 2, (n + 1) * (width - 1)));
            }
            if (y.length == n) {
                y = Arrays.copyOf(y, n * 2);
            }
            int out = n * (width - 1);
            for (int c = 0; c < width; c++) {
                float v = parse(fields[c], name, lineNo, c + 1);
                if (c == labelCol) {
                    if (v < 0 || v != Math.rint(v) || v > Integer.MAX_VALUE / 2) {
                        throw DatasetFormatException.atLine(name, lineNo, c + 1, "label '" + fields[c].trim()
                                + "' is not a non-negative integer");
                    }
                    y[n] = (int) v;
                } else {
                    x[out++] = v / options.divisor();
                }
            }
            n++;
        }
        if (n == 0) {
            throw DatasetFormatException.atLine(name, lineNo + 1, -1, "no data rows");
        }
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, y[i]);
        }
        int[] shape = options.imageShape();
        Tensor t = shape == null ? Tensor.of(Arrays.copyOf(x, n * (width - 1)), n, width - 1)
                : Tensor.of(Arrays.copyOf(x, n * (width - 1)), n, shape[0], shape[1], shape[2]);
        return new Dataset(t, Arrays.copyOf(y, n), Dataset.numberedClasses(max + 1));
    }

    /** Splits into {@code out} when it fits; returns the field count either way. */
    private static int split(String line, char delim, String[] out) {
        int count = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delim) {
                if (count < out.length) {
                    out[count] = line.substring(start, i);
                }
                count++;
                start = i + 1;
            }
        }
        return count;
    }

    private static boolean allNumeric(String[] fields, int count) {
        for (int i = 0; i < count; i++) {
            try {
                Float.parseFloat(fields[i].trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static float parse(String field, String name, long line, int column) {
        String s = field.trim();
        try {
            float v = Float.parseFloat(s);
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the positioned error below
        }
        throw DatasetFormatException.atLine(name, line, column, "field '" + s + "' is not a finite number");
    }
}
