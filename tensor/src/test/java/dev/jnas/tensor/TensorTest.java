package dev.jnas.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void reshape_inferredDimension_sharesData() {
        Tensor t = Tensor.zeros(2, 3, 4);
        Tensor r = t.reshape(2, -1);
        assertEquals(12, r.dim(1));
        r.data()[5] = 7f;
        assertSame(t.data(), r.data());
        assertEquals(7f, t.get(0, 1, 1));
    }

    @Test
    void zeros_nonPositiveSize_throwsNamingShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0, 3));
        assertTrue(e.getMessage().contains("[2, 0, 3]"), e.getMessage());
    }

    @Test
    void reshape_wrongCount_throwsNamingBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
    }

    @Test
    void get_outOfBounds_throws() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 2).get(2, 0));
    }
}
