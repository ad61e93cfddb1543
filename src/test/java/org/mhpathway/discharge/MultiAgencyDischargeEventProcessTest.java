package org.mhpathway.discharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.discharge.DischargeEventRecords.Action;
import org.mhpathway.discharge.DischargeEventRecords.DischargeEvent;
import org.mhpathway.partners.CareTeam;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerCredentials;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.MultiAgencyDischargeEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code multi-agency-discharge-event} (PATHWAY.md section 3), one test per path, and
 * {@code POST /api/pathways/{id}/discharge-events}.
 */
class MultiAgencyDischargeEventProcessTest extends ProcessTestCase {

    /** Not an ICS the service serves: these partners are never anyone's care team by default. */
    private static final String TEST_ICS = "TEST";

    @Autowired DischargeEvents dischargeEvents;
    @Autowired MultiAgencyDischargeEvents events;
    @Autowired DischargeEventRecords records;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerCredentials credentials;
    @Autowired CareTeam careTeam;

    private Partner localAuthority;
    private String localAuthoritySecret;

    @BeforeEach
    void partners() {
        String id = "la-" + Long.toString(System.nanoTime(), 36);
        localAuthority = new Partner(id, "Derby City Council adult social care", PartnerRole.LOCAL_AUTHORITY, null,
                TEST_ICS, null, null, id + "@partners.example.org", false, true);
        localAuthoritySecret = credentials.newSecret();
        directory.save(localAuthority, credentials.hash(localAuthoritySecret), now());
    }

    @Test
    void everyAgencyAgreesInTasklistAndThePlanGoesBackToThePathway() {
        String id = refer("adult-acute", false);
        careTeam.assign(id, PartnerRole.LOCAL_AUTHORITY, localAuthority.id(), now());
        ProcessInstance made = convene(id, List.of("local-authority", "housing-authority"));

        assertThat(notifications.forPathway(id)).anySatisfy(n -> {
            assertThat(n.event()).isEqualTo("made-invitation");
            assertThat(n.partnerId()).isEqualTo(localAuthority.id());
        });
        List<Task> agencies = openTasks(id, MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS);
        assertThat(agencies).extracting(t -> t.getDescription().replaceAll(", and by when.*", "")).containsExactlyInAnyOrder(
                "Actions of local authority", "Actions of housing authority");
        assertThat(agencies).allSatisfy(t -> assertThat(t).hasCandidateGroup("discharge-hub"));

        agreeInTasklist(id, "local-authority", "Care Act assessment; home care package", "2026-03-10");
        assertThat(openTasks(id, MultiAgencyDischargeEvent.TASK_RECORD_AGREED_DISCHARGE_PLAN)).as("one agency still to agree").isEmpty();
        Task housing = openTasks(id, MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS).get(0);
        assertThat(tasks.getVariable(housing.getId(), "agreedActions")).as("another agency's answer is not shown").isNull();
        agreeInTasklist(id, "housing-authority", "Temporary accommodation offer", "2026-03-12");

        recordPlan(id, "Home with care package from 16 March", "2026-03-16", "2026-03-13");

        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(runtime.getVariable(instanceOf(id, InpatientPathway.KEY).getId(), "estimatedDischargeDate"))
                .as("the running pathway gets the new EDD").isEqualTo("2026-03-16");
        DischargeEvent event = records.forPathway(id).get(0);
        assertThat(event.agreedPlan()).isEqualTo("Home with care package from 16 March");
        assertThat(event.newEstimatedDischargeDate()).isEqualTo(LocalDate.parse("2026-03-16"));
        assertThat(event.concludedAt()).isEqualTo(now());
        assertThat(event.actions()).extracting(Action::agencyRole, Action::dueDate, Action::agreedBy).containsExactly(
                org.assertj.core.groups.Tuple.tuple("local-authority", LocalDate.parse("2026-03-10"), "discharge-hub"),
                org.assertj.core.groups.Tuple.tuple("housing-authority", LocalDate.parse("2026-03-12"), "discharge-hub"));
        assertWaitingAt(made, MultiAgencyDischargeEvent.TIMER_AGREED_ACTIONS_DUE);

        events.agencyActionsDone(id, PartnerRole.LOCAL_AUTHORITY, now());
        events.agencyActionsDone(id, PartnerRole.HOUSING_AUTHORITY, now());
        later(Duration.ofDays(12)); // 14 March 09:00, after the review date of 13 March
        fireDueTimers(id);

        assertThat(made).isEnded().hasPassed(MultiAgencyDischargeEvent.SERVICE_INVITE_AGENCIES,
                        MultiAgencyDischargeEvent.SERVICE_HAND_OUTCOME_BACK, MultiAgencyDischargeEvent.GATEWAY_ALL_ACTIONS_DONE,
                        MultiAgencyDischargeEvent.END_OUTCOME_HANDED_BACK)
                .hasNotPassed(MultiAgencyDischargeEvent.TASK_CHASE_OVERDUE_ACTIONS);
    }

