package dev.jnas.nn.spec;

/**
 * An architecture JSON document that cannot be read: a syntax error (with {@link #line()} and
 * {@link #column()}, 1-based) or valid JSON that does not describe an architecture (with the JSON
 * {@link #path()} of the offending value, e.g. {@code layers[3].filters}). Thrown by {@link ArchitectureJson}.
 */
public class ArchitectureFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Path of the whole document. */
    public static final String ROOT = "$";

    private final String path;
    private final int line;
    private final int column;
    private final String detail;

    /** A content error at a JSON path (no position: the tree model does not keep one). */
    public ArchitectureFormatException(String path, String detail) {
        this(null, path, -1, -1, detail);
    }

    /** A syntax error at a line and column. */
    public ArchitectureFormatException(int line, int column, String detail) {
        this(null, ROOT, line, column, detail);
    }

    private ArchitectureFormatException(String source, String path, int line, int column, String detail) {
        super(message(source, path, line, column, detail));
        this.path = path;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The same error with the file (or other source) it came from at the front of the message. */
    ArchitectureFormatException withSource(String source) {
        ArchitectureFormatException e = new ArchitectureFormatException(source, path, line, column, detail);
        e.initCause(this);
        return e;
    }

    private static String message(String source, String path, int line, int column, String detail) {
        String where = line > 0 ? "line " + line + ", column " + column : "at " + path;
        return "architecture JSON" + (source == null ? "" : " " + source) + ": " + where + ": " + detail;
    }

    /** JSON path of the offending value, {@code $} for the document itself or a syntax error. */
    public String path() {
        return path;
    }

    /** 1-based line of a syntax error, or -1. */
    public int line() {
        return line;
    }

    /** 1-based column of a syntax error, or -1. */
    public int column() {
        return column;
    }
}
