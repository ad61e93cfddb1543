package org.mhpathway.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.delay.DelayPeriodRecords.DelayPeriod;
import org.mhpathway.pathway.PathwayProcesses.DelayedDischargeEscalation;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * PATHWAY.md section 3: delayed discharges follow a locally agreed escalation ladder; each level has an owner and a
 * time limit, and when it passes without resolution the next level is told. Default ladder (application.yml):
 * level 1 ward / discharge coordinator for 3 days, level 2 discharge hub with partner service managers for 7 days,
 * level 3 directors and the ICB.
 */
class DelayedDischargeEscalationProcessTest extends ProcessTestCase {

    private static final Duration LEVEL_1_LIMIT = Duration.ofDays(3);
    private static final Duration LEVEL_2_LIMIT = Duration.ofDays(7);
    private static final String LEVEL_2 = "Discharge hub with partner service managers";
    private static final String LEVEL_3 = "Directors and the ICB";

    @Autowired DelayPeriodRecords periods;
    @Autowired MockMvc mvc;
    @Autowired org.mhpathway.discharge.DischargeEventRecords dischargeEvents;
    @Autowired org.mhpathway.housing.HousingCases housingCases;

    /** PATHWAY.md section 3: resolution at the first level stops the ladder and records who resolved it and when. */
    @Test
    void delayResolvedAtLevel1NeverEscalatesAndRecordsWhoResolvedItAndWhen() {
        ProcessInstance discharge = startDischarge("Ward 1", "adult-acute");
        String id = discharge.getBusinessKey();
        confirmDelayed(id, "housing", "social-care");

        DelayPeriod open = periods.open(id).orElseThrow();
        assertThat(open.startedAt()).isEqualTo(T0);
        assertThat(open.reason()).isEqualTo("housing");
        assertThat(open.attribution()).isEqualTo("social-care");
        assertThat(open.responsibleLocalAuthority()).isEqualTo("Derby City Council");
        assertThat(open.ward()).isEqualTo("Ward 1");
        assertThat(open.escalationLevel()).isEqualTo(1);
        assertThat(open.nextEscalationDue()).isEqualTo(T0.plus(LEVEL_1_LIMIT));
        assertThat(instanceOf(id, PlannedSupport.KEY)).hasPassed(PlannedSupport.GATEWAY_LADDER_STARTED);

        later(LEVEL_1_LIMIT.minusMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE)).isEmpty();

        Task resolve = openTasks(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE).get(0);
        tasks.setAssignee(resolve.getId(), "dora.hub");
        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Tenancy signed"));

        DelayPeriod ended = periods.forPathway(id).get(0);
        assertThat(ended.endedAt()).isEqualTo(now());
        assertThat(ended.endedReason()).isEqualTo("support-in-place");
        assertThat(ended.resolvedBy()).isEqualTo("dora.hub");
        assertThat(ended.escalationLevel()).isEqualTo(1);
        assertThat(ended.nextEscalationDue()).isNull();
        assertThat(periods.open(id)).isEmpty();
        assertThat(instanceOf(id, DelayedDischargeEscalation.KEY)).isEnded();

