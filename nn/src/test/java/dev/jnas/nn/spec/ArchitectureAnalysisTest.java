package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape inference, parameter and FLOP counts on hand-computed networks. */
class ArchitectureAnalysisTest {
    private static final ActivationSpec RELU = new ActivationSpec(Activation.RELU);

    @Test
    void analyze_lenet5_matchesTorchParameterCountAndShapes() {
        Analysis a = ArchitectureAnalysis.analyze(Architectures.lenet5());
        // torch LeNet-5: conv1 6*1*5*5+6=156, conv2 16*6*5*5+16=2416, fc1 400*120+120=48120,
        // fc2 120*84+84=10164, fc3 84*10+10=850.
        assertEquals(156 + 2416 + 48120 + 10164 + 850, a.parameters());
        assertEquals(61706, a.parameters());
        // MACs: conv1 6*25*28*28, conv2 16*6*25*10*10, dense 400*120 + 120*84 + 84*10.
        assertEquals(6L * 25 * 784 + 16L * 6 * 25 * 100 + 400 * 120 + 120 * 84 + 84 * 10, a.flops());
        List<LayerInfo> l = a.layers();
        assertEquals("body/0/conv2d", l.get(0).path());
        assertArrayEquals(new int[] {1, 28, 28}, l.get(0).inputShape());
        assertArrayEquals(new int[] {6, 28, 28}, l.get(0).outputShape());
        assertArrayEquals(new int[] {6, 14, 14}, l.get(2).outputShape());
        assertArrayEquals(new int[] {16, 10, 10}, l.get(3).outputShape());
        assertArrayEquals(new int[] {16, 5, 5}, l.get(5).outputShape());
        assertArrayEquals(new int[] {400}, l.get(6).outputShape());
        assertArrayEquals(new int[] {10}, a.outputShape());
        assertEquals(12, l.size());
    }

    @Test
    void analyze_peerMlp_matchesTorchParameterCount() {
        Analysis a = ArchitectureAnalysis.analyze(Architectures.peerMlp());
        assertEquals(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, a.parameters());
        assertEquals(784 * 256 + 256 * 128 + 128 * 10, a.flops());
    }

    @Test
    void analyze_wideCnn_matchesTorchParameterCountAndFlops() {
        Analysis a = ArchitectureAnalysis.analyze(Architectures.wideCnn());
        assertEquals(320 + 9248 + 18496 + (64 * 7 * 7 * 128 + 128) + 1290, a.parameters());
        long flops = 32L * 9 * 784 + 32L * 32 * 9 * 784 + 64L * 32 * 9 * 196 + 3136L * 128 + 128 * 10;
        assertEquals(flops, a.flops());
    }

    @Test
    void mlp_customWidths_chainsDenseAndRelu() {
        ArchitectureSpec spec = Architectures.mlp(3, 4, 4, 5, 7);
        assertEquals(SequentialSpec.of(new FlattenSpec(), new DenseSpec(7), RELU, new DenseSpec(5)), spec.body());
        assertEquals(48 * 7 + 7 + 7 * 5 + 5, ArchitectureAnalysis.analyze(spec).parameters());
        assertEquals(2, Architectures.mlp(1, 1, 1, 2).body().layers().size());
    }

    @Test
    void analyze_digitsCnn_shrinksTo2x2BeforeDense() {
        Analysis a = ArchitectureAnalysis.analyze(Architectures.digitsCnn());
        assertArrayEquals(new int[] {32, 2, 2}, a.layers().get(5).outputShape());
        assertEquals(160 + 4640 + 1290, a.parameters());
    }

    @Test
    void analyze_residualCnn_namesBranchPathsAndMergeRows() {
        Analysis a = ArchitectureAnalysis.analyze(Architectures.residualCnn());
        LayerInfo firstBranchConv = find(a, "body/3/parallel/branch1/0/conv2d");
        assertArrayEquals(new int[] {16, 28, 28}, firstBranchConv.outputShape());
        assertEquals(16 * 16 * 9 + 16, firstBranchConv.parameters());
        LayerInfo merge = find(a, "body/3/parallel");
        assertEquals("add", merge.type());
        assertEquals(0, merge.parameters());
        find(a, "body/3/parallel/branch0/identity");
        assertArrayEquals(new int[] {32, 14, 14}, find(a, "body/5/conv2d").outputShape());
        // stem 160+32, block16 2*2320+2*32, down 4640+64, block32 2*9248+2*64, dense 330; bn = 2*C each.
        assertEquals(160 + 32 + 4640 + 64 + 4640 + 64 + 18496 + 128 + 330, a.parameters());
        assertEquals(a.layers().stream().mapToLong(LayerInfo::parameters).sum(), a.parameters());
    }

