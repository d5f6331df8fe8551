package dev.jnas.nn.data;

import java.util.Arrays;

/**
 * How {@link CsvReader} reads a file: which column holds the integer label (negative counts from the
 * end; default -1, the last), whether the first line is a header ({@link Header}), the delimiter, an
 * optional image shape {@code (C,H,W)} to reshape each row's features to (null: flat {@code [N,F]}),
 * and a divisor applied to every feature (e.g. 16 for digits, 255 for bytes; default 1).
 *
 * <p>Start from {@link #defaults()} and adjust with the {@code with...} methods.
 */
public record CsvOptions(int labelColumn, Header header, char delimiter, int[] imageShape, float divisor) {
    /** Header handling. */
    public enum Header {
        /** Every line is data. */
        NONE,
        /** The first line is a header and is skipped. */
        PRESENT,
        /** The first line is a header if any of its fields is not a number. */
        AUTO
    }

    public CsvOptions {
        if (header == null) {
            throw new IllegalArgumentException("CsvOptions: header must not be null");
        }
        if (imageShape != null) {
            if (imageShape.length != 3 || imageShape[0] <= 0 || imageShape[1] <= 0 || imageShape[2] <= 0) {
                throw new IllegalArgumentException("CsvOptions: image shape must be three positive sizes (C,H,W), got "
                        + Arrays.toString(imageShape));
            }
            imageShape = imageShape.clone();
        }
        if (!(divisor > 0) || Float.isInfinite(divisor)) {
            throw new IllegalArgumentException("CsvOptions: divisor must be positive and finite, got " + divisor);
        }
    }

    /** Label last, no header, comma, flat rows, divisor 1. */
    public static CsvOptions defaults() {
        return new CsvOptions(-1, Header.NONE, ',', null, 1f);
    }

    public CsvOptions withLabelColumn(int column) {
        return new CsvOptions(column, header, delimiter, imageShape, divisor);
    }

    public CsvOptions withHeader(Header h) {
        return new CsvOptions(labelColumn, h, delimiter, imageShape, divisor);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(labelColumn, header, d, imageShape, divisor);
    }

    /** Reshape each row's features to {@code [c,h,w]}. */
    public CsvOptions withImageShape(int c, int h, int w) {
        return new CsvOptions(labelColumn, header, delimiter, new int[] {c, h, w}, divisor);
    }

    public CsvOptions withDivisor(float d) {
        return new CsvOptions(labelColumn, header, delimiter, imageShape, d);
    }

    @Override
    public int[] imageShape() {
        return imageShape == null ? null : imageShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvOptions c && c.labelColumn == labelColumn && c.header == header
                && c.delimiter == delimiter && Arrays.equals(c.imageShape, imageShape) && c.divisor == divisor;
    }

    @Override
    public int hashCode() {
        return ((labelColumn * 31 + header.hashCode()) * 31 + delimiter) * 31 + Arrays.hashCode(imageShape)
                + Float.hashCode(divisor);
    }

    @Override
    public String toString() {
        return "CsvOptions[labelColumn=" + labelColumn + ", header=" + header + ", delimiter='" + delimiter
                + "', imageShape=" + Arrays.toString(imageShape) + ", divisor=" + divisor + "]";
    }
}
