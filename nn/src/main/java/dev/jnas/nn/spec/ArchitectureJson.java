package dev.jnas.nn.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON form of an {@link ArchitectureSpec} (documented in {@code docs/architecture-format.md}):
 * {@link #toJson} writes it, {@link #fromJson} / {@link #fromFile} read it. Writing is canonical (every
 * field explicit, fixed order and layout, {@code \n} line ends), so {@code fromJson(toJson(s)).equals(s)}
 * and {@code toJson(fromJson(toJson(s)))} is the same string. Reading checks the format only; call
 * {@link ArchitectureAnalysis#analyze} afterwards to check that the layers fit the input.
 */
public final class ArchitectureJson {
    /** Value of the {@code format} field. */
    public static final String FORMAT = "jnas-architecture";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private ArchitectureJson() {
    }

    /** Pretty-printed canonical JSON: leaf layers one per line, composites expanded. */
    public static String toJson(ArchitectureSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"format\": \"").append(FORMAT).append("\",\n");
        sb.append("  \"version\": ").append(VERSION).append(",\n");
        sb.append("  \"input\": [").append(spec.channels()).append(", ").append(spec.height()).append(", ")
                .append(spec.width()).append("],\n");
        sb.append("  \"layers\": ");
        layerList(sb, spec.body().layers(), 1);
        sb.append("\n}\n");
        return sb.toString();
    }

    /**
     * Parses an architecture document.
     *
     * @throws ArchitectureFormatException with line and column for a syntax error, with the JSON path
     *     (e.g. {@code layers[3].filters}) for a missing, unknown, wrong-typed or out-of-range field
     */
    public static ArchitectureSpec fromJson(String json) {
        return ArchitectureJsonReader.read(json);
    }

    /**
     * Reads and parses a UTF-8 architecture file; format errors name the file.
     *
     * @throws IOException if the file cannot be read
     */
    public static ArchitectureSpec fromFile(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(json);
        } catch (ArchitectureFormatException e) {
            throw e.withSource(file.toString());
        }
    }

    private static void layerList(StringBuilder sb, List<LayerSpec> layers, int depth) {
        sb.append("[\n");
        for (int i = 0; i < layers.size(); i++) {
            indent(sb, depth + 1);
            layer(sb, layers.get(i), depth + 1);
            sb.append(i + 1 < layers.size() ? ",\n" : "\n");
        }
        indent(sb, depth);
        sb.append(']');
    }

    private static void layer(StringBuilder sb, LayerSpec spec, int depth) {
        if (spec instanceof SequentialSpec s) {
            sb.append("{\n");
            indent(sb, depth + 1);
            sb.append("\"type\": \"sequential\",\n");
            indent(sb, depth + 1);
            sb.append("\"layers\": ");
            layerList(sb, s.layers(), depth + 1);
            sb.append('\n');
            indent(sb, depth);
            sb.append('}');
            return;
        }
        if (spec instanceof ParallelSpec p) {
            sb.append("{\n");
            indent(sb, depth + 1);
            sb.append("\"type\": \"parallel\",\n");
            indent(sb, depth + 1);
            sb.append("\"merge\": \"").append(p.merge().jsonName()).append("\",\n");
            indent(sb, depth + 1);
            sb.append("\"branches\": [\n");
            for (int j = 0; j < p.branches().size(); j++) {
                LayerSpec b = p.branches().get(j);
                indent(sb, depth + 2);
                // A sequential branch is written as a bare layer list, any other branch as one layer.
                if (b instanceof SequentialSpec s) {
                    layerList(sb, s.layers(), depth + 2);
                } else {
                    layer(sb, b, depth + 2);
                }
                sb.append(j + 1 < p.branches().size() ? ",\n" : "\n");
            }
            indent(sb, depth + 1);
            sb.append("]\n");
            indent(sb, depth);
            sb.append('}');
            return;
        }
        if (spec instanceof CellSpec c) {
            cell(sb, c, depth);
            return;
        }
        sb.append("{\"type\": \"").append(spec.typeName()).append('"');
        leafFields(sb, spec);
        sb.append('}');
    }

    /** A cell: one edge per line, a sequential op as a layer list opened on the edge's line. */
    private static void cell(StringBuilder sb, CellSpec c, int depth) {
        sb.append("{\n");
        indent(sb, depth + 1);
        sb.append("\"type\": \"cell\",\n");
        indent(sb, depth + 1);
        sb.append("\"nodes\": ").append(c.nodes()).append(",\n");
        indent(sb, depth + 1);
        sb.append("\"edges\": [\n");
        for (int k = 0; k < c.edges().size(); k++) {
            CellSpec.Edge e = c.edges().get(k);
            indent(sb, depth + 2);
            sb.append("{\"from\": ").append(e.from()).append(", \"to\": ").append(e.to()).append(", \"op\": ");
            if (e.op() instanceof SequentialSpec s) {
                layerList(sb, s.layers(), depth + 2);
            } else {
                layer(sb, e.op(), depth + 2);
            }
            sb.append('}').append(k + 1 < c.edges().size() ? ",\n" : "\n");
        }
        indent(sb, depth + 1);
        sb.append("]\n");
        indent(sb, depth);
        sb.append('}');
    }

    private static void leafFields(StringBuilder sb, LayerSpec spec) {
        if (spec instanceof Conv2dSpec c) {
            field(sb, "filters", c.filters());
            field(sb, "kernel", c.kernel());
            field(sb, "stride", c.stride());
            field(sb, "padding", c.padding().mode() == Padding.Mode.EXPLICIT
                    ? Integer.toString(c.padding().amount()) : '"' + c.padding().toString() + '"');
        } else if (spec instanceof DenseSpec d) {
            field(sb, "units", d.units());
        } else if (spec instanceof MaxPool2dSpec m) {
            field(sb, "size", m.size());
            field(sb, "stride", m.stride());
        } else if (spec instanceof AvgPool2dSpec a) {
            field(sb, "size", a.size());
            field(sb, "stride", a.stride());
            field(sb, "padding", a.padding());
        } else if (spec instanceof ActivationSpec a) {
            field(sb, "function", '"' + a.function().jsonName() + '"');
        } else if (spec instanceof DropoutSpec d) {
            // Double.toString is the shortest text that parses back to the same double.
            field(sb, "rate", Double.toString(d.rate()));
        }
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(", \"").append(name).append("\": ").append(value);
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }
}
