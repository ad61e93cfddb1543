package org.mhpathway.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mhpathway.ApiTestUsers;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.PostgresTestDatabase;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One patient from referral to completed follow-up, as the service runs in production: PostgreSQL, the job
 * executor on, the pathway API for the referral and view, and the Camunda REST API Tasklist uses to submit
 * each form (typed values, lists as Spin JSON).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=postgres",
        "camunda.bpm.job-execution.wait-time-in-millis=100",
        "camunda.bpm.job-execution.max-wait=500",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class ReferralToFollowUpEndToEndTest {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired TestRestTemplate http;
    @Autowired ObjectMapper json;
    @Autowired ProcessEngine engine;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.create();
        registry.add("DB_URL", DATABASE::url);
        registry.add("DB_USER", PostgresTestDatabase::user);
        registry.add("DB_PASSWORD", PostgresTestDatabase::password);
    }

    /** Everything goes through the API and the Camunda REST API as a logged-in user of the pathway's ICS. */
    @BeforeEach
    void logIn() {
        http = http.withBasicAuth(ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @AfterAll
    static void dropDatabase(@Autowired ProcessEngine engine) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().shutdown();
        DATABASE.drop();
    }

    @Test
    void patientGoesFromReferralToCompletedFollowUp() throws Exception {
        Map<String, Object> referral = Map.of("nhsNumber", "9990000018", "dateOfBirth", "1984-10-12",
                "learningDisabilityOrAutism", false, "ehcPlan", false, "wardType", "adult-acute", "homeIcs", "QJ2",
                "gpPracticeCode", "C81001", "referralSource", "emergency-department");
        ResponseEntity<JsonNode> created = http.postForEntity("/api/referrals", referral, JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("pathwayId").asText();
        assertThat(created.getHeaders().getLocation()).hasPath("/api/pathways/" + id);

        submit(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.of("presentingNeeds", "Mania",
                "advanceChoicesReviewed", true, "risksIdentified", "Financial exploitation", "admitted", true,
                "socialCareInvolved", false));
        Instant admittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        submit(id, InpatientPathway.TASK_ALLOCATE_BED, Map.of("ward", "Ward 34", "hospital", "Radbourne Unit",
                "admittedAt", iso(admittedAt), "outOfArea", false));
        assertThat(view(id).get("stage").asText()).isEqualTo("key-stage-1");

        submit(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission", "Treat mania",
                "purposeAgreedWithPerson", true));
        submit(id, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary", "Relapse",
                "carePlanSummary", "Mood stabiliser", "carePlanCoProduced", true));
        submit(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-12-20",
                "intendedDestination", "home", "housingNeed", false, "delayFactors", List.of("social-care")));
        submit(id, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt", iso(Instant.now()),
                "treatmentCommencedAt", iso(Instant.now())));
        submit(id, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of("crfdAt", iso(Instant.now()),
                "crfdRationale", "Euthymic for two weeks"));
        submit(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        submit(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT weekly",
                "estimatedDischargeDate", "2026-12-20", "eddChangeReason", "Date agreed with the community team"));
        Instant noticeGivenAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        submit(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(noticeGivenAt),
                "plannedDischargeAt", iso(noticeGivenAt.plus(Duration.ofHours(48))),
                "noticeGivenTo", List.of("person", "community-mh-team", "gp")));
        submit(id, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(noticeGivenAt.plus(Duration.ofHours(60))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
        assertThat(openTask(id, HospitalDischarge.TASK_RECORD_DISCHARGE)).as("no discharge before 48 hours' notice").isNull();

        // PATHWAY.md section 2, Key Stage 3: discharge no sooner than 48 hours after notice
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(48))));
        Instant dischargedAt = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        submit(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(dischargedAt),
                "dischargeDestination", "home"));
        await().atMost(PATIENCE).until(() -> "follow-up".equals(view(id).get("stage").asText()));
        JsonNode followUpTimer = null;
        for (JsonNode timer : view(id).get("slaTimers")) {
            if (FollowUpAfterDischarge.TIMER_FOLLOW_UP_OVERDUE.equals(timer.get("activityId").asText())) {
                followUpTimer = timer;
            }
        }
        assertThat(followUpTimer).as("72-hour follow-up timer").isNotNull();
        assertThat(Instant.parse(followUpTimer.get("dueAt").asText())).isEqualTo(dischargedAt.plus(Duration.ofHours(72)));

        submit(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP, Map.of("followUpCompletedAt", iso(dischargedAt.plus(Duration.ofHours(26))),
                "followUpContactType", "face-to-face", "followUpOutcome", "Well at home", "additionalSupportNeeded", false));
        submit(id, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY, Map.of("gpSummarySentAt", iso(dischargedAt)));

        await().atMost(PATIENCE).until(() -> "completed".equals(view(id).get("stage").asText()));
        JsonNode done = view(id);
        assertThat(Instant.parse(done.at("/dates/admittedAt").asText())).isEqualTo(admittedAt);
        assertThat(Instant.parse(done.at("/dates/dischargedAt").asText())).isEqualTo(dischargedAt);
        assertThat(Instant.parse(done.at("/dates/followUpCompletedAt").asText())).isEqualTo(dischargedAt.plus(Duration.ofHours(26)));
        assertThat(done.at("/dates/estimatedDischargeDate").asText()).isEqualTo("2026-12-20");
        assertThat(done.get("openTasks")).isEmpty();
        assertThat(done.get("slaTimers")).isEmpty();
        assertThat(done.get("breaches")).isEmpty();
        assertThat(done.at("/delays/delayedDays").asInt()).as("never delayed").isZero();
        assertThat(done.at("/delays/periods")).isEmpty();
        // the discharge hub's lists run on PostgreSQL with every filter (PATHWAY.md section 3)
        ResponseEntity<JsonNode> delayed = http.getForEntity(
                "/api/delayed-discharges?ics=QJ2&ward=Ward 1&reason=housing&level=1", JsonNode.class);
        assertThat(delayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(delayed.getBody().findValuesAsText("pathwayId")).doesNotContain(id);
        ResponseEntity<JsonNode> withoutPlan = http.getForEntity("/api/delayed-discharges/without-discharge-plan?ics=QJ2",
                JsonNode.class);
        assertThat(withoutPlan.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(withoutPlan.getBody().findValuesAsText("pathwayId")).doesNotContain(id);
        assertThat(http.getForEntity("/api/delayed-discharges/without-discharge-plan", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(done.get("notifications").findValuesAsText("event")).containsExactlyInAnyOrder(
                "admitted", "admitted",
                "discharge-notice", "discharge-notice", "discharge-notice", "discharge-notice", "discharge-notice",
                "discharged", "discharged", "discharged",
                "gp-discharge-summary");
        String[] instances = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
                .list().stream().map(p -> p.getId()).toArray(String[]::new);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().variableName("noticeGivenTo")
                .processInstanceIdIn(instances).list()).extracting(v -> v.getTypeName()).contains("json");
    }

    private JsonNode view(String id) {
        return http.getForObject("/api/pathways/" + id, JsonNode.class);
    }

    private JsonNode openTask(String id, String taskKey) {
        JsonNode found = http.getForObject("/engine-rest/task?processInstanceBusinessKey={id}&taskDefinitionKey={key}",
                JsonNode.class, id, taskKey);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Waits for the task, as a clinician waits for it in Tasklist, then submits its form. */
    private void submit(String id, String taskKey, Map<String, Object> values) throws Exception {
        JsonNode task = await().atMost(PATIENCE).until(() -> openTask(id, taskKey), t -> t != null);
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            variables.put(e.getKey(), v instanceof List<?> list
                    ? Map.of("value", json.writeValueAsString(list), "type", "Json")
                    : Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : "String"));
        }
        ResponseEntity<String> response = http.postForEntity("/engine-rest/task/{taskId}/submit-form",
                Map.of("variables", variables), String.class, task.get("id").asText());
        assertThat(response.getStatusCode()).as(taskKey + ": " + response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private static String iso(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }
}
