package dev.jnas.search;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders {@link SearchSpace#describe()}: one line per decision with choices and conditions, then sizes. */
final class SpaceDescription {
    private SpaceDescription() {
    }

    static String describe(SearchSpace space) {
        SpaceDefinition def = space.definition();
        StringBuilder sb = new StringBuilder();
        sb.append("search space '").append(def.name()).append("'");
        if (def.input() != null) {
            InputShape in = def.input();
            sb.append(" for ").append(in.channels()).append('x').append(in.height()).append('x').append(in.width())
                    .append(" inputs, ").append(in.classes()).append(" classes");
        }
        sb.append('\n');
        if (!def.constraints().equals(Constraints.NONE)) {
            sb.append("constraints: maxParameters=").append(limit(def.constraints().maxParameters()))
                    .append(", maxFlops=").append(limit(def.constraints().maxFlops())).append('\n');
        }
        group(sb, "globals", def.globals(), space.globalGroup());
        for (int k = 0; k < space.stageCount(); k++) {
            Stage s = space.stage(k);
            sb.append("stage '").append(s.name()).append("' (").append(s.kind().jsonName()).append("): ")
                    .append(s.minCount()).append("..").append(s.maxCount()).append(" slots, ")
                    .append(space.slotGroup(k).size()).append(" distinct slots\n");
            lines(sb, "  " + s.name() + ".<i>.", s.decisions());
        }
        group(sb, "training", def.training(), space.trainingGroup());
        sb.append("size: ").append(space.size()).append(String.format(" (log10 %.2f)", space.log10Size()))
                .append(" distinct genomes over active decisions, constraints not applied\n");
        return sb.toString();
    }

    private static void group(StringBuilder sb, String title, List<Decision> ds, DecisionGroup g) {
        if (!ds.isEmpty()) {
            sb.append(title).append(": ").append(g.size()).append(" combinations\n");
            lines(sb, "  " + (title.equals("training") ? SearchSpace.TRAIN_PREFIX : ""), ds);
        }
    }

    private static void lines(StringBuilder sb, String prefix, List<Decision> ds) {
        for (Decision d : ds) {
            sb.append(prefix).append(d.name()).append(" in ").append(d.choices());
            if (!d.when().isEmpty()) {
                sb.append(" when ").append(d.when().entrySet().stream()
                        .map((Map.Entry<String, List<Object>> e) -> e.getKey() + " in " + e.getValue())
                        .collect(Collectors.joining(" and ")));
            }
            sb.append('\n');
        }
    }

    private static String limit(long v) {
        return v == Long.MAX_VALUE ? "none" : Long.toString(v);
    }
}
