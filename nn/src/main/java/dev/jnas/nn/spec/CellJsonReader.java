package dev.jnas.nn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code cell} layer object for {@link ArchitectureJsonReader}; checks the graph itself so that every
 * error names the JSON path of the offending edge (the {@link CellSpec} constructor would only name the edge).
 */
final class CellJsonReader {
    private CellJsonReader() {
    }

    /** @param at the layer's JSON path followed by a dot, e.g. {@code layers[3].} */
    static CellSpec cell(JsonNode node, String at) {
        ArchitectureJsonReader.onlyFields(node, Set.of("type", "nodes", "edges"), at);
        int nodes = ArchitectureJsonReader.integer(ArchitectureJsonReader.required(node, "nodes", at), at + "nodes");
        if (nodes < 2) {
            throw new ArchitectureFormatException(at + "nodes", "expected an integer >= 2 (input and output node), got " + nodes);
        }
        JsonNode edges = ArchitectureJsonReader.required(node, "edges", at);
        if (!edges.isArray() || edges.isEmpty()) {
            throw new ArchitectureFormatException(at + "edges", "expected a non-empty array of edges, got "
                    + ArchitectureJsonReader.describe(edges));
        }
        if (nodes - 1 > edges.size()) {
            throw new ArchitectureFormatException(at + "edges", "a cell of " + nodes + " nodes needs at least "
                    + (nodes - 1) + " edges (one into each node after 0), got " + edges.size());
        }
        List<CellSpec.Edge> list = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        boolean[] reached = new boolean[nodes];
        for (int k = 0; k < edges.size(); k++) {
            String ep = at + "edges[" + k + "]";
            JsonNode e = edges.get(k);
            ArchitectureJsonReader.requireObject(e, ep);
            ArchitectureJsonReader.onlyFields(e, Set.of("from", "to", "op"), ep + ".");
            int to = ArchitectureJsonReader.integer(ArchitectureJsonReader.required(e, "to", ep + "."), ep + ".to");
            if (to < 1 || to >= nodes) {
                throw new ArchitectureFormatException(ep + ".to", "expected a node in 1.." + (nodes - 1) + ", got " + to);
            }
            int from = ArchitectureJsonReader.integer(ArchitectureJsonReader.required(e, "from", ep + "."), ep + ".from");
            if (from < 0 || from >= to) {
                throw new ArchitectureFormatException(ep + ".from", "expected an earlier node in 0.." + (to - 1)
                        + " (edges go from a lower to a higher node), got " + from);
            }
            if (!seen.add((long) from * nodes + to)) {
                throw new ArchitectureFormatException(ep, "duplicate edge " + from + "->" + to);
            }
            reached[to] = true;
            JsonNode op = ArchitectureJsonReader.required(e, "op", ep + ".");
            // Like a parallel branch, an op is a layer list (a sequential) or a single layer object.
            list.add(new CellSpec.Edge(from, to, op.isArray() ? ArchitectureJsonReader.layerList(op, ep + ".op")
                    : ArchitectureJsonReader.layer(op, ep + ".op")));
        }
        for (int j = 1; j < nodes; j++) {
            if (!reached[j]) {
                throw new ArchitectureFormatException(at + "edges", "node " + j + " has no incoming edge");
            }
        }
        return new CellSpec(nodes, list);
    }
}
