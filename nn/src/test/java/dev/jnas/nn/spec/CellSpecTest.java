package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cell graph is checked when built; edges are canonically ordered; zero nodes are recognised. */
class CellSpecTest {
    private static final LayerSpec ID = new IdentitySpec();
    private static final LayerSpec ZERO = new ZeroSpec();

    private static CellSpec.Edge edge(int from, int to, LayerSpec op) {
        return new CellSpec.Edge(from, to, op);
    }

    private static void rejected(String expected, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith("cell: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void constructor_badGraphs_rejectedNamingTheProblem() {
        rejected("at least 2 nodes", () -> new CellSpec(1, List.of()));
        rejected("0 <= from < to", () -> edge(2, 2, ID));
        rejected("0 <= from < to", () -> edge(-1, 1, ID));
        rejected("no op", () -> edge(0, 1, null));
        rejected("targets node 3", () -> new CellSpec(3, List.of(edge(0, 1, ID), edge(1, 2, ID), edge(0, 3, ID))));
        rejected("duplicate edge 0->2", () -> new CellSpec(3, List.of(edge(0, 2, ID), edge(0, 1, ID), edge(0, 2, ZERO))));
        rejected("node 1 has no incoming edge", () -> new CellSpec(3, List.of(edge(0, 2, ID), edge(1, 2, ID))));
        rejected("need at least 3 edges", () -> new CellSpec(4, List.of(edge(0, 1, ID))));
        rejected("node 2 has no incoming edge", () -> new CellSpec(4, List.of(edge(0, 1, ID), edge(0, 3, ID), edge(1, 3, ID))));
    }

    @Test
    void constructor_edgesInAnyOrder_sortedByTargetThenSourceAndEqual() {
        CellSpec a = new CellSpec(3, List.of(edge(1, 2, ID), edge(0, 2, ZERO), edge(0, 1, ID)));
        CellSpec b = new CellSpec(3, List.of(edge(0, 1, ID), edge(0, 2, ZERO), edge(1, 2, ID)));
        assertEquals(b, a);
        assertEquals(List.of(edge(0, 1, ID), edge(0, 2, ZERO), edge(1, 2, ID)), a.edges());
        assertEquals(List.of(edge(0, 2, ZERO), edge(1, 2, ID)), a.incoming(2));
        assertEquals("edge1-2", a.edges().get(2).name());
    }

    @Test
    void isZeroNode_onlyWhenEveryIncomingEdgeIsZero() {
        CellSpec c = new CellSpec(4, List.of(edge(0, 1, ZERO), edge(0, 2, ZERO), edge(1, 2, ID), edge(1, 3, ZERO),
                edge(2, 3, ZERO)));
        assertFalse(c.isZeroNode(0));
        assertTrue(c.isZeroNode(1));
        assertFalse(c.isZeroNode(2), "an identity edge from a zero node is not a zero edge");
        assertTrue(c.isZeroNode(3));
        assertThrows(IllegalArgumentException.class, () -> c.isZeroNode(4));
    }
}
