package org.mhpathway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhpathway.sla.PolicyProperties.Ics;
import org.mhpathway.sla.PolicyProperties.SlaRule;

/** The typed SLA policy: defaults, per-ICS overrides and the variants the guidance asks for. */
class SlaPolicyTest {

    private static final Instant ADMITTED = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-06T10:00:00Z");

    private static final Map<String, SlaRule> RULES = Map.of(
            "delay-factor-review", new SlaRule("Every 3 days", null, null, "P3D", "ward-clinicians"),
            "delay-factor-review-close-to-discharge", new SlaRule("Every day", null, null, "P1D", "ward-clinicians"),
            "cetr-after-admission", new SlaRule("C(E)TR within 28 days", "admittedAt", "P28D", null, "managers"),
            "long-stay-review-adult", new SlaRule("60 days", "admittedAt", "P60D", null, "ward-clinicians"),
            "long-stay-review-older-adult", new SlaRule("90 days", "admittedAt", "P90D", null, "ward-clinicians"),
            "oversight-visit", new SlaRule("8 weeks", null, null, "P8W", "managers"),
            "cetr-review", new SlaRule("C(E)TR every 6 months", "cetrHeldAt", null, "P6M", "managers"),
            "oversight-visit-young-person-with-ehc-plan", new SlaRule("6 weeks", null, null, "P6W", "managers"));

    private final SlaPolicy policy = new SlaPolicy(new PolicyProperties(ZoneId.of("Europe/London"), Map.of(
            "QJ2", new Ics("Derby and Derbyshire", Map.of(), null),
            "QHG", new Ics("Bedfordshire, Luton and Milton Keynes",
                    Map.of("cetr-after-admission", new SlaRule(null, null, "P6W", null, null),
                            "delay-factor-review-close-to-discharge", new SlaRule(null, null, null, "PT12H", null)),
                    null)),
            RULES, null));

    private static PathwayFacts facts(String ics, String wardType, boolean ehcPlan, String dateOfBirth) {
        return new PathwayFacts(ics, wardType, ehcPlan, dateOfBirth == null ? null : LocalDate.parse(dateOfBirth), NOW,
                name -> "admittedAt".equals(name) ? ADMITTED.toString() : null);
    }

    /** PATHWAY.md section 2: C(E)TR within 28 days of admission. */
    @Test
    void oneOffDeadlineCountsFromItsAnchor() {
        assertThat(policy.dueAt("cetr-after-admission", facts("QJ2", "adult-acute", false, null)))
                .isEqualTo(Instant.parse("2026-02-02T10:00:00Z"));
    }

    @Test
    void anIcsOverridesOnlyWhatItNames() {
        Sla local = policy.sla("cetr-after-admission", facts("QHG", "adult-acute", false, null));
        assertThat(local.after()).isEqualTo("P6W");
        assertThat(local.name()).isEqualTo("C(E)TR within 28 days");
        assertThat(local.responsibleGroup()).isEqualTo("managers");
        assertThat(policy.dueAt("cetr-after-admission", facts("QHG", "adult-acute", false, null)))
                .isEqualTo(Instant.parse("2026-02-16T10:00:00Z"));
    }

    /** PATHWAY.md section 2, Key Stage 2: long stay is over 60 days for adults, over 90 for older adults. */
    @Test
    void longStayThresholdDependsOnTheWard() {
        assertThat(policy.sla("long-stay-review", facts("QJ2", "adult-acute", false, null)).after()).isEqualTo("P60D");
        assertThat(policy.sla("long-stay-review", facts("QJ2", "older-adult", false, null)).after()).isEqualTo("P90D");
    }

    /** PATHWAY.md section 2, Key Stage 2: oversight every 8 weeks, every 6 for people up to 25 with an EHC plan. */
    @Test
    void oversightVisitsAreMoreFrequentForYoungPeopleWithAnEhcPlan() {
        // 25 until the day before the 26th birthday
        assertThat(policy.cycle("oversight-visit", facts("QJ2", "adult-acute", true, "2000-01-07"))).isEqualTo("R/P6W");
        assertThat(policy.cycle("oversight-visit", facts("QJ2", "adult-acute", true, "2000-01-06"))).isEqualTo("R/P8W");
        assertThat(policy.cycle("oversight-visit", facts("QJ2", "adult-acute", false, "2005-01-01"))).isEqualTo("R/P8W");
        assertThat(policy.nextReview("oversight-visit", facts("QJ2", "adult-acute", false, null)))
                .isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
    }

