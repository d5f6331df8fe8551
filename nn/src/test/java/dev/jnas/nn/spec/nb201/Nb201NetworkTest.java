package dev.jnas.nn.spec.nb201;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.ArchitectureJson;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.CellSpec;
import dev.jnas.nn.spec.LayerInfo;
import dev.jnas.nn.spec.SequentialSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-checked parameter and FLOP counts of NAS-Bench-201 cells and of the benchmark's skeleton. Our convs
 * have a bias, the benchmark's do not; {@link Nb201Network#benchmarkParameters} removes them, and those
 * figures agree with the benchmark's published range (0.0733 MB .. 1.5315 MB for CIFAR-10 at C=16, N=5).
 */
class Nb201NetworkTest {
    private static final Nb201Cell ALL_NONE = Nb201Cell.fromIndex(0);
    private static final Nb201Cell ALL_CONV3 = Nb201Cell.parse(
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");

    private static Analysis cellAlone(Nb201Cell cell, int c, int hw) {
        return ArchitectureAnalysis.analyze(new ArchitectureSpec(c, hw, hw, SequentialSpec.of(cell.toCellSpec(c))));
    }

    @Test
    void analyze_singleCells_handCountedParameters() {
        // All none: zero edges and sums only.
        Analysis none = cellAlone(ALL_NONE, 16, 32);
        assertEquals(0, none.parameters());
        assertEquals(0, none.flops());
        assertArrayEquals(new int[] {16, 32, 32}, none.outputShape());
        // nor_conv_3x3 at C=16: conv 16*16*9 + 16 bias = 2320, BN 2*16 = 32, so 2352 per edge; 6 edges = 14,112.
        Analysis conv = cellAlone(ALL_CONV3, 16, 32);
        assertEquals(14_112, conv.parameters());
        // 6 convs of 16*16*9 multiply-adds at each of 32*32 positions: 6 * 2304 * 1024 = 14,155,776.
        assertEquals(14_155_776, conv.flops());
        // The benchmark's example: 3 nor_conv_3x3 (3 * 2352 = 7056), pooling and skips are free.
        assertEquals(7056, cellAlone(Nb201Cell.parse(Nb201CellTest.EXAMPLE), 16, 32).parameters());
        // nor_conv_1x1 at C=8: 8*8 + 8 + 2*8 = 88.
        Nb201Op n = Nb201Op.NONE;
        assertEquals(88, cellAlone(Nb201Cell.of(n, n, n, n, n, Nb201Op.NOR_CONV_1X1), 8, 4).parameters());
    }

    @Test
    void architecture_allNone_handCountedSkeleton() {
        Analysis a = ArchitectureAnalysis.analyze(Nb201Network.architecture(ALL_NONE));
        // stem: conv 3*16*9 + 16 = 448, BN 32                                        ->    480
        // reduction 16->32: conv 16*32*9+32 = 4640, BN 64, conv 32*32*9+32 = 9248, BN 64,
        //                   shortcut conv 16*32+32 = 544                             ->  14560
        // reduction 32->64: 18432+64 = 18496, 128, 36864+64 = 36928, 128, 2048+64=2112 -> 57792
        // final BN 128, dense 64*10+10 = 650                                         ->    778
        assertEquals(480 + 14_560 + 57_792 + 778, a.parameters());
        // Biases: stem 16, reductions 3*32 + 3*64: 304 fewer in the benchmark, 73,306 (0.0733 MB).
        assertEquals(73_306, Nb201Network.benchmarkParameters(a));
        // Multiply-adds: stem 432*1024 = 442,368; reduction 1 (4608+9216+512)*16*16 = 3,670,016;
        // reduction 2 (18432+36864+2048)*8*8 = 3,670,016; dense 640: 7,783,040 (the benchmark's 7.78 MFLOPs).
        assertEquals(7_783_040, a.flops());
        assertArrayEquals(new int[] {10}, a.outputShape());
    }

    @Test
    void architecture_allConv3x3_handCountedSkeleton() {
        Analysis a = ArchitectureAnalysis.analyze(Nb201Network.architecture(ALL_CONV3));
        // Cells: 6 edges * (9C^2 + C + 2C) * 5 cells: C=16 70,560; C=32 279,360; C=64 1,111,680 = 1,461,600.
        assertEquals(73_610 + 1_461_600, a.parameters());
        // Benchmark: minus 304 skeleton biases and 30 cell convs per stage * (16 + 32 + 64) = 3360: 1,531,546.
        assertEquals(1_531_546, Nb201Network.benchmarkParameters(a));
        // Each stage adds 30 convs of 9C^2 * HW = 2,359,296 multiply-adds: 3 * 70,778,880 + 7,783,040.
        assertEquals(220_119_680L, a.flops());
    }

    @Test
    void architecture_layout_stemStagesReductionsHead() {
        ArchitectureSpec spec = Nb201Network.architecture(ALL_CONV3, 8, 2, 1, 16, 12, 5);
        // stem (2), 2 cells, reduction, 2 cells, reduction, 2 cells, BN, ReLU, pool, dense = 2 + 8 + 4.
        assertEquals(14, spec.body().layers().size());
        assertTrue(spec.body().layers().get(2) instanceof CellSpec);
        assertEquals(Nb201Network.reductionBlock(16), spec.body().layers().get(4));
        assertEquals(ALL_CONV3.toCellSpec(32), spec.body().layers().get(8));
        Analysis a = ArchitectureAnalysis.analyze(spec);
        assertArrayEquals(new int[] {5}, a.outputShape());
        LayerInfo lastCellSum = a.layers().stream().filter(l -> l.path().equals("body/9/cell/node3")).findFirst().orElseThrow();
        assertArrayEquals(new int[] {32, 4, 3}, lastCellSum.outputShape());
        LayerInfo shortcutConv = a.layers().stream()
                .filter(l -> l.path().equals("body/4/parallel/branch1/1/conv2d")).findFirst().orElseThrow();
        assertArrayEquals(new int[] {16, 8, 6}, shortcutConv.outputShape());
    }

    @Test
    void architecture_badSizes_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nb201Network.architecture(ALL_NONE, 16, 5, 3, 30, 32, 10));
        assertTrue(e.getMessage().contains("multiples of 4") && e.getMessage().contains("30x32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nb201Network.architecture(ALL_NONE, 0, 5, 3, 32, 32, 10));
        assertThrows(IllegalArgumentException.class, () -> Nb201Network.architecture(ALL_NONE, 16, 0, 3, 32, 32, 10));
        assertThrows(IllegalArgumentException.class, () -> Nb201Network.architecture(null));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.jnas.tensor.SeededCases#seeds")
    void architecture_randomCell_analyzesAndRoundTripsJson(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Nb201Cell cell = Nb201Cell.fromIndex(rng.nextInt(Nb201Cell.SIZE));
        int c = 1 + rng.nextInt(4);
        ArchitectureSpec spec = Nb201Network.architecture(cell, c, 1 + rng.nextInt(2), 1 + rng.nextInt(3),
                4 * (1 + rng.nextInt(4)), 4 * (1 + rng.nextInt(4)), 2 + rng.nextInt(9));
        Analysis a = ArchitectureAnalysis.analyze(spec);
        // Cell parameters per stage channel count: each conv op adds k*k*C*C + 3C.
        long cellParams = 0;
        for (int stage = 0; stage < 3; stage++) {
            long ch = (long) c << stage;
            for (Nb201Op op : cell.ops()) {
                int k = op == Nb201Op.NOR_CONV_3X3 ? 3 : op == Nb201Op.NOR_CONV_1X1 ? 1 : 0;
                cellParams += k == 0 ? 0 : k * k * ch * ch + 3 * ch;
            }
        }
        int cells = (int) spec.body().layers().stream().filter(l -> l instanceof CellSpec).count();
        Analysis skeleton = ArchitectureAnalysis.analyze(Nb201Network.architecture(Nb201Cell.fromIndex(0), c,
                cells / 3, spec.channels(), spec.height(), spec.width(), a.outputShape()[0]));
        assertEquals(skeleton.parameters() + cellParams * (cells / 3), a.parameters(), cell.toString());
        String json = ArchitectureJson.toJson(spec);
        assertEquals(spec, ArchitectureJson.fromJson(json));
    }
}
