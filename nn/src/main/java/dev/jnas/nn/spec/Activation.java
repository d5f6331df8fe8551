package dev.jnas.nn.spec;

import java.util.Locale;

/** The element-wise activation functions an {@link ActivationSpec} can name. */
public enum Activation {
    RELU, LEAKY_RELU, TANH, SIGMOID, GELU;

    /** The JSON / command-line name, e.g. {@code leaky_relu}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a JSON name; the error lists the accepted names. */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.jsonName().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of relu, leaky_relu, tanh, sigmoid, gelu");
    }
}
