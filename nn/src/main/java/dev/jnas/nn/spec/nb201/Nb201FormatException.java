package dev.jnas.nn.spec.nb201;

/**
 * A malformed NAS-Bench-201 architecture string, thrown by {@link Nb201Cell#parse(String)}; the message and
 * {@link #position()} give the 0-based character index where the string stops matching the notation.
 */
public class Nb201FormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int position;

    Nb201FormatException(String text, int position, String detail) {
        super("NAS-Bench-201 architecture string \"" + text + "\" at position " + position + ": " + detail);
        this.position = position;
    }

    /** 0-based index of the offending character (the string's length when it ends too early). */
    public int position() {
        return position;
    }
}
