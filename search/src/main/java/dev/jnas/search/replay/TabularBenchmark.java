package dev.jnas.search.replay;

import dev.jnas.nn.spec.nb201.Nb201Cell;
import dev.jnas.search.Genome;
import dev.jnas.search.Nb201Space;
import dev.jnas.search.strategy.EvaluationResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tabular NAS-Bench-201 benchmark: for each architecture, the reward a search maximises, the metric
 * reported for the chosen architecture and optionally the simulated cost (seconds) of evaluating it,
 * read from a CSV file. "Evaluating" a candidate is a lookup by {@link Nb201Cell#index()} into arrays,
 * so replays never parse or decode during a search.
 *
 * <p>File format: UTF-8, comma-separated, a header line naming the columns, then one row per
 * architecture. Fields may be double-quoted ({@code ""} inside quotes is a quote); surrounding blanks
 * are trimmed; empty lines are skipped. The arch column holds the exact architecture string; the reward,
 * report and cost columns must hold finite numbers (cost also non-negative); other columns are ignored.
 * The table may leave architectures out: a candidate without a row is an error at lookup time
 * ({@link MissingRowException}), never a silent default. Malformed files give {@link TableFormatException}.
 *
 * <p>Use: {@code TabularBenchmark t = TabularBenchmark.read(path, Nb201Space.create(), new Columns("arch_str", "val_acc", "test_acc", "time"));}
 * then {@link #evaluate(Genome)} per candidate, or {@link ReplayRunner} for many simulated searches.
 */
public final class TabularBenchmark {
    /**
     * Column names: {@code arch} holds architecture strings, {@code reward} is maximised, {@code report}
     * is reported for the chosen architecture, {@code cost} (null when absent) is seconds per evaluation.
     */
    public record Columns(String arch, String reward, String report, String cost) {
        public Columns {
            for (String c : new String[] {arch, reward, report}) {
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException("benchmark table: the arch, reward and report column names must be non-blank, got "
                            + arch + ", " + reward + ", " + report);
                }
            }
            if (cost != null && cost.isBlank()) {
                throw new IllegalArgumentException("benchmark table: cost column name is blank (use null for none)");
            }
        }
    }

    private final Path file;
    private final Nb201Space space;
    private final Columns columns;
    private final boolean[] present = new boolean[Nb201Cell.SIZE];
    private final double[] reward = new double[Nb201Cell.SIZE];
    private final double[] report = new double[Nb201Cell.SIZE];
    private final double[] cost = new double[Nb201Cell.SIZE];
    private int rows;
    private int optimum = -1;

    private TabularBenchmark(Path file, Nb201Space space, Columns columns) {
        this.file = file;
        this.space = space;
        this.columns = columns;
    }

    /** Reads {@code file}; errors name the file, line and column (see the class comment for the format). */
    public static TabularBenchmark read(Path file, Nb201Space space, Columns columns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("benchmark table " + file + ": cannot read: " + e.getMessage(), e);
        }
        TabularBenchmark t = new TabularBenchmark(file, space, columns);
        t.load(lines);
        return t;
    }

    private void load(List<String> lines) {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new TableFormatException(file, 1, null, "empty file; expected a header line naming the columns");
        }
        String headerLine = lines.get(first);
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = split(headerLine, first + 1);
        Map<String, Integer> at = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (at.put(header.get(i), i) != null) {
                throw new TableFormatException(file, first + 1, header.get(i), "column name appears twice in the header");
            }
        }
        int archAt = column(at, columns.arch(), first + 1);
        int rewardAt = column(at, columns.reward(), first + 1);
        int reportAt = column(at, columns.report(), first + 1);
        int costAt = columns.cost() == null ? -1 : column(at, columns.cost(), first + 1);
        int[] lineOf = new int[Nb201Cell.SIZE];
        for (int n = first + 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            int line = n + 1;
            List<String> f = split(lines.get(n), line);
            if (f.size() != header.size()) {
                throw new TableFormatException(file, line, null, "row has " + f.size() + " fields, the header has " + header.size());
            }
            int cell;
            try {
                cell = Nb201Cell.parse(f.get(archAt)).index();
            } catch (IllegalArgumentException e) {
                throw new TableFormatException(file, line, columns.arch(), e.getMessage());
            }
            if (present[cell]) {
                throw new TableFormatException(file, line, columns.arch(), "duplicate row for architecture " + f.get(archAt)
                        + " (first at line " + lineOf[cell] + ")");
            }
            present[cell] = true;
            lineOf[cell] = line;
            reward[cell] = number(f.get(rewardAt), line, columns.reward());
            report[cell] = number(f.get(reportAt), line, columns.report());
            if (costAt >= 0) {
                cost[cell] = number(f.get(costAt), line, columns.cost());
                if (cost[cell] < 0) {
                    throw new TableFormatException(file, line, columns.cost(), "cost must be >= 0, got " + f.get(costAt));
                }
            }
            rows++;
            if (optimum < 0 || reward[cell] > reward[optimum] || (reward[cell] == reward[optimum] && cell < optimum)) {
                optimum = cell;
            }
        }
        if (rows == 0) {
            throw new TableFormatException(file, first + 1, null, "no rows after the header");
        }
    }

    private int column(Map<String, Integer> at, String name, int line) {
        Integer i = at.get(name);
        if (i == null) {
            throw new TableFormatException(file, line, name, "no such column in the header; columns are " + at.keySet());
        }
        return i;
    }

    private double number(String text, int line, String column) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TableFormatException(file, line, column, "not a number: '" + text + "'");
        }
        if (!Double.isFinite(v)) {
            throw new TableFormatException(file, line, column, "not a finite number: '" + text + "'");
        }
        return v;
    }

    /** Splits one CSV line into trimmed fields; quotes group commas, {@code ""} is a literal quote. */
    private List<String> split(String line, int lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new TableFormatException(file, lineNumber, null, "unterminated quoted field");
        }
        out.add(cur.toString().strip());
        return out;
    }

    /** The file this table was read from. */
    public Path file() {
        return file;
    }

    public Nb201Space space() {
        return space;
    }

    public Columns columns() {
        return columns;
    }

    /** True when the table has a cost column. */
    public boolean hasCost() {
        return columns.cost() != null;
    }

    /** Number of architectures in the table. */
    public int rowCount() {
        return rows;
    }

    /** True when the table has a row for the cell with this {@link Nb201Cell#index()}. */
    public boolean contains(int cellIndex) {
        return present[cellIndex];
    }

    /** The {@link Nb201Cell#index()} of {@code g}, checked to have a row ({@link MissingRowException} otherwise). */
    public int row(Genome g) {
        int cell = space.cellIndex(g);
        if (!present[cell]) {
            throw new MissingRowException(file.toString(), Nb201Cell.fromIndex(cell).toString());
        }
        return cell;
    }

    /** Reward of a present cell. */
    public double reward(int cellIndex) {
        return checked(cellIndex, reward);
    }

    /** Report metric of a present cell. */
    public double report(int cellIndex) {
        return checked(cellIndex, report);
    }

    /** Cost in seconds of a present cell; 0 without a cost column. */
    public double cost(int cellIndex) {
        return checked(cellIndex, cost);
    }

    private double checked(int cellIndex, double[] column) {
        if (!present[cellIndex]) {
            throw new MissingRowException(file.toString(), Nb201Cell.fromIndex(cellIndex).toString());
        }
        return column[cellIndex];
    }

    /** The cell with the largest reward (the smallest index among ties). */
    public int optimum() {
        return optimum;
    }

    /** The largest reward in the table. */
    public double maxReward() {
        return reward[optimum];
    }

    /**
     * The candidate's metrics as the engine would report them: the reward, report and cost columns by
     * their names; {@link MissingRowException} when the table has no row for it.
     */
    public EvaluationResult evaluate(Genome g) {
        int cell = row(g);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(columns.reward(), reward[cell]);
        m.put(columns.report(), report[cell]);
        if (hasCost()) {
            m.put(columns.cost(), cost[cell]);
        }
        return new EvaluationResult(m);
    }

    @Override
    public String toString() {
        return "TabularBenchmark[" + file + ", " + rows + " rows, columns " + columns + "]";
    }
}
