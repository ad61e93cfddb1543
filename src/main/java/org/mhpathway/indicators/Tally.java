package org.mhpathway.indicators;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One measure of an indicator as the queries count it, per month of the period and ward. A cell of the answer (a
 * month or the whole period, one ward or all) reads it: the whole period adds its months for a count of things that
 * happened in it ({@link Kind#FLOW}) and takes its last month for a figure "now" ({@link Kind#SNAPSHOT}); all wards add
 * the wards, counting people whose ward is not recorded too. A figure only known now ({@link Kind#NOW}: deadlines
 * running) has no value for a month that has ended.
 */
final class Tally {

    enum Kind { FLOW, SNAPSHOT, NOW }

    /** The ward key of people with no ward recorded: counted for all wards, never shown as a ward. */
    static final String NO_WARD = "";

    private final Kind kind;
    private final Map<Integer, Map<String, Double>> values = new HashMap<>();

    Tally(Kind kind) {
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** Adds to a month's count for a ward; for {@link Kind#NOW} the month is ignored. */
    void add(int month, String ward, Number value) {
        if (value == null) {
            return;
        }
        int key = kind == Kind.NOW ? 0 : month;
        values.computeIfAbsent(key, k -> new HashMap<>()).merge(ward == null ? NO_WARD : ward, value.doubleValue(),
                Double::sum);
    }

    /** The wards this tally counted people on. */
    Set<String> wards() {
        Set<String> wards = new TreeSet<>();
        values.values().forEach(m -> wards.addAll(m.keySet()));
        wards.remove(NO_WARD);
        return wards;
    }

    /** The value of a cell: {@code month} null for the whole period, {@code ward} null for all wards. */
    Double value(IndicatorPeriod period, Integer month, String ward) {
        switch (kind) {
            case NOW -> {
                return period.isNow(month) ? sum(values.get(0), ward) : null;
            }
            case SNAPSHOT -> {
                return sum(values.get(month == null ? period.lastMonth() : month), ward);
            }
            default -> {
                if (month != null) {
                    return sum(values.get(month), ward);
                }
                double total = 0;
                for (Map<String, Double> m : values.values()) {
                    total += sum(m, ward);
                }
                return total;
            }
        }
    }

    private static double sum(Map<String, Double> wards, String ward) {
        if (wards == null) {
            return 0;
        }
        if (ward != null) {
            return wards.getOrDefault(ward, 0.0);
        }
        return wards.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
