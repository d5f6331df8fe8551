package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of misfit is rejected with the offending layer's path and the shapes in the message. */
class InvalidArchitectureTest {
    private static final ActivationSpec RELU = new ActivationSpec(Activation.RELU);

    private static InvalidArchitectureException reject(int c, int h, int w, LayerSpec... layers) {
        ArchitectureSpec spec = new ArchitectureSpec(c, h, w, SequentialSpec.of(layers));
        return assertThrows(InvalidArchitectureException.class, () -> ArchitectureAnalysis.analyze(spec));
    }

    private static void assertMentions(InvalidArchitectureException e, String... parts) {
        assertTrue(e.getMessage().startsWith(e.path() + ": "), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void analyze_poolBelow1x1_namesThirdPool() {
        InvalidArchitectureException e = reject(1, 4, 4, MaxPool2dSpec.of(2), MaxPool2dSpec.of(2), MaxPool2dSpec.of(2));
        assertEquals("body/2/maxpool2d", e.path());
        assertMentions(e, "[1, 1, 1]", "2x2");
    }

    @Test
    void analyze_avgPoolWiderThanInput_rejected() {
        InvalidArchitectureException e = reject(2, 8, 2, RELU, new AvgPool2dSpec(3, 1));
        assertEquals("body/1/avgpool2d", e.path());
        assertMentions(e, "[2, 8, 2]", "3x3");
    }

    @Test
    void analyze_kernelLargerThanPaddedInput_namesConvAndShapes() {
        InvalidArchitectureException e = reject(1, 3, 3, new Conv2dSpec(4, 5, 1, Padding.VALID));
        assertEquals("body/0/conv2d", e.path());
        assertMentions(e, "5x5", "3x3", "[1, 3, 3]");
        InvalidArchitectureException p = reject(1, 2, 2, new Conv2dSpec(4, 5, 1, Padding.of(1)));
        assertMentions(p, "5x5", "4x4");
    }

    @Test
    void analyze_addMergeShapesDiffer_namesParallel() {
        ParallelSpec block = new ParallelSpec(List.of(new IdentitySpec(), Conv2dSpec.same(8, 3)), ParallelSpec.Merge.ADD);
        InvalidArchitectureException e = reject(1, 8, 8, block);
        assertEquals("body/0/parallel", e.path());
        assertMentions(e, "[1, 8, 8]", "[8, 8, 8]", "add");
    }

    @Test
    void analyze_concatHeightWidthDiffer_namesParallel() {
        ParallelSpec block = new ParallelSpec(List.of(new IdentitySpec(), new Conv2dSpec(3, 3, 2, Padding.SAME)),
                ParallelSpec.Merge.CONCAT);
        InvalidArchitectureException e = reject(2, 8, 8, RELU, block);
        assertEquals("body/1/parallel", e.path());
        assertMentions(e, "[2, 8, 8]", "[3, 4, 4]", "height and width");
    }

    @Test
    void analyze_concatImageWithFlat_rejected() {
        ParallelSpec block = new ParallelSpec(List.of(new IdentitySpec(), new DenseSpec(4)), ParallelSpec.Merge.CONCAT);
        InvalidArchitectureException e = reject(2, 3, 3, block);
        assertEquals("body/0/parallel", e.path());
        assertMentions(e, "[2, 3, 3]", "[4]");
    }

    @Test
    void analyze_convAfterFlat_rejected() {
        InvalidArchitectureException e = reject(1, 6, 6, new FlattenSpec(), Conv2dSpec.same(2, 3));
        assertEquals("body/1/conv2d", e.path());
        assertMentions(e, "[36]");
    }

    @Test
    void analyze_poolAndGlobalPoolAfterDense_rejected() {
        assertEquals("body/1/maxpool2d", reject(1, 6, 6, new DenseSpec(5), MaxPool2dSpec.of(2)).path());
        assertEquals("body/2/global_avg_pool",
                reject(1, 6, 6, new GlobalAvgPoolSpec(), RELU, new GlobalAvgPoolSpec()).path());
    }

    @Test
    void analyze_misfitDeepInBranch_namesFullPath() {
        ParallelSpec block = new ParallelSpec(List.of(new IdentitySpec(),
                SequentialSpec.of(new Conv2dSpec(4, 5, 1, Padding.VALID), RELU)), ParallelSpec.Merge.ADD);
        InvalidArchitectureException e = reject(1, 4, 4, Conv2dSpec.same(4, 3), RELU, block);
        assertEquals("body/2/parallel/branch1/0/conv2d", e.path());
        assertMentions(e, "[4, 4, 4]");
    }

    @Test
    void analyze_misfitInNestedParallel_namesNestedPath() {
        ParallelSpec inner = new ParallelSpec(List.of(new IdentitySpec(), MaxPool2dSpec.of(3)), ParallelSpec.Merge.ADD);
        ParallelSpec outer = new ParallelSpec(List.of(new IdentitySpec(), SequentialSpec.of(RELU, inner)),
                ParallelSpec.Merge.ADD);
        InvalidArchitectureException e = reject(1, 2, 2, outer);
        assertEquals("body/0/parallel/branch1/1/parallel/branch1/maxpool2d", e.path());
    }
}
