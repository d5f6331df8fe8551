package dev.jnas.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void read_randomLayout_roundTripsValuesAndLabels(long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(10);
        int f = 1 + rng.nextInt(6);
        int labelCol = rng.nextInt(f + 1);
        boolean negative = rng.nextBoolean();
        char delim = rng.nextBoolean() ? ',' : ';';
        boolean header = rng.nextBoolean();
        float[][] x = new float[n][f];
        int[] y = new int[n];
        StringBuilder sb = new StringBuilder();
        if (header) {
            sb.append("h".repeat(1)).append(String.valueOf(delim).repeat(f)).append('\n');
        }
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(4);
            int k = 0;
            for (int c = 0; c <= f; c++) {
                if (c > 0) {
                    sb.append(delim);
                }
                if (c == labelCol) {
                    sb.append(y[i]);
                } else {
                    x[i][k] = rng.nextInt(1000) / 8f;
                    sb.append(' ').append(x[i][k++]);
                }
            }
            sb.append(rng.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Path p = TestData.write(dir.resolve("r.csv"), rng.nextBoolean() ? TestData.gzip(bytes) : bytes);
        CsvOptions o = CsvOptions.defaults().withDelimiter(delim)
                .withLabelColumn(negative ? labelCol - (f + 1) : labelCol)
                .withHeader(header ? (rng.nextBoolean() ? CsvOptions.Header.PRESENT : CsvOptions.Header.AUTO)
                        : CsvOptions.Header.AUTO)
                .withDivisor(2f);
        Dataset d = CsvReader.read(p, o);
        assertEquals(n, d.size());
        assertArrayEquals(new int[] {f}, d.inputShape());
        for (int i = 0; i < n; i++) {
            assertEquals(y[i], d.label(i));
            for (int k = 0; k < f; k++) {
                assertEquals(x[i][k] / 2f, d.features().data()[i * f + k], 0f);
            }
        }
    }

    @Test
    void read_imageShape_reshapesRows() throws IOException {
        Path p = csv("img.csv", "1,2,3,4,0\n5,6,7,8,1\n\n");
        Dataset d = CsvReader.read(p, CsvOptions.defaults().withImageShape(1, 2, 2));
        assertArrayEquals(new int[] {1, 2, 2}, d.inputShape());
        assertEquals(8f, d.features().get(1, 0, 1, 1), 0f);
        assertEquals(2, d.numClasses());
    }

    @Test
    void read_nonNumericField_namesLineAndColumn() throws IOException {
        Path p = csv("bad.csv", "a,b,label\n1,2,0\n3,x3,1\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(p, CsvOptions.defaults().withHeader(CsvOptions.Header.PRESENT)));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("bad.csv line 3 column 2"), e.getMessage());
    }

    @Test
    void read_raggedRow_namesLine() throws IOException {
        Path p = csv("rag.csv", "1,2,0\n3,1\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(p, CsvOptions.defaults()));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("ragged") && e.getMessage().contains("rag.csv"), e.getMessage());
    }

    @Test
    void read_fractionalOrNegativeLabel_failsAtLabelColumn() throws IOException {
        Path p = csv("lab.csv", "1,2,0\n3,4,1.5\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(p, CsvOptions.defaults()));
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        Path q = csv("neg.csv", "-1,2,0\n");
        assertEquals(1, assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(q, CsvOptions.defaults().withLabelColumn(0))).column());
    }

    @Test
    void read_imageShapeNotMatchingWidth_fails() throws IOException {
        Path p = csv("w.csv", "1,2,3,0\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(p, CsvOptions.defaults().withImageShape(1, 2, 2)));
        assertTrue(e.getMessage().contains("image shape"), e.getMessage());
    }

    @Test
    void read_headerOnlyOrNoHeaderWithText_fails() throws IOException {
        Path p = csv("h.csv", "a,b\n");
        assertThrows(DatasetFormatException.class,
                () -> CsvReader.read(p, CsvOptions.defaults().withHeader(CsvOptions.Header.AUTO)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CsvReader.read(p, CsvOptions.defaults()));
        assertEquals(1, e.line());
    }

    @Test
    void options_invalidShapeOrDivisor_throw() {
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().withImageShape(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().withDivisor(0f));
    }
}
