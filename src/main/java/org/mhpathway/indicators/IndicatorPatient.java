package org.mhpathway.indicators;

import java.util.Map;

/**
 * One pathway behind an indicator's figure: its ward, how the indicator counted it ({@code status}, and whether it is
 * in the numerator), the dates that decided it and what else the figure rests on (a delay's reason, a deadline's
 * team). No patient identifier: the pathway id leads to the pathway.
 */
record IndicatorPatient(String pathwayId, String ward, String status, boolean inNumerator,
                               Map<String, Object> dates, Map<String, Object> details) {
}
