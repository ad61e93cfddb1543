package org.mhpathway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhpathway.sla.PolicyProperties.Ics;
import org.mhpathway.sla.PolicyProperties.Ladder;
import org.mhpathway.sla.PolicyProperties.Level;

/** PATHWAY.md section 3: the escalation ladder of a delayed discharge is locally agreed data per ICS. */
class EscalationLaddersTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant REACHED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Ladder DEFAULT = new Ladder(List.of(
            new Level("Ward and discharge coordinator", "discharge-hub", null, "P3D"),
            new Level("Discharge hub with partner service managers", "discharge-hub",
                    List.of("local-authority", "community-mh-team", "housing-authority"), "P7D"),
            new Level("Directors and the ICB", "managers", List.of("commissioner"), "P14D")));

    private final EscalationLadders ladders = new EscalationLadders(new PolicyProperties(LONDON, Map.of(
            "QJ2", new Ics("Derby and Derbyshire", Map.of(), null),
            "QT1", new Ics("Nottingham and Nottinghamshire", Map.of(), Map.of("delayed-discharge", new Ladder(List.of(
                    new Level("Ward", "discharge-hub", null, "P2D"),
                    new Level("Directors", "managers", List.of("commissioner"), "P5D")))))),
            Map.of(), Map.of("delayed-discharge", DEFAULT)));

    @Test
    void anIcsWithoutItsOwnLadderClimbsTheDefault() {
        assertThat(ladders.levels(EscalationLadders.DELAYED_DISCHARGE, "QJ2")).extracting(Level::group)
                .containsExactly("discharge-hub", "discharge-hub", "managers");
        assertThat(ladders.nextDue(EscalationLadders.DELAYED_DISCHARGE, "QJ2", 1, REACHED))
                .isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
        assertThat(ladders.nextDue(EscalationLadders.DELAYED_DISCHARGE, "QJ2", 2, REACHED))
                .isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));
        assertThat(ladders.nextDue(EscalationLadders.DELAYED_DISCHARGE, "QJ2", 3, REACHED)).as("top").isNull();
    }

    @Test
    void anIcsLadderReplacesTheDefaultAsAWhole() {
        assertThat(ladders.levels(EscalationLadders.DELAYED_DISCHARGE, "QT1")).extracting(Level::name)
                .containsExactly("Ward", "Directors");
        assertThat(ladders.nextDue(EscalationLadders.DELAYED_DISCHARGE, "QT1", 1, REACHED))
                .isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(ladders.nextDue(EscalationLadders.DELAYED_DISCHARGE, "QT1", 2, REACHED)).isNull();
    }

    @Test
    void invalidLadderFailsAtStartUpNamingTheLevel() {
        assertThatThrownBy(() -> new EscalationLadders(new PolicyProperties(LONDON, Map.of(), Map.of(),
                Map.of("delayed-discharge", new Ladder(List.of(new Level("Ward", "discharge-hub", null, "3 days")))))))
                .hasMessageContaining("mhpathway.policy.escalation.delayed-discharge.levels[0]")
                .hasMessageContaining("3 days");
        assertThatThrownBy(() -> new EscalationLadders(new PolicyProperties(LONDON, Map.of(), Map.of(),
                Map.of("delayed-discharge", new Ladder(List.of(new Level("Ward", "discharge-hub", List.of("mayor"), "P3D")))))))
                .hasMessageContaining("'mayor' is not a partner role");
        assertThatThrownBy(() -> new EscalationLadders(new PolicyProperties(LONDON, Map.of(), Map.of(),
                Map.of("delayed-discharge", new Ladder(List.of(new Level(null, "discharge-hub", null, "P3D")))))))
                .hasMessageContaining("needs a name, a group and a limit");
        assertThatThrownBy(() -> new EscalationLadders(new PolicyProperties(LONDON,
                Map.of("QJ2", new Ics("Derby", Map.of(), Map.of("housing", DEFAULT))), Map.of(),
                Map.of("delayed-discharge", DEFAULT))))
                .hasMessageContaining("mhpathway.policy.ics.QJ2.escalation.housing replaces no known ladder");
    }
}
