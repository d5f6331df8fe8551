package dev.jnas.search;

/**
 * Limits a decoded architecture must meet to be trained; {@code Long.MAX_VALUE} means no limit, and
 * 0 (a field left out of a JSON file) is read as no limit.
 */
public record Constraints(long maxParameters, long maxFlops) {
    /** No limits. */
    public static final Constraints NONE = new Constraints(Long.MAX_VALUE, Long.MAX_VALUE);

    public Constraints {
        maxParameters = maxParameters == 0 ? Long.MAX_VALUE : maxParameters;
        maxFlops = maxFlops == 0 ? Long.MAX_VALUE : maxFlops;
        if (maxParameters < 0 || maxFlops < 0) {
            throw new IllegalArgumentException("constraints: maxParameters and maxFlops must be >= 0, got "
                    + maxParameters + ", " + maxFlops);
        }
    }

    /** Why {@code parameters}/{@code flops} break a limit, or null when both fit. */
    public String violation(long parameters, long flops) {
        if (parameters > maxParameters) {
            return "parameters " + parameters + " > maxParameters " + maxParameters;
        }
        if (flops > maxFlops) {
            return "flops " + flops + " > maxFlops " + maxFlops;
        }
        return null;
    }
}
