package dev.jnas.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON of cells, zero ops and padded average pools: defaults, canonical order, errors with JSON paths. */
class CellJsonTest {
    private static final String HEAD = "{\"format\": \"jnas-architecture\", \"version\": 1, \"input\": [2, 6, 6], \"layers\": [";

    private static String cell(int nodes, String edges) {
        return HEAD + "{\"type\": \"cell\", \"nodes\": " + nodes + ", \"edges\": [" + edges + "]}]}";
    }

    private static void rejected(String json, String path, String... words) {
        ArchitectureFormatException e = assertThrows(ArchitectureFormatException.class, () -> ArchitectureJson.fromJson(json));
        assertEquals(path, e.path(), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void fromJson_cellWithEdgesOutOfOrder_readsSortedCellAndWritesCanonically() {
        String json = cell(3, "{\"to\": 2, \"from\": 1, \"op\": {\"type\": \"zero\"}},"
                + "{\"from\": 0, \"to\": 1, \"op\": [{\"type\": \"activation\", \"function\": \"relu\"}, {\"type\": \"avgpool2d\", \"size\": 3, \"stride\": 1, \"padding\": 1}]},"
                + "{\"from\": 0, \"to\": 2, \"op\": {\"type\": \"identity\"}}");
        ArchitectureSpec spec = ArchitectureJson.fromJson(json);
        CellSpec expected = new CellSpec(3, List.of(
                new CellSpec.Edge(0, 1, SequentialSpec.of(new ActivationSpec(Activation.RELU), new AvgPool2dSpec(3, 1, 1))),
                new CellSpec.Edge(0, 2, new IdentitySpec()),
                new CellSpec.Edge(1, 2, new ZeroSpec())));
        assertEquals(new ArchitectureSpec(2, 6, 6, SequentialSpec.of(expected)), spec);
        String canonical = ArchitectureJson.toJson(spec);
        assertTrue(canonical.indexOf("\"from\": 0, \"to\": 2") < canonical.indexOf("\"from\": 1, \"to\": 2"), canonical);
        assertEquals(spec, ArchitectureJson.fromJson(canonical));
    }

    @Test
    void fromJson_avgPoolWithoutPadding_defaultsToZeroAndIsWrittenExplicitly() {
        ArchitectureSpec spec = ArchitectureJson.fromJson(HEAD + "{\"type\": \"avgpool2d\", \"size\": 2}]}");
        assertEquals(new AvgPool2dSpec(2, 2, 0), spec.body().layers().get(0));
        assertTrue(ArchitectureJson.toJson(spec).contains("{\"type\": \"avgpool2d\", \"size\": 2, \"stride\": 2, \"padding\": 0}"));
    }

    @Test
    void fromJson_badCells_nameJsonPath() {
        String id = "\"op\": {\"type\": \"identity\"}";
        rejected(cell(1, "{\"from\": 0, \"to\": 1, " + id + "}"), "layers[0].nodes", ">= 2");
        rejected(cell(3, "{\"from\": 0, \"to\": 3, " + id + "}, {\"from\": 0, \"to\": 1, " + id + "}"),
                "layers[0].edges[0].to", "1..2", "got 3");
        rejected(cell(3, "{\"from\": 0, \"to\": 1, " + id + "}, {\"from\": 2, \"to\": 2, " + id + "}"),
                "layers[0].edges[1].from", "0..1", "got 2");
        rejected(cell(3, "{\"from\": 0, \"to\": 1, " + id + "}, {\"from\": 0, \"to\": 1, " + id + "}"),
                "layers[0].edges[1]", "duplicate edge 0->1");
        rejected(cell(3, "{\"from\": 0, \"to\": 2, " + id + "}, {\"from\": 1, \"to\": 2, " + id + "}"),
                "layers[0].edges", "node 1 has no incoming edge");
        rejected(cell(4, "{\"from\": 0, \"to\": 1, " + id + "}"), "layers[0].edges", "at least 3 edges");
        rejected(cell(2, ""), "layers[0].edges", "non-empty array");
        rejected(cell(2, "{\"from\": 0, \"to\": 1}"), "layers[0].edges[0].op", "missing");
        rejected(cell(2, "{\"from\": 0, \"to\": 1, \"weight\": 2, " + id + "}"), "layers[0].edges[0].weight", "unknown field");
        rejected(cell(2, "{\"from\": 0, \"to\": 1, \"op\": [{\"type\": \"conv2d\", \"filters\": 0, \"kernel\": 1}]}"),
                "layers[0].edges[0].op[0].filters", "> 0");
        rejected(HEAD + "{\"type\": \"cell\", \"nodes\": 2, \"edges\": [{\"from\": 0, \"to\": 1, " + id + "}], \"x\": 1}]}",
                "layers[0].x", "unknown field");
    }

    @Test
    void fromJson_badAvgPoolPaddingOrPaddedMaxPool_nameField() {
        rejected(HEAD + "{\"type\": \"avgpool2d\", \"size\": 3, \"padding\": 2}]}", "layers[0].padding", "0..1", "got 2");
        rejected(HEAD + "{\"type\": \"avgpool2d\", \"size\": 3, \"padding\": \"same\"}]}", "layers[0].padding", "integer");
        rejected(HEAD + "{\"type\": \"maxpool2d\", \"size\": 3, \"padding\": 1}]}", "layers[0].padding", "unknown field");
    }
}
