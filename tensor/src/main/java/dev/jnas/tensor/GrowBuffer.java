package dev.jnas.tensor;

/**
 * A grow-only float array for one thread's kernel scratch (im2col columns, packed panels, partial
 * sums): {@link #get} returns an array of at least the asked size and reallocates only when it must,
 * so steady-state kernel calls allocate nothing. Contents are not cleared between calls.
 */
final class GrowBuffer {
    private float[] data = new float[0];

    /** An array holding at least {@code size} floats (possibly longer, with stale contents). */
    float[] get(int size) {
        if (data.length < size) {
            data = new float[size];
        }
        return data;
    }
}