    @Test
    void anAgencyAgreesAndReportsItsActionsDoneThroughThePartnerApi() throws Exception {
        String id = refer("adult-acute", false);
        careTeam.assign(id, PartnerRole.LOCAL_AUTHORITY, localAuthority.id(), now());
        ProcessInstance made = convene(id, List.of("local-authority", "commissioner"));

        answer(id, "accepted", "Package of care from 9 March", "2026-03-09").andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("made-actions-agreed"));

        assertThat(openTasks(id, MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS)).extracting(t -> t.getDescription().replaceAll(", and by when.*", ""))
                .containsExactly("Actions of commissioner (ICB)");
        answer(id, "accepted", "Again", "2026-03-09").andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("event"));
        agreeInTasklist(id, "commissioner", "Fund the package under section 117", "2026-03-09");
        recordPlan(id, "Home on 10 March", "2026-03-10", "2026-03-09");

        Action agreed = records.forPathway(id).get(0).actions().get(0);
        assertThat(agreed.agencyRole()).isEqualTo("local-authority");
        assertThat(agreed.action()).isEqualTo("Package of care from 9 March");
        assertThat(agreed.dueDate()).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(agreed.agreedBy()).isEqualTo(localAuthority.id());

        later(Duration.ofDays(3));
        answer(id, "completed", "Package started", null).andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value("made-actions-done"));
        events.agencyActionsDone(id, PartnerRole.COMMISSIONER, now());
        later(Duration.ofDays(5));
        fireDueTimers(id);

        assertThat(made).isEnded().hasPassed(MultiAgencyDischargeEvent.END_OUTCOME_HANDED_BACK);
    }

    @Test
    void anActionNotDoneByTheReviewDateComesBackToTheDischargeHub() {
        String id = refer("adult-acute", false);
        ProcessInstance made = convene(id, List.of("housing-authority"));
        agreeInTasklist(id, "housing-authority", "Supported living placement", "2026-03-05");
        recordPlan(id, "Supported living from 9 March", "2026-03-09", "2026-03-06");

        later(Duration.ofDays(4).plusHours(15).minusMinutes(1)); // 6 March 23:59 (UTC = UK time in March)
        fireDueTimers(id);
        assertThat(openTasks(id, MultiAgencyDischargeEvent.TASK_CHASE_OVERDUE_ACTIONS)).as("review date not yet over").isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        List<Task> chase = openTasks(id, MultiAgencyDischargeEvent.TASK_CHASE_OVERDUE_ACTIONS);
        assertThat(chase).hasSize(1);
        assertThat(chase.get(0)).hasCandidateGroup("discharge-hub");
        assertThat(tasks.getVariable(chase.get(0).getId(), "overdueActions"))
                .isEqualTo("housing authority: Supported living placement (by 2026-03-05)");

        complete(id, MultiAgencyDischargeEvent.TASK_CHASE_OVERDUE_ACTIONS, Map.of("overdueActionsChaseNotes",
                "Housing officer to confirm the tenancy by Monday"));
        assertThat(made).isEnded().hasPassed(MultiAgencyDischargeEvent.END_OVERDUE_ACTIONS_CHASED)
                .hasNotPassed(MultiAgencyDischargeEvent.END_OUTCOME_HANDED_BACK);
    }

    /** The escalation ladder (or any model) convenes one with the agencies the delay needs. */
    @Test
    void anotherModelConvenesAnEventForTheAgenciesTheDelayNeeds() {
        String id = refer("adult-acute", false);
        DelegateExecution ladder = mock(DelegateExecution.class);
        when(ladder.getProcessBusinessKey()).thenReturn(id);
        when(ladder.getVariable("delayReason")).thenReturn("housing");
        when(ladder.getVariable("delayAttribution")).thenReturn("social-care");

        dischargeEvents.convene(ladder, "escalated");
        fireDueTimers(id);

        assertThat(records.forPathway(id).get(0).invitedRoles())
                .containsExactly("community-mh-team", "local-authority", "housing-authority", "commissioner");
        assertThat(records.forPathway(id).get(0).reason()).isEqualTo("escalated");
        assertThat(openTasks(id, MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS)).hasSize(4);
    }

    @Test
    void aPartnersDueDateMustBeADateAndOnlyForItsActions() throws Exception {
        String id = refer("adult-acute", false);
        careTeam.assign(id, PartnerRole.LOCAL_AUTHORITY, localAuthority.id(), now());
        convene(id, List.of("local-authority"));

        answer(id, "accepted", "Care package", "next week").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dueDate"))
                .andExpect(jsonPath("$.errors[0].message").value("must be an ISO-8601 date"));
        answer(id, "accepted", null, "2026-03-09").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("note"));
        assertThat(openTasks(id, MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS)).hasSize(1);
    }

    // ---- POST /api/pathways/{id}/discharge-events ----

    @Test
    void dischargeHubConvenesAnEventOnDemand() throws Exception {
        String id = refer("adult-acute", false);

        postEvent(id, "{\"reason\": \"Delay over 14 days\", \"invitedRoles\": [\"local-authority\", \"vcse-advocacy\"]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.pathwayId").value(id))
                .andExpect(jsonPath("$.reason").value("Delay over 14 days"))
                .andExpect(jsonPath("$.invitedRoles[1]").value("vcse-advocacy"));
        fireDueTimers(id);
        assertThat(openTasks(id, MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS)).hasSize(2);

        postEvent(id, "{\"reason\": \"Again\", \"invitedRoles\": [\"local-authority\"]}").andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"));
        mvc.perform(get("/api/pathways/" + id + "/discharge-events")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void badFieldsAreEachNamedAndNothingIsConvened() throws Exception {
        String id = refer("adult-acute", false);

        postEvent(id, "{\"reason\": \" \", \"invitedRoles\": [\"social-worker\", 3], \"chair\": \"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(4))
                .andExpect(jsonPath("$.errors[?(@.field == 'chair')].message").value("is not a known field"))
                .andExpect(jsonPath("$.errors[?(@.field == 'reason')].message").value("is required"));
        postEvent(id, "{\"reason\": \"" + "r".repeat(501) + "\", \"invitedRoles\": []}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 500 characters"))
                .andExpect(jsonPath("$.errors[1].field").value("invitedRoles"));
        postEvent(id, "{\"reason\": 4}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("must be a string"))
                .andExpect(jsonPath("$.errors[1].field").value("invitedRoles"));
        postEvent(id, "[1]").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("body"));
        postEvent(id, "").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("body"));

        assertThat(records.forPathway(id)).isEmpty();
        assertThat(events.running(id)).isFalse();
    }

    @Test
    void unknownPathwayIs404AndAClosedPathwayIs409() throws Exception {
        String body = "{\"reason\": \"Complex discharge\", \"invitedRoles\": [\"local-authority\"]}";
        postEvent("MHP-0000-0000", body).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/pathways/MHP-0000-0000/discharge-events")).andExpect(status().isNotFound());

        String id = refer("adult-acute", false);
        register.close(id, "died", now());
        postEvent(id, body).andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].message").value("is closed"));
        assertThat(records.forPathway(id)).isEmpty();
    }

    // ---- steps ----

    private ProcessInstance convene(String pathwayId, List<String> roles) {
        events.convene(pathwayId, "Delayed 21 days waiting for housing and care", roles);
        fireDueTimers(pathwayId);
        return instanceOf(pathwayId, MultiAgencyDischargeEvent.KEY);
    }

    private void agreeInTasklist(String pathwayId, String role, String actions, String dueDate) {
        Task task = openTasks(pathwayId, MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS).stream()
                .filter(t -> role.equals(tasks.getVariable(t.getId(), "agencyRole"))).findFirst().orElseThrow();
        tasks.complete(task.getId(), Map.of("agreedActions", actions, "actionsDueDate", dueDate));
    }

    private void recordPlan(String pathwayId, String plan, String edd, String reviewDate) {
        complete(pathwayId, MultiAgencyDischargeEvent.TASK_RECORD_AGREED_DISCHARGE_PLAN, Map.of(
                "agreedDischargePlan", plan, "estimatedDischargeDate", edd,
                "eddChangeReason", "Date agreed with the community team", "actionsReviewDate", reviewDate));
    }

    private ResultActions answer(String pathwayId, String kind, String note, String dueDate) throws Exception {
        var body = json.createObjectNode().put("messageId", "msg-" + UUID.randomUUID()).put("pathwayId", pathwayId)
                .put("kind", kind).put("event", "made-actions");
        if (note != null) {
            body.put("note", note);
        }
        if (dueDate != null) {
            body.put("dueDate", dueDate);
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((localAuthority.id() + ":" + localAuthoritySecret)
                .getBytes(StandardCharsets.UTF_8));
        return mvc.perform(post("/api/partner-messages").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, basic).content(body.toString()));
    }

    private ResultActions postEvent(String pathwayId, String body) throws Exception {
        return mvc.perform(post("/api/pathways/" + pathwayId + "/discharge-events").contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
