package dev.jnas.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An ordered list of decisions whose conditions refer only to earlier decisions of the same list,
 * with an exact count of its distinct active assignments and a bijection between {@code [0, size)}
 * and those assignments (inactive decisions read as 0).
 *
 * <p>Counting enumerates only the "controllers" (decisions some condition refers to) and multiplies
 * the sizes of the other active decisions, so a slot of a dozen decisions costs a few patterns.
 */
final class DecisionGroup {
    private final String label;
    private final List<Decision> decisions;
    /** For decision j: pairs (referenced index, allowed choice flags). */
    private final int[][] condRefs;
    private final boolean[][][] condAllowed;
    private final List<Pattern> patterns = new ArrayList<>();
    private final BigInteger size;

    /** One assignment of the controllers, the free decisions it activates, and how many assignments it covers. */
    private record Pattern(int[] controllerValues, boolean[] active, int[] free, BigInteger weight, BigInteger offset) {
    }

    DecisionGroup(String label, List<Decision> decisions) {
        this.label = label;
        this.decisions = List.copyOf(decisions);
        Map<String, Integer> index = new HashMap<>();
        int n = decisions.size();
        condRefs = new int[n][];
        condAllowed = new boolean[n][][];
        boolean[] controller = new boolean[n];
        for (int j = 0; j < n; j++) {
            Decision d = decisions.get(j);
            if (index.put(d.name(), j) != null) {
                throw new IllegalArgumentException(label + ": duplicate decision '" + d.name() + "'");
            }
            int c = d.when().size();
            condRefs[j] = new int[c];
            condAllowed[j] = new boolean[c][];
            int k = 0;
            for (Map.Entry<String, List<Object>> e : d.when().entrySet()) {
                Integer ref = index.get(e.getKey());
                if (ref == null || ref == j) {
                    throw new IllegalArgumentException(label + ": decision '" + d.name() + "' has a condition on '"
                            + e.getKey() + "', which is not an earlier decision of the same group");
                }
                Decision r = decisions.get(ref);
                boolean[] allowed = new boolean[r.size()];
                for (Object v : e.getValue()) {
                    int vi = r.indexOf(v);
                    if (vi < 0) {
                        throw new IllegalArgumentException(label + ": decision '" + d.name() + "' has a condition "
                                + e.getKey() + "=" + v + ", which is not a choice of '" + e.getKey() + "' " + r.choices());
                    }
                    allowed[vi] = true;
                }
                condRefs[j][k] = ref;
                condAllowed[j][k] = allowed;
                controller[ref] = true;
                k++;
            }
        }
        enumerate(0, new int[n], new boolean[n], controller);
        BigInteger total = BigInteger.ZERO;
        for (Pattern p : patterns) {
            total = total.add(p.weight);
        }
        size = total;
    }

    private void enumerate(int j, int[] values, boolean[] active, boolean[] controller) {
        int n = decisions.size();
        while (j < n && !controller[j]) {
            active[j] = isActive(j, values, active);
            j++;
        }
        if (j == n) {
            List<Integer> free = new ArrayList<>();
            BigInteger w = BigInteger.ONE;
            for (int i = 0; i < n; i++) {
                if (active[i] && !controller[i]) {
                    free.add(i);
                    w = w.multiply(BigInteger.valueOf(decisions.get(i).size()));
                }
            }
            BigInteger offset = patterns.isEmpty() ? BigInteger.ZERO
                    : patterns.get(patterns.size() - 1).offset.add(patterns.get(patterns.size() - 1).weight);
            patterns.add(new Pattern(values.clone(), active.clone(), free.stream().mapToInt(Integer::intValue).toArray(), w, offset));
            return;
        }
        active[j] = isActive(j, values, active);
        if (!active[j]) {
            values[j] = 0;
            enumerate(j + 1, values, active, controller);
            return;
        }
        for (int v = 0; v < decisions.get(j).size(); v++) {
            values[j] = v;
            enumerate(j + 1, values, active, controller);
        }
        values[j] = 0;
    }

    private boolean isActive(int j, int[] values, boolean[] active) {
        for (int k = 0; k < condRefs[j].length; k++) {
            int ref = condRefs[j][k];
            if (!active[ref] || !condAllowed[j][k][values[ref]]) {
                return false;
            }
        }
        return true;
    }

    List<Decision> decisions() {
        return decisions;
    }

    BigInteger size() {
        return size;
    }

    /** Which decisions are active under {@code values}. */
    boolean[] active(int[] values) {
        boolean[] active = new boolean[values.length];
        for (int j = 0; j < values.length; j++) {
            active[j] = isActive(j, values, active);
        }
        return active;
    }

    /** The assignment numbered {@code index}; inactive decisions are 0. */
    int[] assignmentAt(BigInteger index) {
        if (index.signum() < 0 || index.compareTo(size) >= 0) {
            throw new IllegalArgumentException(label + ": index " + index + " outside [0, " + size + ")");
        }
        int lo = 0;
        int hi = patterns.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (patterns.get(mid).offset.compareTo(index) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Pattern p = patterns.get(lo);
        int[] values = p.controllerValues.clone();
        BigInteger r = index.subtract(p.offset);
        // Last free decision varies fastest, so enumeration order reads like nested loops.
        for (int f = p.free.length - 1; f >= 0; f--) {
            BigInteger[] qr = r.divideAndRemainder(BigInteger.valueOf(decisions.get(p.free[f]).size()));
            values[p.free[f]] = qr[1].intValue();
            r = qr[0];
        }
        return values;
    }

    /** Inverse of {@link #assignmentAt}: the number of the active part of {@code values}. */
    BigInteger indexOf(int[] values) {
        boolean[] active = active(values);
        for (Pattern p : patterns) {
            if (!Arrays.equals(p.active, active) || !controllersMatch(p, values, active)) {
                continue;
            }
            BigInteger r = BigInteger.ZERO;
            for (int f : p.free) {
                r = r.multiply(BigInteger.valueOf(decisions.get(f).size())).add(BigInteger.valueOf(values[f]));
            }
            return p.offset.add(r);
        }
        throw new IllegalStateException(label + ": no pattern matches " + Arrays.toString(values));
    }

    private boolean controllersMatch(Pattern p, int[] values, boolean[] active) {
        for (int j = 0; j < values.length; j++) {
            boolean isFree = false;
            for (int f : p.free) {
                isFree |= f == j;
            }
            if (active[j] && !isFree && p.controllerValues[j] != values[j]) {
                return false;
            }
        }
        return true;
    }

    /** A uniformly random assignment; inactive decisions get random values too (they matter if re-activated). */
    int[] sample(SplittableRandom rng) {
        int[] values = assignmentAt(BigMath.randomBelow(size, rng));
        boolean[] active = active(values);
        for (int j = 0; j < values.length; j++) {
            if (!active[j]) {
                values[j] = rng.nextInt(decisions.get(j).size());
            }
        }
        return values;
    }
}
