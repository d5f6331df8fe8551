package dev.jnas.nn.data;

/**
 * A data file whose contents break its format: wrong magic number, truncated record, count mismatch,
 * label out of range, non-numeric CSV field, ragged CSV row.
 *
 * <p>Unchecked (an {@link IllegalArgumentException}) because a corrupt file is bad input, not a
 * transient I/O failure; readers still throw {@link java.io.IOException} when a file cannot be opened
 * or read at all. The message always names the file and the position: a byte {@link #offset()} for
 * binary formats (counted in the decompressed stream when the file is gzipped), or a 1-based
 * {@link #line()} and {@link #column()} for CSV. Positions that do not apply are {@code -1}.
 */
public final class DatasetFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final long line;
    private final int column;

    private DatasetFormatException(String message, String file, long offset, long line, int column) {
        super(message);
        this.file = file;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** A binary-format error at byte {@code offset} of {@code file}. */
    public static DatasetFormatException atOffset(Object file, long offset, String problem) {
        String f = String.valueOf(file);
        return new DatasetFormatException(f + " at byte offset " + offset + ": " + problem, f, offset, -1, -1);
    }

    /** A text-format error at 1-based {@code line} and {@code column} (field number) of {@code file}. */
    public static DatasetFormatException atLine(Object file, long line, int column, String problem) {
        String f = String.valueOf(file);
        return new DatasetFormatException(f + " line " + line + " column " + column + ": " + problem, f, -1,
                line, column);
    }

    /** The file (path or resource name) as given to the reader. */
    public String file() {
        return file;
    }

    /** Byte offset of the problem, or -1 for text formats. */
    public long offset() {
        return offset;
    }

    /** 1-based line of the problem, or -1 for binary formats. */
    public long line() {
        return line;
    }

    /** 1-based column (field number) of the problem, or -1 when it concerns the whole line or a binary format. */
    public int column() {
        return column;
    }
}
