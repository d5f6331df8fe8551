package dev.jnas.search.replay;

/**
 * A candidate architecture the benchmark table has no row for, thrown by {@link TabularBenchmark}
 * lookups; the message names the architecture string and the table.
 */
public class MissingRowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String architecture;

    MissingRowException(String table, String architecture) {
        super("benchmark table " + table + " has no row for architecture " + architecture);
        this.architecture = architecture;
    }

    /** The architecture string that has no row. */
    public String architecture() {
        return architecture;
    }
}