    @Test
    void analyze_denseAfterImage_flattensAutomatically() {
        Analysis a = ArchitectureAnalysis.analyze(new ArchitectureSpec(3, 4, 5, SequentialSpec.of(new DenseSpec(7))));
        assertEquals(60 * 7 + 7, a.parameters());
        assertEquals(60 * 7, a.flops());
        assertArrayEquals(new int[] {7}, a.outputShape());
    }

    @Test
    void analyze_batchNorm_countsScaleAndShiftOnly() {
        Analysis img = ArchitectureAnalysis.analyze(new ArchitectureSpec(5, 3, 3, SequentialSpec.of(new BatchNormSpec())));
        assertEquals(10, img.parameters());
        Analysis flat = ArchitectureAnalysis.analyze(new ArchitectureSpec(1, 3, 3,
                SequentialSpec.of(new DenseSpec(6), new BatchNormSpec())));
        assertEquals(6 * 9 + 6 + 12, flat.parameters());
    }

    @Test
    void analyze_concatOfImagesAndOfFlat_sumsChannelsAndFeatures() {
        ParallelSpec images = new ParallelSpec(List.of(Conv2dSpec.same(8, 3), Conv2dSpec.same(4, 5), new IdentitySpec()),
                ParallelSpec.Merge.CONCAT);
        Analysis a = ArchitectureAnalysis.analyze(new ArchitectureSpec(2, 6, 7, SequentialSpec.of(images)));
        assertArrayEquals(new int[] {14, 6, 7}, a.outputShape());
        assertEquals("body/0/parallel/branch1/conv2d", a.layers().get(1).path());
        ParallelSpec flat = new ParallelSpec(List.of(new DenseSpec(3), new DenseSpec(5)), ParallelSpec.Merge.CONCAT);
        Analysis b = ArchitectureAnalysis.analyze(new ArchitectureSpec(1, 2, 2,
                SequentialSpec.of(new FlattenSpec(), flat)));
        assertArrayEquals(new int[] {8}, b.outputShape());
    }

    @Test
    void analyze_nestedSequential_extendsPath() {
        Analysis a = ArchitectureAnalysis.analyze(new ArchitectureSpec(1, 4, 4,
                SequentialSpec.of(RELU, SequentialSpec.of(Conv2dSpec.same(2, 3), RELU))));
        assertEquals("body/1/sequential/0/conv2d", a.layers().get(1).path());
        assertEquals("body/1/sequential/1/activation", a.layers().get(2).path());
    }

    @Test
    void analyze_stridedAndPaddedConv_usesFloorFormula() {
        // (11 + 2*1 - 4) / 3 + 1 = 4; valid: (11 - 4) / 3 + 1 = 3.
        Analysis a = ArchitectureAnalysis.analyze(new ArchitectureSpec(1, 11, 11,
                SequentialSpec.of(new Conv2dSpec(2, 4, 3, Padding.of(1)))));
        assertArrayEquals(new int[] {2, 4, 4}, a.outputShape());
        Analysis v = ArchitectureAnalysis.analyze(new ArchitectureSpec(1, 11, 11,
                SequentialSpec.of(new Conv2dSpec(2, 4, 3, Padding.VALID))));
        assertArrayEquals(new int[] {2, 3, 3}, v.outputShape());
        assertEquals(2L * 16 * 9, v.flops());
    }

    @Test
    void summary_lenet5_listsRowsAndTotals() {
        String s = ArchitectureAnalysis.summary(Architectures.lenet5());
        assertTrue(s.contains("Total params: 61,706"), s);
        assertTrue(s.contains("body/3/conv2d"), s);
        assertTrue(s.contains("[16, 10, 10]"), s);
        assertTrue(s.contains("FLOPs (multiply-adds per example): 416,520"), s);
        // header + rule + input row + 12 layers + rule + 3 totals
        assertEquals(19, s.split("\n").length, s);
    }

    static LayerInfo find(Analysis a, String path) {
        return a.layers().stream().filter(l -> l.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + path + " in " + a.layers()));
    }
}
