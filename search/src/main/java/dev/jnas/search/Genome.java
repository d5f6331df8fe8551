package dev.jnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable point of a search space: for every decision name of the space, the index of its
 * chosen value (inactive decisions included; they are kept so that re-activating a layer restores it).
 * JSON form: an object of name to index, sorted by name. Obtain genomes from a {@link SearchSpace}
 * (sampling, {@link SearchSpace#genomeAt}) or the {@link Operators}; the space checks them.
 */
public record Genome(Map<String, Integer> values) {
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonCreator
    public Genome {
        if (values == null) {
            throw new IllegalArgumentException("genome: values must not be null");
        }
        TreeMap<String, Integer> sorted = new TreeMap<>();
        for (Map.Entry<String, Integer> e : values.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("genome: value of '" + e.getKey() + "' must be a choice index >= 0, got " + e.getValue());
            }
            sorted.put(e.getKey(), e.getValue());
        }
        values = Collections.unmodifiableSortedMap(sorted);
    }

    @JsonValue
    @Override
    public Map<String, Integer> values() {
        return values;
    }

    /** The choice index of {@code name}; the error names the missing decision. */
    public int get(String name) {
        Integer v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("genome: no decision '" + name + "'");
        }
        return v;
    }

    /** A copy with {@code name} set to {@code index}. */
    public Genome with(String name, int index) {
        TreeMap<String, Integer> m = new TreeMap<>(values);
        m.put(name, index);
        return new Genome(m);
    }

    /** A copy with several values replaced. */
    public Genome with(Map<String, Integer> changes) {
        TreeMap<String, Integer> m = new TreeMap<>(values);
        m.putAll(changes);
        return new Genome(m);
    }

    /** The JSON form, e.g. {@code {"features.count":2,"features.0.type":1,...}}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("genome: cannot write JSON", e);
        }
    }

    /** Parses {@link #toJson()}; the error carries Jackson's line and column. */
    public static Genome fromJson(String json) {
        try {
            return new Genome(JSON.readValue(json, new TypeReference<Map<String, Integer>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("genome: invalid JSON: " + e.getOriginalMessage()
                    + " at " + e.getLocation(), e);
        }
    }
}