    /** PATHWAY.md section 2, Key Stage 2: C(E)TR every 6 months, counted from when the last one was held. */
    @Test
    void repeatingReviewCountsFromTheLastOneHeldNotFromWhenItWasRecorded() {
        PathwayFacts heldBeforeRecorded = new PathwayFacts("QJ2", "adult-acute", false, null, NOW,
                name -> "cetrHeldAt".equals(name) ? "2025-12-01T10:00:00Z" : null);
        assertThat(policy.nextReview("cetr-review", heldBeforeRecorded)).isEqualTo(Instant.parse("2026-06-01T09:00:00Z"));
        PathwayFacts neverHeld = new PathwayFacts("QJ2", "adult-acute", false, null, NOW, name -> null);
        assertThat(policy.nextReview("cetr-review", neverHeld)).isEqualTo(Instant.parse("2026-07-06T09:00:00Z"));
    }

    /** Seed 004 (rehabilitation): discharge planning intensifies once the purpose of admission is close to met. */
    @Test
    void delayFactorReviewsComeMoreOftenOnceThePurposeOfAdmissionIsCloseToMet_perIcs() {
        PathwayFacts notYet = new PathwayFacts("QJ2", "adult-acute", false, null, NOW,
                name -> "purposeCloseToMet".equals(name) ? false : null);
        assertThat(policy.cycle("delay-factor-review", notYet)).isEqualTo("R/P3D");
        PathwayFacts closeToMet = new PathwayFacts("QJ2", "adult-acute", false, null, NOW,
                name -> "purposeCloseToMet".equals(name) ? true : null);
        assertThat(policy.sla("delay-factor-review", closeToMet).code()).isEqualTo("delay-factor-review-close-to-discharge");
        assertThat(policy.nextReview("delay-factor-review", closeToMet)).isEqualTo(Instant.parse("2026-01-07T10:00:00Z"));
        PathwayFacts closeToMetInBlmk = new PathwayFacts("QHG", "adult-acute", false, null, NOW,
                name -> "purposeCloseToMet".equals(name) ? true : null);
        assertThat(policy.cycle("delay-factor-review", closeToMetInBlmk)).isEqualTo("R/PT12H");
    }

    @Test
    void missingAnchorIsNamed() {
        PathwayFacts noAdmission = new PathwayFacts("QJ2", "adult-acute", false, null, NOW, name -> null);
        assertThatThrownBy(() -> policy.dueAt("cetr-after-admission", noAdmission))
                .hasMessageContaining("admittedAt");
    }

    @Test
    void invalidPolicyFailsAtStartUpNamingTheRule() {
        assertThatThrownBy(() -> new SlaPolicy(new PolicyProperties(ZoneId.of("Europe/London"), Map.of(),
                Map.of("follow-up", new SlaRule("Follow-up", "dischargedAt", "72 hours", null, "community-mh-team")), null)))
                .hasMessageContaining("mhpathway.policy.slas.follow-up").hasMessageContaining("72 hours");
        assertThatThrownBy(() -> new SlaPolicy(new PolicyProperties(ZoneId.of("Europe/London"), Map.of(),
                Map.of("follow-up", new SlaRule("Follow-up", null, "PT72H", null, "community-mh-team")), null)))
                .hasMessageContaining("no 'anchor'");
        assertThatThrownBy(() -> new SlaPolicy(new PolicyProperties(ZoneId.of("Europe/London"),
                Map.of("QJ2", new Ics("Derby", Map.of("no-such-sla", new SlaRule(null, null, "P1D", null, null)), null)), RULES, null)))
                .hasMessageContaining("overrides no known SLA");
    }
}
