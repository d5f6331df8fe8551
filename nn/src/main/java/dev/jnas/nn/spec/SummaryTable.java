package dev.jnas.nn.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders {@link Analysis#summary()}: aligned columns like Keras' {@code model.summary()}. */
final class SummaryTable {
    private static final String[] HEADER = {"Layer (path)", "Type", "Output shape", "Params"};

    private SummaryTable() {
    }

    static String render(Analysis a) {
        List<String[]> rows = new ArrayList<>();
        if (!a.layers().isEmpty()) {
            rows.add(new String[] {"input", "input", ArchitectureAnalysis.shapeString(a.layers().get(0).inputShape()), "0"});
        }
        for (LayerInfo l : a.layers()) {
            rows.add(new String[] {l.path(), l.type(), ArchitectureAnalysis.shapeString(l.outputShape()), grouped(l.parameters())});
        }
        int[] width = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            width[c] = HEADER[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        int total = width[0] + width[1] + width[2] + width[3] + 3 * 2;
        StringBuilder sb = new StringBuilder();
        line(sb, HEADER, width);
        sb.append("=".repeat(total)).append('\n');
        for (String[] r : rows) {
            line(sb, r, width);
        }
        sb.append("=".repeat(total)).append('\n');
        sb.append("Total params: ").append(grouped(a.parameters())).append('\n');
        sb.append("FLOPs (multiply-adds per example): ").append(grouped(a.flops())).append('\n');
        sb.append("Output shape: ").append(ArchitectureAnalysis.shapeString(a.outputShape())).append('\n');
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        // Params right-aligned, the text columns left-aligned.
        sb.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %" + width[3] + "s",
                cells[0], cells[1], cells[2], cells[3])).append('\n');
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
