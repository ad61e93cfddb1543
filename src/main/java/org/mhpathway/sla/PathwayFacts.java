package org.mhpathway.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * What the policy needs to know about one pathway to choose and date its deadlines.
 *
 * @param variables reads a pathway variable by name (null when absent)
 */
public record PathwayFacts(
        String homeIcs,
        String wardType,
        boolean ehcPlan,
        LocalDate dateOfBirth,
        Instant now,
        Function<String, Object> variables) {
}
