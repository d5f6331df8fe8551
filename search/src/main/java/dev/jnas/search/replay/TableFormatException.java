package dev.jnas.search.replay;

import java.nio.file.Path;

/**
 * A malformed benchmark table, thrown by {@link TabularBenchmark#read}: the message names the file, the
 * 1-based line and, where one is at fault, the column; {@link #line()} and {@link #column()} give them.
 */
public class TableFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String column;

    TableFormatException(Path file, int line, String column, String detail) {
        super("benchmark table " + file + ", line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + detail);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the fault (1 is the header). */
    public int line() {
        return line;
    }

    /** The column at fault, or null when the fault is the line as a whole. */
    public String column() {
        return column;
    }
}
