package dev.jnas.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The declarative form of a search space, exactly what the JSON file holds (see
 * {@code docs/search-space.md}): a name, the optional task input (needed to decode architectures),
 * optional constraints, global decisions, stages, and training decisions. {@link SearchSpace#SearchSpace}
 * validates it; use {@link #fromJson}/{@link #read} to load a file and {@link #toJson} to write one.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SpaceDefinition(String name, InputShape input, Constraints constraints, List<Decision> globals,
                              List<Stage> stages, List<Decision> training) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public SpaceDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("space: name must be non-blank");
        }
        constraints = constraints == null ? Constraints.NONE : constraints;
        globals = globals == null ? List.of() : List.copyOf(globals);
        stages = stages == null ? List.of() : List.copyOf(stages);
        training = training == null ? List.of() : List.copyOf(training);
    }

    /** Parses a JSON definition; errors name the position and the offending field. */
    public static SpaceDefinition fromJson(String json) {
        try {
            return JSON.readValue(json, SpaceDefinition.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("search space JSON: " + cause.getMessage().lines().findFirst().orElse("")
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    /** Reads a JSON file; the error names the file. */
    public static SpaceDefinition read(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("search space: cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Pretty-printed JSON that {@link #fromJson} reads back to an equal definition. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search space: cannot write JSON", e);
        }
    }
}
