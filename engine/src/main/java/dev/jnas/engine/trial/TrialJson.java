package dev.jnas.engine.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON for {@link TrialRequest} and {@link TrialResult}, the wire format of a remote backend. */
public final class TrialJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrialJson() {
    }

    public static String toJson(Object requestOrResult) {
        try {
            return JSON.writeValueAsString(requestOrResult);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trial JSON: cannot write " + requestOrResult.getClass().getSimpleName(), e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trial JSON: bad " + type.getSimpleName() + ": " + e.getOriginalMessage()
                    + " at " + e.getLocation(), e);
        }
    }
}
