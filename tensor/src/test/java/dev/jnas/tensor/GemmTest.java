package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD GEMM (direct, blocked and threaded paths, both microkernels) against the scalar reference,
 * over seeded random shapes that hit vector and tile tails, all four transpose forms, offsets, padded
 * leading dimensions and accumulation; plus argument validation.
 */
class GemmTest {
    private static final int THREADS = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(THREADS);
    }

    /** One random problem: operands with random offsets and padded leading dimensions, C prefilled. */
    private record Case(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        static Case random(SplittableRandom rng, boolean transA, boolean transB, int m, int n, int k) {
            int aRows = transA ? k : m;
            int aCols = transA ? m : k;
            int bRows = transB ? n : k;
            int bCols = transB ? k : n;
            int lda = aCols + rng.nextInt(4);
            int ldb = bCols + rng.nextInt(4);
            int ldc = n + rng.nextInt(4);
            int aOff = rng.nextInt(6);
            int bOff = rng.nextInt(6);
            int cOff = rng.nextInt(6);
            // Trailing slack too: C elements outside the m×n window must come back untouched.
            float[] a = SeededCases.randomArray(rng, aOff + (aRows - 1) * lda + aCols + rng.nextInt(3));
            float[] b = SeededCases.randomArray(rng, bOff + (bRows - 1) * ldb + bCols + rng.nextInt(3));
            float[] c = SeededCases.randomArray(rng, cOff + (m - 1) * ldc + n + rng.nextInt(3));
            return new Case(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, rng.nextBoolean());
        }

        float[] expected() {
            float[] out = c.clone();
            Gemm.scalarGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, out, cOff, ldc, accumulate);
            return out;
        }

        float[] viaGemm() {
            float[] out = c.clone();
            Gemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, out, cOff, ldc, accumulate);
            return out;
        }

        float[] viaBlocked(int mr) {
            float[] out = c.clone();
            GemmBlocked.run(mr, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, out, cOff, ldc, accumulate);
            return out;
        }

        void assertMatches(float[] actual, String path) {
            // Summation order differs between paths: allow error growing with k.
            TensorAssert.assertClose(expected(), actual, 1e-5, 1e-6 * k, toString(path));
        }

        String toString(String path) {
            return path + " " + (transA ? "Aᵀ" : "A") + "·" + (transB ? "Bᵀ" : "B") + " m=" + m + " n=" + n + " k=" + k
                    + " offs=" + aOff + "," + bOff + "," + cOff + " ld=" + lda + "," + ldb + "," + ldc
                    + " acc=" + accumulate;
        }
    }

    private static int size(SplittableRandom rng) {
        return rng.nextBoolean() ? SeededCases.tailSize(rng) : 1 + rng.nextInt(70);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void gemm_randomShapesAllForms_matchesScalar(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Parallel.setThreads(1 + rng.nextInt(2));
        for (int form = 0; form < 4; form++) {
            Case cs = Case.random(rng, (form & 1) != 0, (form & 2) != 0, size(rng), size(rng), size(rng));
            cs.assertMatches(cs.viaGemm(), "gemm threads=" + Parallel.threads());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void blockedRun_tailShapesEveryKernel_matchesScalar(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int mr : new int[] {6, 8, 12}) {
            for (int form = 0; form < 4; form++) {
                Case cs = Case.random(rng, (form & 1) != 0, (form & 2) != 0, size(rng), size(rng), size(rng));
                cs.assertMatches(cs.viaBlocked(mr), "blocked mr=" + mr);
            }
        }
    }

    @ParameterizedTest(name = "m={0}")
    @CsvSource({"1, 8", "8, 8", "12, 12", "16, 8", "32, 8", "36, 12", "64, 8", "72, 12", "96, 12", "128, 12", "256, 12", "1000, 12"})
    void mrFor_rowCounts_picksEightRowsWhenTwelvePadsOverFivePercentMore(int m, int expected) {
        int want = GemmKernel.MR == 12 ? expected : GemmKernel.MR;
        assertEquals(want, GemmKernel.mrFor(m), "m=" + m);
    }

    @Test
    void mainRows_everyRowCount_tailOfEightRowPanelsPadsLeast() {
        assertEquals(240, GemmBlocked.mainRows(12, 256), "m=256: 20 panels of 12, then 2 of 8");
        for (int m = 1; m <= 400; m++) {
            int main = GemmBlocked.mainRows(12, m);
            int tail = m - main;
            String at = "m=" + m + " main=" + main;
            // Either 12-row panels throughout (the last may be ragged) or whole ones and a tail of at most 2 × 8 rows.
            assertTrue(main == m || main % 12 == 0 && tail <= 16, at);
            int pad12 = (m + 11) / 12 * 12 - m;
            int padMixed = main == m ? pad12 : (tail + 7) / 8 * 8 - tail;
            assertTrue(padMixed <= pad12, at + ": pads " + padMixed + " rows, 12-row panels pad " + pad12);
            assertEquals(m, GemmBlocked.mainRows(8, m), "8-row panels throughout need no tail");
        }
    }

    static Stream<Arguments> largeShapes() {
        // {1030, 1030, 530}: C of over LONG_K_C floats (the streaming order) with two k blocks, so the
        // storing first block and the adding later ones both run in that order.
        int[][] shapes = {{200, 300, 150}, {300, 200, 150}, {260, 50, 530}, {13, 2100, 20}, {64, 784, 288}, {1030, 2050, 7},
            {1030, 1030, GemmBlocked.KC_STREAM + 18},
            // m % 12 = 4 and 8: 8-row tail panels in the streaming order (the first two) and, for 700 rows on 2
            // threads, in the blocked one (halves of 348 and 352 rows).
            {1024, 1030, 40}, {1028, 1030, 40}, {700, 760, 70}};
        Stream.Builder<Arguments> out = Stream.builder();
        for (int[] s : shapes) {
            for (int form = 0; form < 4; form++) {
                for (int threads = 1; threads <= 2; threads++) {
                    out.add(Arguments.of(s[0], s[1], s[2], (form & 1) != 0, (form & 2) != 0, threads));
                }
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4} threads={5}")
    @MethodSource("largeShapes")
    void gemm_blockedShapes_matchesScalar(int m, int n, int k, boolean transA, boolean transB, int threads) {
        Parallel.setThreads(threads);
        SplittableRandom rng = new SplittableRandom(31L * m + 7L * n + k + (transA ? 1 : 0) + (transB ? 2 : 0));
        Case cs = Case.random(rng, transA, transB, m, n, k);
        cs.assertMatches(cs.viaGemm(), "gemm threads=" + threads);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void gemm_oneVersusTwoThreads_identicalBits(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        // Split by rows (m >= n) or by columns (n > NC > m); sizes cross NR, MR, MC, KC and NC edges.
        int[] sizes = {129, 200, 241, 257, 300, 513};
        int m = sizes[rng.nextInt(sizes.length)];
        int n = 1 + rng.nextInt(m);
        int shape = rng.nextInt(5);
        if (shape == 0) {
            n = GemmBlocked.NC + 1 + rng.nextInt(40);
            m = 100 + rng.nextInt(200);
        } else if (shape == 1) {
            // C of at least STREAM_C floats: the A-outer order over NC_STREAM-wide blocks.
            n = 2 * GemmBlocked.NC_STREAM + 1 + rng.nextInt(600);
            m = (int) (GemmBlocked.STREAM_C / n) + 1 + rng.nextInt(30);
        }
        int k = shape == 1 ? 1 + rng.nextInt(40) : 1 + rng.nextInt(600);
        boolean transA = rng.nextBoolean();
        boolean transB = rng.nextBoolean();
        Case cs = Case.random(rng, transA, transB, m, n, k);
        float[][] out = new float[2][];
        for (int t = 1; t <= 2; t++) {
            Parallel.setThreads(t);
            out[t - 1] = cs.viaGemm();
        }
        for (int i = 0; i < out[0].length; i++) {
            assertEquals(Float.floatToIntBits(out[0][i]), Float.floatToIntBits(out[1][i]),
                    "m=" + m + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB
                            + " accumulate=" + cs.accumulate() + " index " + i);
        }
    }

    @Test
    void gemm_longKBlocks_matchesScalar() {
        // C of LONG_K_C+ floats: k blocks of KC_STREAM (2 of 265 here), storing then adding, on 2 threads.
        Parallel.setThreads(2);
        SplittableRandom rng = new SplittableRandom(2050);
        Case cs = Case.random(rng, false, false, 2050, 1030, GemmBlocked.KC_STREAM + 18);
        cs.assertMatches(cs.viaGemm(), "long k blocks");
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({
        "800, 810, 530",     // C of 512K-1M floats: 1 thread streams, 2 threads do not; both with 256-long k blocks
        "1030, 1030, 530",   // C of 1M+ floats: both stream with KC_STREAM-long k blocks
        "1030, 2100, 700",   // split by columns
    })
    void gemm_streamingSizes_oneVersusTwoThreadsIdenticalBits(int m, int n, int k) {
        SplittableRandom rng = new SplittableRandom(m + 7L * n + 13L * k);
        for (int form = 0; form < 4; form++) {
            Case cs = Case.random(rng, (form & 1) != 0, (form & 2) != 0, m, n, k);
            float[][] out = new float[2][];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                out[t - 1] = cs.viaGemm();
            }
            assertArrayEquals(out[0], out[1], "m=" + m + " n=" + n + " k=" + k + " form " + form
                    + ": 1 and 2 threads differ");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void matmul_randomTensors_matchesScalarGemm(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean transA = rng.nextBoolean();
        boolean transB = rng.nextBoolean();
        int m = size(rng);
        int n = size(rng);
        int k = size(rng);
        Tensor a = transA ? Tensor.of(SeededCases.randomArray(rng, k * m), k, m) : Tensor.of(SeededCases.randomArray(rng, m * k), m, k);
        Tensor b = transB ? Tensor.of(SeededCases.randomArray(rng, n * k), n, k) : Tensor.of(SeededCases.randomArray(rng, k * n), k, n);
        float[] expected = new float[m * n];
        Gemm.scalarGemm(transA, transB, m, n, k, a.data(), 0, a.dim(1), b.data(), 0, b.dim(1), expected, 0, n, false);
        Tensor c = Gemm.matmul(a, transA, b, transB);
        assertTrue(c.hasShape(m, n), "shape " + c.shapeString());
        TensorAssert.assertClose(expected, c.data(), 1e-5, 1e-6 * k, "matmul seed " + seed);
    }

    @Test
    void gemm_nonPositiveSize_throwsNamingSizes() {
        float[] x = new float[16];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 0, 4, 4, x, 0, 4, x, 0, 4, x, 0, 4, false));
        assertTrue(e.getMessage().contains("m=0 n=4 k=4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 4, 4, -2, x, 0, 4, x, 0, 4, x, 0, 4, false));
        assertTrue(e.getMessage().contains("k=-2"), e.getMessage());
    }

    @Test
    void gemm_shortArray_throwsNamingShapes() {
        float[] a = new float[3 * 5];
        float[] b = new float[5 * 4 - 1];
        float[] c = new float[3 * 4];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 3, 4, 5, a, 0, 5, b, 0, 4, c, 0, 4, false));
        assertTrue(e.getMessage().contains("B 5x4 (19)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 3, 4, 5, a, 1, 5, new float[20], 0, 4, c, 0, 4, false));
        assertTrue(e.getMessage().contains("A 3x5 (15 floats)"), e.getMessage());
    }

    @Test
    void gemm_smallLeadingDimension_throwsNamingIt() {
        float[] x = new float[100];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(true, false, 3, 4, 5, x, 0, 2, x, 0, 4, x, 0, 4, false));
        assertTrue(e.getMessage().contains("A 5x3 lda=2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, true, 3, 4, 5, x, 0, 5, x, 0, 4, x, 0, 4, false));
        assertTrue(e.getMessage().contains("B 4x5 ldb=4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 3, 4, 5, x, 0, 5, x, 0, 4, x, 0, 3, false));
        assertTrue(e.getMessage().contains("C 3x4 ldc=3"), e.getMessage());
    }

    @Test
    void matmul_innerDimensionMismatch_throwsNamingShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.matmul(Tensor.zeros(2, 3), false, Tensor.zeros(4, 5), false));
        assertTrue(e.getMessage().contains("[2, 3] · [4, 5]"), e.getMessage());
    }
}
