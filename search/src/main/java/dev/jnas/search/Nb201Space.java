package dev.jnas.search;

import dev.jnas.nn.spec.Analysis;
import dev.jnas.nn.spec.ArchitectureAnalysis;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.nn.spec.nb201.Nb201Network;
import dev.jnas.nn.spec.nb201.Nb201Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NAS-Bench-201 cell space as a {@link SearchSpace}: six decisions, one per cell edge in the
 * benchmark's edge order ({@code edge_0_1, edge_0_2, edge_1_2, edge_0_3, edge_1_3, edge_2_3}, read
 * "from node i to node j"), each choosing one of the five operations by its benchmark name
 * ({@code none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3}); 5^6 = 15,625 genomes.
 *
 * <p>The canonical key of a genome is its exact architecture string, e.g.
 * {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|}.
 * NAS-Bench-201 contains isomorphic and functionally equivalent cells (an edge into a node whose only
 * path to the output is cut by {@code none}, say); the benchmark lists them as distinct rows keyed by the
 * string, and so do we: no two genomes share a key, and a strategy may evaluate two equivalent cells.
 *
 * <p>Decoding gives the benchmark's trainable network ({@link Nb201Network#architecture}) with the
 * skeleton sizes given here, so a found cell can be trained with {@code nas train}; the key never decodes.
 *
 * <p>Use: {@code Nb201Space nb = Nb201Space.create();} then hand {@link #space()} to any strategy, and map
 * its genomes with {@link #cell}, {@link #genome}, {@link #architectureString}, {@link #cellIndex}.
 */
public final class Nb201Space implements GenomeEncoding {
    private static final String[] NAMES = new String[Nb201Cell.EDGES];
    private static final Object[] OP_NAMES;

    static {
        for (int k = 0; k < Nb201Cell.EDGES; k++) {
            NAMES[k] = "edge_" + Nb201Cell.from(k) + "_" + Nb201Cell.to(k);
        }
        Nb201Op[] ops = Nb201Op.values();
        OP_NAMES = new Object[ops.length];
        for (int i = 0; i < ops.length; i++) {
            OP_NAMES[i] = ops[i].benchmarkName();
        }
    }

    private final SearchSpace space;
    private final int channels;
    private final int cellsPerStage;
    private final InputShape input;

    private Nb201Space(int channels, int cellsPerStage, InputShape input) {
        if (channels <= 0 || cellsPerStage <= 0) {
            throw new IllegalArgumentException("nb201 space: channels and cellsPerStage must be > 0, got "
                    + channels + ", " + cellsPerStage);
        }
        if (input.height() <= 0 || input.width() <= 0 || input.height() % 4 != 0 || input.width() % 4 != 0
                || input.channels() <= 0 || input.classes() <= 0) {
            throw new IllegalArgumentException("nb201 space: input must be positive with height and width multiples of 4, got "
                    + input);
        }
        this.channels = channels;
        this.cellsPerStage = cellsPerStage;
        this.input = input;
        SearchSpace.Builder b = SearchSpace.builder("nas-bench-201");
        for (String name : NAMES) {
            b.global(Decision.of(name, OP_NAMES));
        }
        this.space = new SearchSpace(b.definition(), this);
    }

    /** The benchmark's setting: C = 16, N = 5 cells per stage, 3x32x32 input, 10 classes. */
    public static Nb201Space create() {
        return create(Nb201Network.DEFAULT_CHANNELS, Nb201Network.DEFAULT_CELLS_PER_STAGE, 3, 32, 32,
                Nb201Network.DEFAULT_CLASSES);
    }

    /** The cell space decoding to the skeleton with stem width C, N cells per stage and this input. */
    public static Nb201Space create(int channels, int cellsPerStage, int inputChannels, int height, int width, int classes) {
        return new Nb201Space(channels, cellsPerStage, new InputShape(inputChannels, height, width, classes));
    }

    /** The NAS-Bench-201 view of {@code space}; throws unless it was made by this class. */
    public static Nb201Space of(SearchSpace space) {
        if (space.encoding() instanceof Nb201Space nb) {
            return nb;
        }
        throw new IllegalArgumentException("space '" + space.name() + "' is not a NAS-Bench-201 space");
    }

    /** The space strategies search. */
    public SearchSpace space() {
        return space;
    }

    /** The genome decision names in benchmark edge order (decision {@code k} is edge {@code k}). */
    public static List<String> decisionNames() {
        return List.of(NAMES);
    }

    /** The network input shape (and classes) the decoder builds for. */
    public InputShape input() {
        return input;
    }

    /** {@link Nb201Cell#index()} of {@code g}, without allocating: what a table lookup needs. */
    public int cellIndex(Genome g) {
        int index = 0;
        for (int k = Nb201Cell.EDGES - 1; k >= 0; k--) {
            int v = g.get(NAMES[k]);
            if (v >= OP_NAMES.length) {
                throw new IllegalArgumentException("nb201 genome: '" + NAMES[k] + "' = " + v + " outside [0, " + OP_NAMES.length + ")");
            }
            index = index * OP_NAMES.length + v;
        }
        return index;
    }

    /** The cell a genome of this space stands for. */
    public Nb201Cell cell(Genome g) {
        space.validate(g);
        Nb201Op[] all = Nb201Op.values();
        List<Nb201Op> ops = new ArrayList<>(Nb201Cell.EDGES);
        for (String name : NAMES) {
            ops.add(all[g.get(name)]);
        }
        return new Nb201Cell(ops);
    }

    /** The genome of {@code cell}. */
    public Genome genome(Nb201Cell cell) {
        Map<String, Integer> values = new TreeMap<>();
        for (int k = 0; k < Nb201Cell.EDGES; k++) {
            values.put(NAMES[k], cell.ops().get(k).ordinal());
        }
        return new Genome(values);
    }

    /** The genome of the cell with this {@link Nb201Cell#index()}. */
    public Genome genome(int cellIndex) {
        return genome(Nb201Cell.fromIndex(cellIndex));
    }

    /** Parses an architecture string (errors give the position; see {@link Nb201Cell#parse}). */
    public Genome parse(String architectureString) {
        return genome(Nb201Cell.parse(architectureString));
    }

    /** The exact architecture string of {@code g} (its key). */
    public String architectureString(Genome g) {
        StringBuilder sb = new StringBuilder(96);
        for (int k = 0; k < Nb201Cell.EDGES; k++) {
            int from = Nb201Cell.from(k);
            if (from == 0) {
                sb.append(k > 0 ? "+|" : "|");
            }
            sb.append(OP_NAMES[g.get(NAMES[k])]).append('~').append(from).append('|');
        }
        return sb.toString();
    }

    /** The trainable benchmark network of {@code g} with this space's skeleton sizes. */
    public ArchitectureSpec architecture(Genome g) {
        return Nb201Network.architecture(cell(g), channels, cellsPerStage, input.channels(), input.height(),
                input.width(), input.classes());
    }

    @Override
    public String key(SearchSpace s, Genome g) {
        return architectureString(g);
    }

    @Override
    public DecodeResult decode(SearchSpace s, Genome g) {
        ArchitectureSpec spec = architecture(g);
        Analysis analysis = ArchitectureAnalysis.analyze(spec);
        return new DecodeResult(spec, analysis.parameters(), analysis.flops(), List.of(), null);
    }

    @Override
    public String toString() {
        return "Nb201Space[C=" + channels + ", N=" + cellsPerStage + ", input=" + input + "]";
    }
}