        later(Duration.ofDays(30));
        fireDueTimers(id);
        assertThat(openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE)).isEmpty();
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("delayed-discharge-escalated");
    }

    /** PATHWAY.md section 3: each level's limit passing gives the next level a task and tells the roles it names. */
    @Test
    void unresolvedDelayClimbsEachLevelAtItsLimitToTheTop() {
        ProcessInstance discharge = startDischarge("Ward 1", "adult-acute");
        String id = discharge.getBusinessKey();
        confirmDelayed(id, "housing", "social-care");

        later(LEVEL_1_LIMIT.minusMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE)).isEmpty();
        later(Duration.ofMinutes(1));
        fireDueTimers(id);

        Task level2 = onlyTask(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE);
        assertThat(level2.getDescription()).isEqualTo("Escalation level: " + LEVEL_2);
        assertThat(candidateGroups(level2)).containsExactly("discharge-hub");
        assertThat(escalationNotices(id)).containsExactlyInAnyOrder("local-authority", "community-mh-team",
                "housing-authority");
        DelayPeriod atLevel2 = periods.open(id).orElseThrow();
        assertThat(atLevel2.escalationLevel()).isEqualTo(2);
        assertThat(atLevel2.escalationLevelName()).isEqualTo(LEVEL_2);
        assertThat(atLevel2.nextEscalationDue()).isEqualTo(now().plus(LEVEL_2_LIMIT));

        later(LEVEL_2_LIMIT.minusMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE)).hasSize(1);
        later(Duration.ofMinutes(1));
        fireDueTimers(id);

        List<Task> escalations = openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE);
        assertThat(escalations).hasSize(2);
        Task level3 = escalations.stream().filter(t -> !t.getId().equals(level2.getId())).findFirst().orElseThrow();
        assertThat(level3.getDescription()).isEqualTo("Escalation level: " + LEVEL_3);
        assertThat(candidateGroups(level3)).containsExactly("managers");
        assertThat(escalationNotices(id)).containsExactlyInAnyOrder("local-authority", "community-mh-team",
                "housing-authority", "commissioner");
        DelayPeriod atTop = periods.open(id).orElseThrow();
        assertThat(atTop.escalationLevel()).isEqualTo(3);
        assertThat(atTop.nextEscalationDue()).as("nothing above the top").isNull();

        for (Task t : escalations) {
            tasks.complete(t.getId(), Map.of("escalationActions", "Housing panel on Friday"));
        }
        ProcessInstance ladder = instanceOf(id, DelayedDischargeEscalation.KEY);
        assertThat(ladder).isEnded().hasPassed(DelayedDischargeEscalation.END_TOP_OF_LADDER_REACHED,
                DelayedDischargeEscalation.END_ESCALATION_ACTED_ON, DelayedDischargeEscalation.SERVICE_CONVENE_DISCHARGE_EVENT);
        // PATHWAY.md section 3: a delay escalated to the top goes to a multi-agency discharge event
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(org.mhpathway.pathway.PathwayProcesses.MultiAgencyDischargeEvent.KEY).count())
                .isEqualTo(1);
        assertThat(instanceOf(id, PlannedSupport.KEY)).hasPassed(PlannedSupport.END_TOP_OF_LADDER_REACHED);
        assertWaitingAt(instanceOf(id, PlannedSupport.KEY), PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE);

        later(Duration.ofDays(30));
        fireDueTimers(id);
        assertThat(openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE)).isEmpty();

        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Tenancy signed"));
        DelayPeriod ended = periods.forPathway(id).get(0);
        assertThat(ended.escalationLevel()).isEqualTo(3);
        assertThat(ended.endedReason()).isEqualTo("support-in-place");
        assertThat(ended.resolvedBy()).as("no assignee and nobody signed in").isNull();
        assertThat(Duration.between(ended.startedAt(), ended.endedAt())).isEqualTo(Duration.ofDays(40));
    }

    /** PATHWAY.md section 3: the person no longer clinically ready ends the delay and the ladder, open work withdrawn. */
    @Test
    void personBecomingUnwellAgainEndsTheDelayAndTheLadder() {
        ProcessInstance discharge = startDischarge("Ward 1", "adult-acute");
        String id = discharge.getBusinessKey();
        confirmDelayed(id, "social-care", "social-care");
        later(LEVEL_1_LIMIT);
        fireDueTimers(id);
        assertThat(openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE)).hasSize(1);

        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "no-longer-clinically-ready",
                "resolutionNotes", "Relapse; treatment resumed"));

        assertThat(openTasks(id, DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE)).isEmpty();
        assertThat(instanceOf(id, DelayedDischargeEscalation.KEY)).isEnded()
                .hasNotPassed(DelayedDischargeEscalation.END_TOP_OF_LADDER_REACHED);
        assertThat(discharge).isEnded().hasPassed(HospitalDischarge.END_NO_LONGER_CLINICALLY_READY);
        DelayPeriod ended = periods.forPathway(id).get(0);
        assertThat(ended.endedReason()).isEqualTo("no-longer-clinically-ready");
        assertThat(ended.endedAt()).isEqualTo(T0.plus(LEVEL_1_LIMIT));
        assertThat(ended.escalationLevel()).isEqualTo(2);

        later(Duration.ofDays(30));
        fireDueTimers(id);
        assertThat(escalationNotices(id)).as("nothing more once the delay ended")
                .containsExactlyInAnyOrder("local-authority", "community-mh-team", "housing-authority");
    }

    /** PATHWAY.md section 3: a stay can have several delay periods; the pathway shows its delayed days across them. */
    @Test
    void severalDelayPeriodsInOneStayAddUpToTheDelayedDaysOfThePathway() throws Exception {
        ProcessInstance first = startDischarge("Ward 1", "adult-acute");
        String id = first.getBusinessKey();
        confirmDelayed(id, "housing", "social-care");
        later(Duration.ofDays(2));
        // a review re-states the delay: it waits on a placement now
        later(Duration.ofDays(1));
        fireDueTimers(id);
        Task review = onlyTask(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE);
        tasks.complete(review.getId(), Map.of("delayReason", "placement", "delayAttribution", "both",
                "responsibleLocalAuthority", "Derbyshire County Council", "delayReviewNotes", "Supported living instead"));
        assertThat(periods.open(id).orElseThrow().reason()).isEqualTo("placement");
        assertThat(periods.open(id).orElseThrow().attribution()).isEqualTo("both");
        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "no-longer-clinically-ready",
                "resolutionNotes", "Relapse"));

        // clinically ready again a week later, and delayed again (the stay confirms CRFD anew)
        later(Duration.ofDays(7));
        Map<String, Object> variables = new HashMap<>(Map.of("crfdAt", iso(now()), "clinicallyReadyForDischarge", true,
                "homeIcs", "QJ2", "wardType", "adult-acute", "ward", "Ward 1", "dateOfBirth", "1985-01-15",
                "ehcPlan", false));
        runtime.startProcessInstanceByKey(HospitalDischarge.KEY, id, variables);
        confirmDelayed(id, "funding", "nhs");
        later(Duration.ofDays(2).plusHours(5));

        List<DelayPeriod> all = periods.forPathway(id);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).endedReason()).isEqualTo("no-longer-clinically-ready");
        assertThat(all.get(1).endedAt()).isNull();
        assertThat(all.get(1).reason()).isEqualTo("funding");
        assertThat(all.get(1).escalationLevel()).as("a new period starts the ladder again").isEqualTo(1);

        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.delays.delayedDays").value(5))
                .andExpect(jsonPath("$.delays.periods.length()").value(2))
                .andExpect(jsonPath("$.delays.periods[0].reason").value("placement"))
                .andExpect(jsonPath("$.delays.periods[1].reason").value("funding"));
        mvc.perform(get("/api/delayed-discharges").param("reason", "funding")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.pathwayId == '" + id + "')].daysDelayed", contains(2)))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + id + "')].delayedDaysThisStay", contains(5)));
    }

    /**
     * PATHWAY.md section 1: the hub sees every delayed discharge "with the partner actions owed": what agencies agreed
     * at a discharge event and the housing case's blockers, not yet done, soonest due first; and the level the delay
     * climbs to next (application.yml: directors and the ICB after the hub's level).
     */
    @Test
    void eachDelayedDischargeIsListedWithTheNextLevelAndThePartnerActionsOwed() throws Exception {
        String id = startDischarge("Ward 9", "adult-acute").getBusinessKey();
        confirmDelayed(id, "housing", "social-care");
        later(LEVEL_1_LIMIT);
        fireDueTimers(id);
        long event = dischargeEvents.convene(id, "Delayed: housing", List.of("local-authority"), now());
        dischargeEvents.recordAction(event, "local-authority", "Care Act assessment", java.time.LocalDate.parse(
                "2026-03-12"), "discharge-hub", now());
        dischargeEvents.recordAction(event, "local-authority", "Home care package", null, "discharge-hub", now());
        long housingCase = housingCases.open(id, now());
        housingCases.addAction(housingCase, "deep-clean", "Book a deep clean", "Tenancy sustainment officer",
                java.time.LocalDate.parse("2026-03-10"));
        long done = housingCases.addAction(housingCase, "repairs", "Fix the boiler", "Landlord",
                java.time.LocalDate.parse("2026-03-08"));
        housingCases.actionDone(housingCase, done, now());

        String item = "$[?(@.pathwayId == '" + id + "')]";
        mvc.perform(get("/api/delayed-discharges")).andExpect(status().isOk())
                .andExpect(jsonPath(item + ".escalationLevelName", contains("Discharge hub with partner service managers")))
                .andExpect(jsonPath(item + ".nextEscalationLevelName", contains("Directors and the ICB")))
                .andExpect(jsonPath(item + ".actionsOwed[*].action", contains("Book a deep clean", "Care Act assessment",
                        "Home care package")))
                .andExpect(jsonPath(item + ".actionsOwed[*].source", contains("housing", "discharge-event",
                        "discharge-event")))
                .andExpect(jsonPath(item + ".actionsOwed[*].owner", contains("Tenancy sustainment officer",
                        "local-authority", "local-authority")))
                .andExpect(jsonPath(item + ".actionsOwed[0].dueDate", contains("2026-03-10")));
        mvc.perform(get("/api/housing-cases").param("ics", "QJ2")).andExpect(status().isOk())
                .andExpect(jsonPath(item + ".delay.reason", contains("housing")))
                .andExpect(jsonPath(item + ".delay.daysDelayed", contains(3)))
                .andExpect(jsonPath(item + ".actionsOwed.length()", contains(3)));
    }

    /**
     * PATHWAY.md section 5 (bed days lost count from the clinically-ready date; issue 13): the period starts when the
     * person became clinically ready for discharge, not when the hub found the support missing two days later; the
     * escalation ladder counts from the hub's finding.
     */
    @Test
    void delayPeriodStartsAtTheClinicallyReadyDateNotWhenTheHubFindsTheSupportMissing() {
        String id = startDischarge("Ward 1", "adult-acute").getBusinessKey();
        later(Duration.ofDays(2));
        confirmDelayed(id, "housing", "social-care");

        DelayPeriod open = periods.open(id).orElseThrow();
        assertThat(open.startedAt()).isEqualTo(T0);
        assertThat(open.nextEscalationDue()).isEqualTo(now().plus(LEVEL_1_LIMIT));
        assertThat(open.reasonHistory()).singleElement().satisfies(stretch -> {
            assertThat(stretch.reason()).isEqualTo("housing");
            assertThat(stretch.startedAt()).as("the first account holds from the clinically-ready date").isEqualTo(T0);
            assertThat(stretch.endedAt()).isNull();
        });
    }

    /**
     * PATHWAY.md sections 3 and 5 (issue 13: "a change of reason is kept, not overwritten"): each review that changes
     * the delay's reason, attribution or local authority ends the account before it and starts a new one; a review
     * that changes nothing starts none; resolving the delay ends the last. The pathway view and the hub's list show
     * the history, the current account beside it.
     */
    @Test
    void aChangeOfReasonOrAttributionAtReviewIsKeptInTheDelaysReasonHistory() throws Exception {
        String id = startDischarge("Ward 1", "adult-acute").getBusinessKey();
        confirmDelayed(id, "housing", "social-care");

        later(Duration.ofDays(3));
        fireDueTimers(id);
        review(id, "placement", "both", "Derbyshire County Council", "dora.hub");
        later(Duration.ofDays(3));
        fireDueTimers(id);
        review(id, "placement", "both", "Derbyshire County Council", "dora.hub");
        later(Duration.ofDays(3));
        fireDueTimers(id);
        review(id, "placement", "nhs", "Derbyshire County Council", "evan.hub");

        DelayPeriod open = periods.open(id).orElseThrow();
        assertThat(open.reason()).isEqualTo("placement");
        assertThat(open.attribution()).isEqualTo("nhs");
        assertThat(open.reasonHistory()).extracting(r -> r.reason() + "/" + r.attribution() + "/"
                        + r.responsibleLocalAuthority() + " " + r.startedAt() + ".." + r.endedAt() + " by " + r.recordedBy())
                .containsExactly(
                        "housing/social-care/Derby City Council " + T0 + ".." + T0.plus(Duration.ofDays(3)) + " by null",
                        "placement/both/Derbyshire County Council " + T0.plus(Duration.ofDays(3)) + ".."
                                + T0.plus(Duration.ofDays(9)) + " by dora.hub",
                        "placement/nhs/Derbyshire County Council " + T0.plus(Duration.ofDays(9)) + "..null by evan.hub");
        mvc.perform(get("/api/delayed-discharges").param("reason", "placement")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.pathwayId == '" + id + "')].reason", contains("placement")))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + id + "')].reasonHistory[0].reason", contains("housing")))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + id + "')].reasonHistory[1].attribution", contains("both")))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + id + "')].reasonHistory[2].attribution", contains("nhs")));
        mvc.perform(get("/api/delayed-discharges").param("reason", "housing")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", not(hasItem(id))));

        later(Duration.ofDays(1));
        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Placement agreed"));
        DelayPeriod ended = periods.forPathway(id).get(0);
        assertThat(ended.reasonHistory()).hasSize(3);
        assertThat(ended.reasonHistory().get(2).endedAt()).as("the last account ends with the period")
                .isEqualTo(ended.endedAt()).isEqualTo(now());
        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.delays.periods[0].reason").value("placement"))
                .andExpect(jsonPath("$.delays.periods[0].reasonHistory.length()").value(3))
                .andExpect(jsonPath("$.delays.periods[0].reasonHistory[0].reason").value("housing"))
                .andExpect(jsonPath("$.delays.periods[0].reasonHistory[0].attribution").value("social-care"))
                .andExpect(jsonPath("$.delays.periods[0].reasonHistory[0].endedAt")
                        .value(T0.plus(Duration.ofDays(3)).toString()))
                .andExpect(jsonPath("$.delays.periods[0].reasonHistory[2].recordedBy").value("evan.hub"));
    }

    /** PATHWAY.md section 3: the discharge hub lists every delayed person, filterable by ICS, ward, reason and level. */
    @Test
    void delayedDischargesAreListedAndFilteredByIcsWardReasonAndLevel() throws Exception {
        String housing = startDischarge("Ward 7", "adult-acute").getBusinessKey();
        confirmDelayed(housing, "housing", "social-care");
        later(LEVEL_1_LIMIT);
        fireDueTimers(housing);
        String legal = startDischarge("Ward 8", "older-adult").getBusinessKey();
        confirmDelayed(legal, "legal", "nhs");

        mvc.perform(get("/api/delayed-discharges")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", hasItem(housing)))
                .andExpect(jsonPath("$[*].pathwayId", hasItem(legal)))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + housing + "')].ward", contains("Ward 7")))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + housing + "')].wardType", contains("adult-acute")))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + housing + "')].attribution", contains("social-care")))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + housing + "')].daysDelayed", contains(3)))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + housing + "')].escalationLevel", contains(2)))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + housing + "')].nextEscalationDue",
                        contains(now().plus(LEVEL_2_LIMIT).toString())));
        mvc.perform(get("/api/delayed-discharges").param("ics", "QJ2")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", hasItem(housing)));
        mvc.perform(get("/api/delayed-discharges").param("ics", "QHG")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", not(hasItem(housing))));
        mvc.perform(get("/api/delayed-discharges").param("ward", "Ward 8")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", contains(legal)));
        mvc.perform(get("/api/delayed-discharges").param("reason", "housing")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", hasItem(housing)))
                .andExpect(jsonPath("$[*].pathwayId", not(hasItem(legal))));
        mvc.perform(get("/api/delayed-discharges").param("level", "2")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", hasItem(housing)))
                .andExpect(jsonPath("$[*].pathwayId", not(hasItem(legal))));

        mvc.perform(get("/api/delayed-discharges").param("reason", "weather")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("reason")));
        mvc.perform(get("/api/delayed-discharges").param("level", "top")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("level")));
        mvc.perform(get("/api/delayed-discharges").param("level", "0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("level")));
        mvc.perform(get("/api/delayed-discharges").param("ics", "XYZ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("ics")));
        mvc.perform(get("/api/delayed-discharges").param("ward", " ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("ward")));
    }

    /**
     * PATHWAY.md section 3, Derby and Derbyshire's standard: no patient in long-stay rehabilitation who is clinically
     * ready for discharge without a clear discharge plan (no refined plan recorded and no estimated discharge date
     * still ahead).
     */
    @Test
    void rehabilitationPatientsClinicallyReadyWithoutAClearDischargePlanAreListed() throws Exception {
        String rehab = refer("rehabilitation", false);
        assessAndDecide(rehab, true);
        allocateBed(rehab, false);
        completeKeyStage1(rehab); // estimated discharge date 2026-03-30
        confirmClinicallyReady(rehab);
        confirmDelayed(rehab, "placement", "social-care");
        String acute = refer("adult-acute", false);
        assessAndDecide(acute, true);
        allocateBed(acute, false);
        completeKeyStage1(acute);
        confirmClinicallyReady(acute);

        mvc.perform(get("/api/delayed-discharges/without-discharge-plan")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", not(hasItem(rehab))));

        later(Duration.ofDays(30)); // the estimated date has passed with no plan
        mvc.perform(get("/api/delayed-discharges/without-discharge-plan").param("ics", "QJ2")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", hasItem(rehab)))
                .andExpect(jsonPath("$[*].pathwayId", not(hasItem(acute))))
                .andExpect(jsonPath("$[?(@.pathwayId == '" + rehab + "')].delayedDaysThisStay", contains(30)));

        complete(rehab, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Placement found"));
        complete(rehab, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "Supported living, CMHT",
                "estimatedDischargeDate", iso(now()).substring(0, 10),
                "eddChangeReason", "Date agreed with the community team"));
        mvc.perform(get("/api/delayed-discharges/without-discharge-plan")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", not(hasItem(rehab))));
        mvc.perform(get("/api/delayed-discharges/without-discharge-plan").param("ics", "nowhere"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", contains("ics")));
    }

    private ProcessInstance startDischarge(String ward, String wardType) {
        return startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()), "clinicallyReadyForDischarge", true,
                "ward", ward, "wardType", wardType));
    }

    private void confirmDelayed(String id, String reason, String attribution) {
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", reason, "delayAttribution", attribution,
                "responsibleLocalAuthority", "Derby City Council", "delayNotes", "Waiting"));
    }

    private void review(String id, String reason, String attribution, String authority, String reviewer) {
        Task review = onlyTask(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE);
        tasks.setAssignee(review.getId(), reviewer);
        tasks.complete(review.getId(), Map.of("delayReason", reason, "delayAttribution", attribution,
                "responsibleLocalAuthority", authority, "delayReviewNotes", "Reviewed with the placement team"));
    }

    private List<String> escalationNotices(String id) {
        return notifications.forPathway(id).stream().filter(n -> n.event().equals("delayed-discharge-escalated"))
                .map(n -> n.recipientRole()).toList();
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(g -> g != null).toList();
    }

    private Task onlyTask(String id, String taskKey) {
        List<Task> open = openTasks(id, taskKey);
        assertThat(open).hasSize(1);
        return open.get(0);
    }
}
