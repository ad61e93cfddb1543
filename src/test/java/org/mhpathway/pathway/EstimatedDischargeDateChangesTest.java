package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mhpathway.ApiTestUsers.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.forms.InvalidTaskValuesException;
import org.mhpathway.pathway.EstimatedDischargeDates.EstimatedDischargeDate;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Seed 004 (rehabilitation): a change of estimated discharge date needs a reason, and the history of changes is kept.
 * The reason is the ward's free text: the discharge hub and housing see the dates, not the reasons.
 */
class EstimatedDischargeDateChangesTest extends ProcessTestCase {

    private static final String PASSWORD = "edd-changes-test-password-1";

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired EstimatedDischargeDates edds;
    @Autowired org.mhpathway.discharge.MultiAgencyDischargeEvents dischargeEvents;

    @BeforeEach
    void users() {
        user("eddqj2clinician", Set.of(Roles.WARD_CLINICIANS));
        user("eddqj2hub", Set.of(Roles.DISCHARGE_HUB));
    }

    @Test
    void aChangedDateNeedsAReasonAndEveryDateIsKept_seed004() throws Exception {
        String id = admittedWithPlanFor("2026-04-10");
        assertThat(history(id)).extracting(EstimatedDischargeDate::estimatedDischargeDate, EstimatedDischargeDate::previousDate,
                EstimatedDischargeDate::reason, EstimatedDischargeDate::recordedOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 4, 10), null, null,
                        KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING));

        reviewDue(id);
        String review = openTasks(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS).get(0).getId();
        assertThat(tasks.getVariableLocal(review, EstimatedDischargeDates.PREVIOUS)).isEqualTo("2026-04-10");

        // a new date without a reason is refused, naming the field; nothing recorded changes
        assertThatThrownBy(() -> review(id, "2026-04-24", null))
                .isInstanceOf(InvalidTaskValuesException.class).hasMessageContaining("eddChangeReason");
        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isEqualTo(LocalDate.of(2026, 4, 10));
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS)).hasSize(1);
        assertThat(history(id)).hasSize(1);

        review(id, "2026-04-24", "Care package start moved by the provider");
        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isEqualTo(LocalDate.of(2026, 4, 24));
        assertThat(history(id)).hasSize(2).last().satisfies(last -> {
            assertThat(last.estimatedDischargeDate()).isEqualTo(LocalDate.of(2026, 4, 24));
            assertThat(last.previousDate()).isEqualTo(LocalDate.of(2026, 4, 10));
            assertThat(last.reason()).isEqualTo("Care package start moved by the provider");
            assertThat(last.recordedOn()).isEqualTo(InpatientReviews.TASK_REVIEW_DELAY_FACTORS);
        });
        // the reason was for that change: the next review asks for its own
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(
                instanceOf(id, InpatientReviews.KEY).getId()).variableName(EstimatedDischargeDates.CHANGE_REASON).count())
                .isZero();

        // the same date again needs no reason and adds nothing
        reviewDue(id);
        review(id, "2026-04-24", null);
        assertThat(history(id)).hasSize(2);

        mvc.perform(get("/api/pathways/" + id).with(as("eddqj2clinician", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.estimatedDischargeDates.length()").value(2))
                .andExpect(jsonPath("$.estimatedDischargeDates[1].estimatedDischargeDate").value("2026-04-24"))
                .andExpect(jsonPath("$.estimatedDischargeDates[1].previousDate").value("2026-04-10"))
                .andExpect(jsonPath("$.estimatedDischargeDates[1].reason")
                        .value("Care package start moved by the provider"));
        // a discharge event makes the pathway the hub's work too
        dischargeEvents.convene(id, "complex discharge", List.of("community-mh-team"));
        mvc.perform(get("/api/pathways/" + id).with(as("eddqj2hub", PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$.estimatedDischargeDates[1].estimatedDischargeDate").value("2026-04-24"))
                .andExpect(jsonPath("$.estimatedDischargeDates[1].reason").doesNotExist());
    }

    private String admittedWithPlanFor(String edd) {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        complete(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", edd,
                "intendedDestination", "home", "housingNeed", false));
        return id;
    }

    private void reviewDue(String id) {
        later(Duration.ofDays(3));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS)).hasSize(1);
    }

    private void review(String id, String edd, String reason) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("delayFactors", Spin.JSON("[]"),
                "estimatedDischargeDate", edd, "purposeCloseToMet", false, "delayFactorNotes", "Reviewed with the team"));
        if (reason != null) {
            values.put("eddChangeReason", reason);
        }
        complete(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS, values);
    }

    private List<EstimatedDischargeDate> history(String id) {
        return edds.forPathway(id);
    }

    private void user(String id, Set<String> groups) {
        org.mhpathway.ApiTestUsers.ensureUser(identity, id, PASSWORD, groups, "QJ2");
    }
}
