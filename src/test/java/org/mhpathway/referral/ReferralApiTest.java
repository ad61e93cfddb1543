package org.mhpathway.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/referrals} and {@code GET /api/pathways/{id}}: what a referrer and an integrator see. */
class ReferralApiTest extends ProcessTestCase {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;

    private ObjectNode referral;

    @BeforeEach
    void validReferral() {
        referral = json.createObjectNode()
                .put("nhsNumber", newNhsNumber())
                .put("dateOfBirth", "1990-04-01")
                .put("learningDisabilityOrAutism", false)
                .put("ehcPlan", false)
                .put("wardType", "adult-acute")
                .put("homeIcs", "QT1")
                .put("gpPracticeCode", "C81001")
                .put("referralSource", "crisis-team");
    }

    private ResultActions postReferral(String body) throws Exception {
        return mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private String accepted(ObjectNode body) throws Exception {
        String response = postReferral(body.toString()).andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/pathways/MHP-")))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("pathwayId").asText();
    }

    /** Whose task it is: the referral's name (FHIR HumanName), shown by the view and on every Tasklist item. */
    @Test
    void theNameGivenAtReferralIsShownByTheViewAndCarriedForTasklist() throws Exception {
        referral.putObject("name").put("family", "O'Brien").putArray("given").add("Siân").add("Mary");
        String id = accepted(referral);

        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.name.given", contains("Siân", "Mary")))
                .andExpect(jsonPath("$.name.family").value("O'Brien"))
                .andExpect(jsonPath("$.placement.ward").isEmpty());
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
        assertThat(runtime.getVariable(instance, "patientName")).isEqualTo("Siân Mary O'Brien");
        assertThat(runtime.getVariable(instance, "nhsNumberDisplay")).asString().matches("\\d{3} \\d{3} \\d{4}");
    }

    @Test
    void aNameThatIsNotANameIsRefusedOnItsPartAndNothingIsRecorded() throws Exception {
        long before = register.countAll();
        referral.putObject("name").put("family", "x".repeat(101)).putArray("given").add("<script>").add(" ");
        postReferral(referral.toString()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name.given[0]", "name.given[1]",
                        "name.family")));
        assertThat(register.countAll()).isEqualTo(before);
    }

    @Test
    void acceptedReferralStartsAPathwayWaitingForAssessment() throws Exception {
        String id = accepted(referral);

        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.pathwayId").value(id))
                .andExpect(jsonPath("$.stage").value("assessment"))
                .andExpect(jsonPath("$.homeIcs").value("QT1"))
                .andExpect(jsonPath("$.dates.presentedAt").value(T0.toString()))
                .andExpect(jsonPath("$.dates.admittedAt").isEmpty())
                .andExpect(jsonPath("$.openTasks[0].taskKey").value(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION))
                .andExpect(jsonPath("$.openTasks[0].candidateGroups", contains("bed-management")))
                .andExpect(jsonPath("$.slaTimers").isEmpty())
                .andExpect(jsonPath("$.breaches").isEmpty());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(InpatientPathway.KEY).singleResult().getBusinessKey()).isEqualTo(id);
    }

    @Test
    void nhsNumberTypedWithSpacesIsAccepted() throws Exception {
        String digits = newNhsNumber();
        referral.put("nhsNumber", digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6));
        String id = accepted(referral);
        assertThat(register.find(id).orElseThrow().nhsNumber()).isEqualTo(digits);
    }

    /** The view shows running SLA timers with their due dates, then the breach once a deadline passes. */
    @Test
    void pathwayViewShowsRunningTimersAndMissedDeadlines() throws Exception {
        String id = accepted(referral);
        assessAndDecide(id, true);
        allocateBed(id, false);

        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("key-stage-1"))
                .andExpect(jsonPath("$.dates.admittedAt").value(now().toString()))
                .andExpect(jsonPath("$.slaTimers[?(@.activityId == 'BoundaryEvent_KeyStage1Overdue')].dueAt")
                        .value(now().plus(Duration.ofHours(72)).toString()))
                .andExpect(jsonPath("$.slaTimers[?(@.activityId == 'BoundaryEvent_KeyStage1Overdue')].name")
                        .value("Key Stage 1 overdue (72 hours after admission)"));

        later(Duration.ofHours(73));
        fireDueTimers(id);

        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.breaches[0].slaCode").value("key-stage-1"))
                .andExpect(jsonPath("$.breaches[0].responsibleGroup").value("ward-clinicians"))
                .andExpect(jsonPath("$.openTasks[*].name", org.hamcrest.Matchers.hasItem("Respond to missed deadline")))
                .andExpect(jsonPath("$.openTasks[*].description", org.hamcrest.Matchers.hasItem(
                        "Missed deadline: Key Stage 1 within 72 hours of admission")));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("nhsNumber", null),
                Arguments.of("nhsNumber", "123456789"),
                Arguments.of("nhsNumber", "94347659AB"),
                Arguments.of("nhsNumber", "9434765918"),
                Arguments.of("nhsNumber", "0000000000"),
                Arguments.of("nhsNumber", "1111111111"),
                Arguments.of("nhsNumber", "9990000101"),
                Arguments.of("dateOfBirth", null),
                Arguments.of("dateOfBirth", "01/04/1990"),
                Arguments.of("dateOfBirth", "2999-01-01"),
                Arguments.of("dateOfBirth", "1850-01-01"),
                Arguments.of("learningDisabilityOrAutism", null),
                Arguments.of("wardType", null),
                Arguments.of("wardType", "acute"),
                Arguments.of("homeIcs", "QXX"),
                Arguments.of("homeIcs", null),
                Arguments.of("gpPracticeCode", "81001"),
                Arguments.of("gpPracticeCode", null),
                Arguments.of("referralSource", "neighbour"),
                Arguments.of("presentedAt", "yesterday"),
                Arguments.of("presentedAt", "2999-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void badFieldIsNamedAndNothingIsRecorded(String field, String value) throws Exception {
        if (value == null) {
            referral.remove(field);
        } else {
            referral.put(field, value);
        }
        long pathways = register.countAll();
        long instances = runtime.createProcessInstanceQuery().count();

        postReferral(referral.toString()).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.type").value("urn:mh-pathway:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", contains(field)));

        assertThat(register.countAll()).isEqualTo(pathways);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
    }

    @Test
    void everyBadFieldIsNamedInOneAnswer() throws Exception {
        postReferral("{\"nhsNumber\":\"0000000000\",\"wardType\":\"ward 9\",\"homeIcs\":\"QT1\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("nhsNumber", "dateOfBirth",
                        "learningDisabilityOrAutism", "wardType", "gpPracticeCode", "referralSource")));
    }

    @Test
    void valueOfTheWrongTypeIsNamed() throws Exception {
        referral.put("learningDisabilityOrAutism", "perhaps");
        postReferral(referral.toString()).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("learningDisabilityOrAutism"));
    }

    @Test
    void malformedOrMissingBodyIsRefused() throws Exception {
        postReferral("{\"nhsNumber\": ").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void secondReferralWhilePathwayIsOpenConflictsAndChangesNothing() throws Exception {
        String first = accepted(referral);
        long pathways = register.countAll();

        referral.put("homeIcs", "QJ2");
        // the open pathway is not named, whoever asks (docs/security.md); it is in QT1, this referral is for QJ2
        postReferral(referral.toString()).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.pathwayId").doesNotExist())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString(first))))
                .andExpect(jsonPath("$.errors[0].field").value("nhsNumber"));

        assertThat(register.countAll()).isEqualTo(pathways);
        assertThat(register.find(first).orElseThrow().homeIcs()).isEqualTo("QT1");
        assertThat(openTasks(first, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION)).hasSize(1);
    }

    @Test
    void personCanBeReferredAgainOnceTheirPathwayHasClosed() throws Exception {
        String first = accepted(referral);
        assessAndDecide(first, false);
        mvc.perform(get("/api/pathways/" + first)).andExpect(jsonPath("$.stage").value("community-alternative"))
                .andExpect(jsonPath("$.dates.closedAt").value(now().toString()));

        String second = accepted(referral);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void unknownAddressAndWrongMethodAnswerAsProblems() throws Exception {
        mvc.perform(get("/api/no-such-thing")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/referrals")).andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unknownPathwayIsNotFound() throws Exception {
        mvc.perform(get("/api/pathways/MHP-0000-0000")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"));
    }
}
