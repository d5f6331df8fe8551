package dev.jnas.search;

import java.math.BigInteger;
import java.util.SplittableRandom;

/** BigInteger helpers: uniform random numbers below a bound and base-10 logarithms of huge counts. */
final class BigMath {
    private BigMath() {
    }

    /** Uniform in {@code [0, bound)} by rejection over {@code bound.bitLength()} random bits. */
    static BigInteger randomBelow(BigInteger bound, SplittableRandom rng) {
        if (bound.signum() <= 0) {
            throw new IllegalArgumentException("randomBelow: bound must be positive, got " + bound);
        }
        if (bound.bitLength() < 63) {
            return BigInteger.valueOf(rng.nextLong(bound.longValue()));
        }
        int bits = bound.bitLength();
        while (true) {
            BigInteger r = BigInteger.ZERO;
            int have = 0;
            while (have < bits) {
                int take = Math.min(62, bits - have);
                r = r.shiftLeft(take).or(BigInteger.valueOf(rng.nextLong(1L << take)));
                have += take;
            }
            if (r.compareTo(bound) < 0) {
                return r;
            }
        }
    }

    /** log10 of a positive integer, accurate to double precision even beyond 10^308. */
    static double log10(BigInteger n) {
        if (n.signum() <= 0) {
            throw new IllegalArgumentException("log10: argument must be positive, got " + n);
        }
        int shift = Math.max(0, n.bitLength() - 60);
        return Math.log10(n.shiftRight(shift).doubleValue()) + shift * Math.log10(2);
    }
}
