package org.jouleboard.experiment;

import java.util.ArrayList;
import java.util.List;
import org.jouleboard.experiment.run.PowerTracePoint;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the compact trace the measurement stores: {@code [[epochMillis, watts|null], ...]}. */
final class PowerTraces {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PowerTraces() {}

    static List<PowerTracePoint> parse(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<PowerTracePoint> points = new ArrayList<>();
        for (JsonNode pair : JSON.readTree(json)) {
            JsonNode watts = pair.get(1);
            points.add(new PowerTracePoint(
                    pair.get(0).asLong(), watts == null || watts.isNull() ? null : watts.asDouble()));
        }
        return points;
    }
}
