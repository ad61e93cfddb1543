package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.PostgresTestDatabase;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16, item 4: the pathway view and the lists read consistently while the processes behind them move. As in
 * production: PostgreSQL, the job executor running (called processes start and end on its threads), everything over
 * HTTP. Several users walk pathways from referral to completed follow-up at once while others keep reading every one
 * of them; every read is a 200 whose parts agree with each other (each open task and timer belongs to an instance
 * the same answer lists). No sleeping and no timing: the readers read until the walkers are done, however long that
 * takes, and the waits are for what a user would wait for (the next task).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=postgres",
        "camunda.bpm.job-execution.wait-time-in-millis=50",
        "camunda.bpm.job-execution.max-wait=200",
        "DB_POOL_SIZE=24",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class PathwayReadsWhileMovingTest {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int WALKERS = 4;
    private static final int PATHWAYS_PER_WALKER = 2;
    private static final int READERS = 3;
    private static final Set<String> STAGES = Stream.of(Stage.values()).map(Stage::code).collect(Collectors.toSet());

    @LocalServerPort int port;
    @Autowired ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.create();
        registry.add("DB_URL", DATABASE::url);
        registry.add("DB_USER", PostgresTestDatabase::user);
        registry.add("DB_PASSWORD", PostgresTestDatabase::password);
    }

    @AfterAll
    static void dropDatabase(@Autowired ProcessEngine engine) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().shutdown();
        DATABASE.drop();
    }

    @Test
    void everyReadIsWholeAndConsistentWhileManyPathwaysMoveAtOnce() throws Exception {
        List<String> pathways = new ArrayList<>();
        for (int i = 0; i < WALKERS * PATHWAYS_PER_WALKER; i++) {
            pathways.add(refer(i));
        }
        AtomicBoolean walking = new AtomicBoolean(true);
        CountDownLatch everyoneReadOnce = new CountDownLatch(READERS);
        Queue<String> faults = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(WALKERS + READERS);
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(threads.submit(() -> {
                boolean first = true;
                do {
                    for (String id : pathways) {
                        read(id, faults);
                        reads.incrementAndGet();
                    }
                    readList("/api/delayed-discharges", faults);
                    reads.incrementAndGet();
                    if (first) {
                        everyoneReadOnce.countDown();
                        first = false;
                    }
                } while (walking.get());
                return null;
            }));
        }
        // the readers are reading before anyone moves
        assertThat(everyoneReadOnce.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<Future<?>> walkers = new ArrayList<>();
        for (int w = 0; w < WALKERS; w++) {
            List<String> mine = pathways.subList(w * PATHWAYS_PER_WALKER, (w + 1) * PATHWAYS_PER_WALKER);
            walkers.add(threads.submit(() -> {
                for (String id : mine) {
                    walkToCompletedFollowUp(id);
                }
                return null;
            }));
        }
        try {
            for (Future<?> walker : walkers) {
                walker.get();
            }
        } finally {
            walking.set(false);
            for (Future<?> reader : readers) {
                reader.get();
            }
            threads.shutdown();
        }

        System.out.printf("pathway reads while moving: %d pathways walked by %d users, %d reads by %d readers, %d faults%n",
                pathways.size(), WALKERS, reads.get(), READERS, faults.size());
        assertThat(faults).as("reads that failed or did not agree with themselves").isEmpty();
        for (String id : pathways) {
            assertThat(view(id).get("stage").asText()).isEqualTo(Stage.COMPLETED.code());
        }
    }

    /** The walk of a patient who is admitted, discharged home and followed up, every step as Tasklist submits it. */
    private void walkToCompletedFollowUp(String id) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        submit(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.of("presentingNeeds", "Mania",
                "advanceChoicesReviewed", true, "risksIdentified", "Self-neglect", "admitted", true,
                "socialCareInvolved", false));
        submit(id, InpatientPathway.TASK_ALLOCATE_BED, Map.of("ward", "Ward 34", "hospital", "Radbourne Unit",
                "admittedAt", iso(now), "outOfArea", false));
        submit(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission", "Treat mania",
                "purposeAgreedWithPerson", true));
        submit(id, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary", "Relapse",
                "carePlanSummary", "Mood stabiliser", "carePlanCoProduced", true));
        submit(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-12-20",
                "intendedDestination", "home", "housingNeed", false));
        submit(id, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt", iso(now),
                "treatmentCommencedAt", iso(now)));
        submit(id, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of("crfdAt", iso(now),
                "crfdRationale", "Euthymic"));
        submit(id, PathwayProcesses.PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        submit(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT weekly",
                "estimatedDischargeDate", "2026-12-20", "eddChangeReason", "Date agreed with the community team"));
        // notice recorded as given 49 hours ago: the 48 hours' wait is already over, and the job executor ends it
        Instant noticeGivenAt = now.minus(Duration.ofHours(49));
        submit(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(noticeGivenAt),
                "plannedDischargeAt", iso(noticeGivenAt.plus(Duration.ofHours(48))),
                "noticeGivenTo", List.of("person", "community-mh-team", "gp")));
        submit(id, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(now.plus(Duration.ofHours(24))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
        submit(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(now),
                "dischargeDestination", "home"));
        submit(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP, Map.of("followUpCompletedAt", iso(now),
                "followUpContactType", "face-to-face", "followUpOutcome", "Well", "additionalSupportNeeded", false));
        submit(id, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY, Map.of("gpSummarySentAt", iso(now)));
        await().atMost(PATIENCE).until(() -> Stage.COMPLETED.code().equals(view(id).get("stage").asText()));
    }

    /** One read of the pathway view: a 200 whose open tasks and timers all belong to processes it knows. */
    private void read(String id, Queue<String> faults) {
        try {
            HttpResponse<String> answer = get("/api/pathways/" + id);
            if (answer.statusCode() != 200) {
                faults.add(id + ": " + answer.statusCode() + " " + answer.body());
                return;
            }
            JsonNode view = json.readTree(answer.body());
            if (!STAGES.contains(view.get("stage").asText())) {
                faults.add(id + ": stage " + view.get("stage"));
            }
            for (JsonNode task : view.get("openTasks")) {
                if (task.get("process").isNull() || task.get("candidateGroups").isEmpty()) {
                    faults.add(id + ": open task without its process or groups " + task);
                }
            }
            for (JsonNode timer : view.get("slaTimers")) {
                if (timer.get("process").isNull()) {
                    faults.add(id + ": timer without its process " + timer);
                }
            }
        } catch (Exception e) {
            faults.add(id + ": " + e);
        }
    }

    private void readList(String path, Queue<String> faults) {
        try {
            HttpResponse<String> answer = get(path);
            if (answer.statusCode() != 200) {
                faults.add(path + ": " + answer.statusCode() + " " + answer.body());
            }
        } catch (Exception e) {
            faults.add(path + ": " + e);
        }
    }

    private String refer(int i) throws Exception {
        HttpResponse<String> created = send("POST", "/api/referrals", json.writeValueAsString(Map.of(
                "nhsNumber", nhsNumber(i), "dateOfBirth", "1984-10-12", "learningDisabilityOrAutism", false,
                "wardType", "adult-acute", "homeIcs", "QJ2", "gpPracticeCode", "C81001",
                "referralSource", "emergency-department")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("pathwayId").asText();
    }

    private JsonNode view(String id) throws Exception {
        HttpResponse<String> answer = get("/api/pathways/" + id);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    /** Waits for the task, as a clinician waits for it in Tasklist, then submits its form. */
    private void submit(String id, String taskKey, Map<String, Object> values) throws Exception {
        String taskId = await().atMost(PATIENCE).until(() -> {
            JsonNode found = json.readTree(get("/engine-rest/task?processInstanceBusinessKey=" + id
                    + "&taskDefinitionKey=" + taskKey).body());
            return found.isEmpty() ? null : found.get(0).get("id").asText();
        }, t -> t != null);
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Map.Entry<String, Object> value : values.entrySet()) {
            // a checklist is sent as Tasklist sends it: a JSON array, typed Json
            variables.put(value.getKey(), value.getValue() instanceof List<?> list
                    ? Map.of("value", json.writeValueAsString(list), "type", "Json")
                    : Map.of("value", value.getValue(), "type", value.getValue() instanceof Boolean ? "Boolean" : "String"));
        }
        HttpResponse<String> answer = send("POST", "/engine-rest/task/" + taskId + "/submit-form",
                json.writeValueAsString(Map.of("variables", variables)));
        assertThat(answer.statusCode()).as(taskKey + ": " + answer.body()).isEqualTo(204);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTestUsers.basic(ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD))
                .header("Accept", "application/json")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static String iso(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    /** A valid NHS number in the 999 range never issued to a person, one per pathway of this test. */
    private static String nhsNumber(int i) {
        for (int n = 700 + i * 11; ; n++) {
            String nine = String.format("999%06d", n);
            int sum = 0;
            for (int d = 0; d < 9; d++) {
                sum += (nine.charAt(d) - '0') * (10 - d);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return nine + check;
            }
        }
    }
}
