package org.mhpathway.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhpathway.sla.PolicyProperties;
import org.mhpathway.sla.PolicyProperties.Ics;
import org.mhpathway.sla.PolicyProperties.Target;

/** The ICSs' targets (PATHWAY.md section 5a): which step of a trajectory applies, and the settings refused at start. */
class IndicatorTargetsTest {

    private static IndicatorTargets targets(Map<String, List<Target>> qhg) {
        return new IndicatorTargets(new PolicyProperties(ZoneId.of("Europe/London"),
                Map.of("QHG", new Ics("Bedfordshire, Luton and Milton Keynes", null, null, qhg),
                        "QJ2", new Ics("Derby and Derbyshire", null, null)), Map.of(), Map.of()));
    }

    /** Seed 004: C(E)TRs on time, 75% by September and 95% by March; each step holds until its date, the last after. */
    @Test
    void aTrajectoryStepHoldsUntilItsDateAndTheLastOneAfterIt() {
        IndicatorTargets t = targets(Map.of("cetrOnTime", List.of(
                new Target(0.75, null, "2025-09-30", "75% by September"),
                new Target(0.95, null, "2026-03-31", "95% by March"))));
        assertThat(t.target("QHG", IndicatorName.CETR_ON_TIME, LocalDate.parse("2025-06-30"), 7.0, 0.7).atLeast())
                .isEqualTo(0.75);
        assertThat(t.target("QHG", IndicatorName.CETR_ON_TIME, LocalDate.parse("2025-09-30"), 7.0, 0.7).atLeast())
                .isEqualTo(0.75);
        var march = t.target("QHG", IndicatorName.CETR_ON_TIME, LocalDate.parse("2025-10-31"), 9.0, 0.9);
        assertThat(march.atLeast()).isEqualTo(0.95);
        assertThat(march.by()).isEqualTo(LocalDate.parse("2026-03-31"));
        assertThat(march.met()).isFalse();
        assertThat(t.target("QHG", IndicatorName.CETR_ON_TIME, LocalDate.parse("2027-01-31"), 19.0, 0.95).met())
                .as("the last step holds after its date").isTrue();
        assertThat(t.target("QHG", IndicatorName.CETR_ON_TIME, LocalDate.parse("2027-01-31"), 0.0, null).met())
                .as("nothing to compare").isNull();
        assertThat(t.target("QJ2", IndicatorName.CETR_ON_TIME, LocalDate.parse("2027-01-31"), 1.0, 1.0))
                .as("an ICS without targets").isNull();
    }

    /** Seed 004: no more than 12 at any one time: a count, compared with the numerator. */
    @Test
    void aCountTargetComparesTheNumerator() {
        IndicatorTargets t = targets(Map.of("learningDisabilityAndAutismInpatients",
                List.of(new Target(null, 12L, null, "12 ICB beds"))));
        assertThat(t.target("QHG", IndicatorName.LEARNING_DISABILITY_AND_AUTISM_INPATIENTS, LocalDate.parse("2026-03-31"),
                12.0, 0.1).met()).isTrue();
        assertThat(t.target("QHG", IndicatorName.LEARNING_DISABILITY_AND_AUTISM_INPATIENTS, LocalDate.parse("2026-03-31"),
                13.0, 0.1).met()).isFalse();
    }

    @Test
    void targetsThatCannotBeReadAreRefusedAtStartNamingTheSetting() {
        assertThatThrownBy(() -> targets(Map.of("bedOccupancy", List.of(new Target(0.9, null, null, null)))))
                .hasMessageContaining("mhpathway.policy.ics.QHG.targets.bedOccupancy is not an indicator");
        assertThatThrownBy(() -> targets(Map.of("cetrOnTime", List.of(new Target(0.9, 3L, null, null)))))
                .hasMessageContaining("targets.cetrOnTime[0] needs exactly one of 'at-least'");
        assertThatThrownBy(() -> targets(Map.of("cetrOnTime", List.of(new Target(95.0, null, null, null)))))
                .hasMessageContaining("targets.cetrOnTime[0].at-least must be a rate from 0 to 1");
        assertThatThrownBy(() -> targets(Map.of("outOfAreaPlacements", List.of(new Target(null, -1L, null, null)))))
                .hasMessageContaining("targets.outOfAreaPlacements[0].at-most must not be negative");
        assertThatThrownBy(() -> targets(Map.of("outOfAreaPlacements", List.of(new Target(null, 2L, "March 2025", null)))))
                .hasMessageContaining("targets.outOfAreaPlacements[0].by 'March 2025' is not an ISO-8601 date");
        assertThatThrownBy(() -> targets(Map.of("outOfAreaPlacements", List.of(
                new Target(null, 2L, "2025-03-31", null), new Target(null, 0L, "2024-03-31", null)))))
                .hasMessageContaining("targets.outOfAreaPlacements[1].by must come after the step before it");
        assertThatThrownBy(() -> targets(Map.of("outOfAreaPlacements", List.of(
                new Target(null, 2L, null, null), new Target(null, 0L, "2026-03-31", null)))))
                .hasMessageContaining("targets.outOfAreaPlacements[0] needs a 'by' date");
        assertThatThrownBy(() -> targets(Map.of("outOfAreaPlacements", List.of())))
                .hasMessageContaining("targets.outOfAreaPlacements has no step");
    }
}
