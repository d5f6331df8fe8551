package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape inference through cells: rows and paths, unequal edge shapes, the padded average pool. */
class CellAnalysisTest {
    private static final ActivationSpec RELU = new ActivationSpec(Activation.RELU);

    private static CellSpec.Edge edge(int from, int to, LayerSpec op) {
        return new CellSpec.Edge(from, to, op);
    }

    private static Analysis analyze(int c, int h, int w, LayerSpec... layers) {
        return ArchitectureAnalysis.analyze(new ArchitectureSpec(c, h, w, SequentialSpec.of(layers)));
    }

    @Test
    void analyze_cell_rowsPerEdgeLayerThenNodeSumInExecutionOrder() {
        CellSpec cell = new CellSpec(3, List.of(
                edge(0, 1, SequentialSpec.of(RELU, Conv2dSpec.same(4, 3), new BatchNormSpec())),
                edge(0, 2, new ZeroSpec()),
                edge(1, 2, new AvgPool2dSpec(3, 1, 1))));
        Analysis a = analyze(4, 6, 6, new BatchNormSpec(), cell);
        List<String> paths = a.layers().stream().map(LayerInfo::path).toList();
        assertEquals(List.of("body/0/batchnorm",
                "body/1/cell/edge0-1/0/activation", "body/1/cell/edge0-1/1/conv2d", "body/1/cell/edge0-1/2/batchnorm",
                "body/1/cell/node1",
                "body/1/cell/edge0-2/zero", "body/1/cell/edge1-2/avgpool2d", "body/1/cell/node2"), paths);
        assertEquals("sum", a.layers().get(4).type());
        assertEquals("zero", a.layers().get(5).type());
        // batchnorm 2*4 = 8; conv 4*4*3*3 + 4 = 148; batchnorm 8; zero, pool, sums 0: total 164.
        assertEquals(164, a.parameters());
        // conv multiply-adds 4*4*3*3 * 6*6 = 5184; nothing else counts.
        assertEquals(5184, a.flops());
        assertArrayEquals(new int[] {4, 6, 6}, a.outputShape());
    }

    @Test
    void analyze_edgesIntoNodeWithUnequalShapes_namesOffendingEdgePath() {
        CellSpec cell = new CellSpec(4, List.of(edge(0, 1, new IdentitySpec()), edge(0, 2, new IdentitySpec()),
                edge(0, 3, new IdentitySpec()), edge(1, 3, SequentialSpec.of(RELU, Conv2dSpec.same(8, 1))),
                edge(2, 3, new ZeroSpec())));
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class,
                () -> analyze(3, 5, 5, new IdentitySpec(), new IdentitySpec(), new IdentitySpec(), cell));
        assertEquals("body/3/cell/edge1-3", e.path());
        assertTrue(e.getMessage().startsWith("body/3/cell/edge1-3: "), e.getMessage());
        for (String part : new String[] {"node 3", "edge0-3", "[3, 5, 5]", "edge1-3", "[8, 5, 5]"}) {
            assertTrue(e.getMessage().contains(part), part + " missing in " + e.getMessage());
        }
    }

    @Test
    void analyze_misfitInsideEdgeOp_namesFullEdgePath() {
        CellSpec cell = new CellSpec(2, List.of(edge(0, 1, SequentialSpec.of(RELU, new Conv2dSpec(2, 5, 1, Padding.VALID)))));
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> analyze(1, 3, 3, cell));
        assertEquals("body/0/cell/edge0-1/1/conv2d", e.path());
    }

    @Test
    void analyze_nestedCellInEdge_extendsPath() {
        CellSpec inner = new CellSpec(2, List.of(edge(0, 1, new IdentitySpec())));
        CellSpec outer = new CellSpec(2, List.of(edge(0, 1, inner)));
        Analysis a = analyze(1, 2, 2, outer);
        assertEquals("body/0/cell/edge0-1/cell/edge0-1/identity", a.layers().get(0).path());
        assertEquals("body/0/cell/edge0-1/cell/node1", a.layers().get(1).path());
        assertEquals("body/0/cell/node1", a.layers().get(2).path());
    }

    @Test
    void analyze_paddedAvgPool_keepsOrShrinksByFormula() {
        assertArrayEquals(new int[] {2, 5, 5}, analyze(2, 5, 5, new AvgPool2dSpec(3, 1, 1)).outputShape());
        // (5 + 2*1 - 3) / 2 + 1 = 3; (4 + 2 - 3) / 2 + 1 = 2.
        assertArrayEquals(new int[] {2, 3, 2}, analyze(2, 5, 4, new AvgPool2dSpec(3, 2, 1)).outputShape());
        // 1x1 input padded to 3x3 fits a 3x3 window; without padding it does not.
        assertArrayEquals(new int[] {1, 1, 1}, analyze(1, 1, 1, new AvgPool2dSpec(3, 1, 1)).outputShape());
        InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class,
                () -> analyze(1, 2, 2, new AvgPool2dSpec(5, 1, 1)));
        assertTrue(e.getMessage().contains("padding 1"), e.getMessage());
    }

    @Test
    void avgPool2dSpec_paddingAboveHalfWindow_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AvgPool2dSpec(3, 1, 2));
        assertTrue(e.getMessage().contains("padding must be in 0..1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AvgPool2dSpec(3, 1, -1));
        assertEquals(new AvgPool2dSpec(2, 2, 0), new AvgPool2dSpec(2, 2));
    }
}
