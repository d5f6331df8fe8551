package dev.jnas.search.replay;

/**
 * How long one simulated search may run: either simulated seconds (summed from the table's cost column)
 * or a number of evaluations. NAS-Bench-201 protocol: a search keeps evaluating while the total so far is
 * below the budget, so the evaluation that reaches or crosses it still counts and is the last one.
 * Create with {@link #seconds} or {@link #evaluations}.
 */
public record ReplayBudget(double seconds, long evaluations) {
    public ReplayBudget {
        boolean bySeconds = seconds > 0 && Double.isFinite(seconds) && evaluations == 0;
        boolean byCount = seconds == 0 && evaluations > 0;
        if (!bySeconds && !byCount) {
            throw new IllegalArgumentException("replay budget: give either seconds > 0 or evaluations > 0, got seconds="
                    + seconds + ", evaluations=" + evaluations);
        }
    }

    /** A budget of simulated seconds (needs a cost column). */
    public static ReplayBudget seconds(double seconds) {
        return new ReplayBudget(seconds, 0);
    }

    /** A budget of evaluations. */
    public static ReplayBudget evaluations(long evaluations) {
        return new ReplayBudget(0, evaluations);
    }

    /** True for a simulated-seconds budget. */
    public boolean inSeconds() {
        return seconds > 0;
    }

    /** True while a search that has used {@code evaluationsSoFar} and {@code secondsSoFar} may evaluate once more. */
    boolean allowsMore(int evaluationsSoFar, double secondsSoFar) {
        return inSeconds() ? secondsSoFar < seconds : evaluationsSoFar < evaluations;
    }

    @Override
    public String toString() {
        return inSeconds() ? seconds + " simulated seconds" : evaluations + " evaluations";
    }
}
