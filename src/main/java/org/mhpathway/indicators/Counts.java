package org.mhpathway.indicators;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mhpathway.indicators.Tally.Kind;

/**
 * What the queries of one indicator counted: its measures, each a {@link Tally}, and the same measures broken down by
 * the values of a dimension (a delay's reason, a deadline's team).
 */
final class Counts {

    /** The key of a breakdown value that was not recorded (a delay without a reason). */
    static final String NOT_RECORDED = "not-recorded";

    private final Map<String, Tally> measures = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Tally>>> breakdowns = new LinkedHashMap<>();

    Tally measure(String name, Kind kind) {
        return measures.computeIfAbsent(name, n -> new Tally(kind));
    }

    Tally measure(String name) {
        Tally tally = measures.get(name);
        if (tally == null) {
            throw new IllegalArgumentException("no measure " + name);
        }
        return tally;
    }

    /** The tally of {@code measure} for one value of a dimension. */
    Tally breakdown(String dimension, String value, String measure, Kind kind) {
        return breakdowns.computeIfAbsent(dimension, d -> new TreeMap<>())
                .computeIfAbsent(value == null || value.isBlank() ? NOT_RECORDED : value, v -> new LinkedHashMap<>())
                .computeIfAbsent(measure, m -> new Tally(kind));
    }

    /** The values of a dimension, in order, each with its measures. */
    Map<String, Map<String, Tally>> breakdown(String dimension) {
        return breakdowns.getOrDefault(dimension, Map.of());
    }

    Set<String> wards() {
        Set<String> wards = new TreeSet<>();
        measures.values().forEach(t -> wards.addAll(t.wards()));
        breakdowns.values().forEach(d -> d.values().forEach(m -> m.values().forEach(t -> wards.addAll(t.wards()))));
        return wards;
    }
}
