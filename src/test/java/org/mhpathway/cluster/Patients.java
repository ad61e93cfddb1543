package org.mhpathway.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;

/**
 * Moves test patients along the pathway over HTTP, as the bed manager and the ward do in Tasklist: the referral
 * through {@code POST /api/referrals}, each task through Camunda's REST API. NHS numbers are in the 999 range,
 * which is never issued to a real person, and are never printed.
 */
final class Patients {

    static final String ASSESS = "UserTask_AssessNeedsAndDecideAdmission";
    static final String ALLOCATE_BED = "UserTask_AllocateBed";
    static final String AGREE_PURPOSE = "UserTask_AgreePurposeOfAdmission";
    static final String FORMULATION = "UserTask_ReviewFormulationAndAgreeCarePlan";
    static final String DISCHARGE_PLANNING = "UserTask_BeginDischargePlanning";
    static final String PHYSICAL_HEALTH = "UserTask_CompletePhysicalHealthCheck";
    static final String RESPOND_TO_MISSED_DEADLINE = "UserTask_RespondToMissedDeadline";
    static final String GP_PRACTICE = "C81001";

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger SERIAL = new AtomicInteger(1000);

    private Patients() {
    }

    /** Refers a new person and answers the pathway id. */
    static String refer(NodeClient client) {
        JsonNode created = client.post("/api/referrals", Map.of("nhsNumber", nextNhsNumber(), "dateOfBirth", "1984-10-12",
                "learningDisabilityOrAutism", false, "ehcPlan", false, "wardType", "adult-acute",
                "homeIcs", ClusterIdentity.ICS, "gpPracticeCode", GP_PRACTICE, "referralSource", "crisis-team"))
                .expect(201).json();
        return created.get("pathwayId").asText();
    }

    static void assessAndAdmit(NodeClient client, String pathwayId) {
        complete(client, pathwayId, ASSESS, Map.of("presentingNeeds", "Psychotic relapse", "advanceChoicesReviewed", true,
                "risksIdentified", "Self-neglect", "admitted", true, "socialCareInvolved", false));
    }

    /** Allocates a local bed with the given admission time, from which the 72-hour Key Stage 1 deadline counts. */
    static void allocateBed(NodeClient client, String pathwayId, Instant admittedAt) {
        complete(client, pathwayId, ALLOCATE_BED, Map.of("ward", "Ward 34", "hospital", "Radbourne Unit",
                "admittedAt", iso(admittedAt), "outOfArea", false));
    }

    /** The four Key Stage 1 tasks, in the order a ward usually closes them. */
    static void completeKeyStage1(NodeClient client, String pathwayId) {
        Instant now = Instant.now();
        complete(client, pathwayId, AGREE_PURPOSE, Map.of("purposeOfAdmission", "Treat relapse",
                "purposeAgreedWithPerson", true));
        complete(client, pathwayId, FORMULATION, Map.of("formulationSummary", "Relapse after stopping medication",
                "carePlanSummary", "Restart medication", "carePlanCoProduced", true));
        complete(client, pathwayId, DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2027-01-20",
                "intendedDestination", "home", "housingNeed", false, "delayFactors", List.of()));
        complete(client, pathwayId, PHYSICAL_HEALTH, Map.of("physicalHealthCheckAt", iso(now),
                "treatmentCommencedAt", iso(now)));
    }

    /**
     * The rest of the pathway, as the ward and the community team would go through it: clinically ready, support
     * in place, 48 hours' notice (given 49 hours ago, so the wait is over), discharge, follow-up and GP summary.
     */
    static void dischargeAndFollowUp(NodeClient client, String pathwayId) {
        Instant now = Instant.now();
        Instant noticeGivenAt = now.minus(Duration.ofHours(49));
        complete(client, pathwayId, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of(
                "crfdAt", iso(noticeGivenAt.minus(Duration.ofHours(1))), "crfdRationale", "Well for two weeks"));
        complete(client, pathwayId, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        complete(client, pathwayId, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT weekly",
                "estimatedDischargeDate", "2027-01-20", "eddChangeReason", "Date agreed with the community team"));
        complete(client, pathwayId, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of(
                "dischargeNoticeGivenAt", iso(noticeGivenAt), "plannedDischargeAt", iso(now.minus(Duration.ofHours(1))),
                "noticeGivenTo", List.of("person", "community-mh-team", "gp")));
        complete(client, pathwayId, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(now.plus(Duration.ofHours(24))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
        complete(client, pathwayId, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(now),
                "dischargeDestination", "home"));
        complete(client, pathwayId, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP, Map.of(
                "followUpCompletedAt", iso(now), "followUpContactType", "face-to-face", "followUpOutcome", "Well at home",
                "additionalSupportNeeded", false));
        complete(client, pathwayId, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY, Map.of("gpSummarySentAt", iso(now)));
        await(pathwayId + " completed").atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                "completed".equals(client.get("/api/pathways/" + pathwayId).expect(200).json().path("stage").asText()));
    }

    /** The open task of that kind, waiting for it as a clinician waits for it in Tasklist. */
    /** How many times a clinician submits a form that met another change before giving up. */
    private static final int SUBMISSIONS = 5;

    static JsonNode awaitTask(NodeClient client, String pathwayId, String taskKey) {
        return await(taskKey + " of " + pathwayId).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> openTask(client, pathwayId, taskKey), t -> t != null);
    }

    static JsonNode openTask(NodeClient client, String pathwayId, String taskKey) {
        JsonNode found = client.get("/engine-rest/task?processInstanceBusinessKey=" + NodeClient.q(pathwayId)
                + "&taskDefinitionKey=" + taskKey).expect(200).json();
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Completes the open task of that kind with its form's values. A 409 (the pathway changed at the same moment,
     * typically a job of it on the other node) saved nothing: the clinician submits again, as Tasklist's message asks,
     * a few times at most.
     */
    static void complete(NodeClient client, String pathwayId, String taskKey, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, v) -> variables.put(name, v instanceof List<?> list
                ? Map.of("value", write(list), "type", "Json")
                : Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : "String")));
        for (int attempt = 1; ; attempt++) {
            JsonNode task = awaitTask(client, pathwayId, taskKey);
            NodeClient.Answer answer = client.post("/engine-rest/task/" + task.get("id").asText() + "/complete",
                    Map.of("variables", variables));
            if (answer.status() != 409 || attempt == SUBMISSIONS) {
                answer.expect(204);
                return;
            }
        }
    }

    private static String write(Object value) {
        try {
            return NodeClient.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String iso(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    /** The next NHS number of the 999 range with a valid Modulus 11 check digit. */
    static String nextNhsNumber() {
        while (true) {
            String first9 = "999" + String.format("%06d", SERIAL.getAndIncrement() % 1_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (first9.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return first9 + check;
            }
        }
    }
}
