package dev.jnas.search.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * A strategy's state as plain data: its registry name, parameters, objective, seed and the ordered
 * log of asks and tells. Strategies are deterministic functions of this log, so
 * {@link StrategyRegistry#restore} replays it into a fresh instance that then proposes exactly what
 * the original would have. JSON via {@link #toJson}/{@link #fromJson}.
 */
public record StrategySnapshot(String strategy, Map<String, Object> params, String objective, long seed,
                               List<Event> events) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call: {@code ask} (id of the candidate, -1 when nothing was proposed) or {@code tell} (id, metrics). */
    public record Event(String type, long id, Map<String, Double> metrics) {
        public Event {
            if (!"ask".equals(type) && !"tell".equals(type)) {
                throw new IllegalArgumentException("snapshot event: type must be ask or tell, got '" + type + "'");
            }
            metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        }
    }

    public StrategySnapshot {
        params = Map.copyOf(params);
        events = List.copyOf(events);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot: cannot write JSON", e);
        }
    }

    /** Parses {@link #toJson()}; the error carries Jackson's position. */
    public static StrategySnapshot fromJson(String json) {
        try {
            return JSON.readValue(json, StrategySnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshot: invalid JSON: " + e.getOriginalMessage() + " at " + e.getLocation(), e);
        }
    }
}
