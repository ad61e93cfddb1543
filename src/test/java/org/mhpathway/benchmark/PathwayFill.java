package org.mhpathway.benchmark;

import static org.mhpathway.benchmark.LoadUsers.BEDS;
import static org.mhpathway.benchmark.LoadUsers.CMHT;
import static org.mhpathway.benchmark.LoadUsers.HOUSING;
import static org.mhpathway.benchmark.LoadUsers.HUB;
import static org.mhpathway.benchmark.LoadUsers.MANAGERS;
import static org.mhpathway.benchmark.LoadUsers.WARD;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mhpathway.benchmark.PathwayPlan.Stage;
import org.mhpathway.cluster.NodeClient;
import org.mhpathway.cluster.ServiceNode;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;

/**
 * Builds pathways through the service's public API as their users would: the bed manager refers through
 * {@code POST /api/referrals}, and each task is found and completed through {@code /engine-rest} by a user of its
 * candidate group in the pathway's ICS, with the values its form submits. Nothing is written to the database
 * directly. Times are placed in the past where the pathway would have begun earlier (admission, clinical readiness,
 * notice of discharge), so the deadlines count from those dates.
 *
 * <p>The work goes in waves so that many client threads never wait on one another or on the job executor: wave 1
 * refers every pathway, wave 2 takes each one step further, and so on. Between waves the job executor catches up
 * with the asynchronous steps (partner notices), so the task a step needs is normally there when its wave comes;
 * when it is not, the step waits for it.
 */
final class PathwayFill {

    /** One pathway built: its plan and the pathway id the service gave it. */
    record Built(PathwayPlan plan, String pathwayId) {
    }

    /** What one fill did and how long it took. */
    record Figures(int pathways, int steps, int completions, long httpCalls, Duration took, String medians) {
        double pathwaysPerSecond() {
            return pathways / Math.max(0.001, took.toMillis() / 1000.0);
        }

        double completionsPerSecond() {
            return completions / Math.max(0.001, took.toMillis() / 1000.0);
        }
    }

    /** One step: the tasks of one group, completed with their form's values; no task means the referral itself. */
    private record Step(String group, Map<String, Map<String, Object>> tasks) {
    }

    private static final String GP_PRACTICE = "C81001";
    private static final Duration TASK_PATIENCE = Duration.ofMinutes(20);
    private static final int RETRIES = 5;

    /**
     * The housing authority each ICS's people choose for the duty to refer: the first of the ICS in the demo profile's
     * directory, which the run loads when its partners are on.
     */
    private static final Map<String, String> HOUSING_AUTHORITY = Map.of("QJ2", "qj2-housing-options-derby",
            "QT1", "qt1-housing-options-nottingham", "QHG", "qhg-housing-options-bedford");

    private final LoadUsers users;
    private final ServiceNode node;
    private final int clients;
    private final long seed;
    private final NhsNumbers nhsNumbers;
    private final boolean partners;
    private final List<Built> built = new ArrayList<>();
    private final AtomicLong httpCalls = new AtomicLong();
    private final AtomicInteger completions = new AtomicInteger();
    private final Map<String, Timings> completionTimes = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param partners whether the partner directory is loaded: without it no housing authority can be referred to */
    PathwayFill(LoadUsers users, ServiceNode node, int clients, long seed, NhsNumbers nhsNumbers, boolean partners) {
        this.partners = partners;
        this.users = users;
        this.node = node;
        this.clients = clients;
        this.seed = seed;
        this.nhsNumbers = nhsNumbers;
    }

    List<Built> built() {
        return List.copyOf(built);
    }

    /** Builds the next {@code count} pathways of the plan sequence. */
    Figures build(int count) throws Exception {
        Instant began = Instant.now();
        long callsBefore = httpCalls.get();
        int completionsBefore = completions.get();
        int from = built.size();
        List<PathwayPlan> plans = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            plans.add(PathwayPlan.of(i, seed));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int steps = 0;
        try {
            List<Future<String>> referred = new ArrayList<>();
            for (PathwayPlan plan : plans) {
                referred.add(pool.submit(() -> refer(plan)));
            }
            List<Built> batch = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                batch.add(new Built(plans.get(i), referred.get(i).get()));
            }
            steps += batch.size();
            Map<Built, List<Step>> remaining = new LinkedHashMap<>();
            for (Built b : batch) {
                remaining.put(b, steps(b.plan()));
            }
            for (int wave = 0; ; wave++) {
                List<Future<?>> done = new ArrayList<>();
                for (Map.Entry<Built, List<Step>> e : remaining.entrySet()) {
                    if (wave < e.getValue().size()) {
                        Step step = e.getValue().get(wave);
                        Built b = e.getKey();
                        done.add(pool.submit(() -> {
                            perform(b, step);
                            return null;
                        }));
                    }
                }
                if (done.isEmpty()) {
                    break;
                }
                for (Future<?> f : done) {
                    f.get();
                }
                steps += done.size();
            }
            built.addAll(batch);
        } finally {
            pool.shutdownNow();
        }
        return new Figures(count, steps, completions.get() - completionsBefore, httpCalls.get() - callsBefore,
                Duration.between(began, Instant.now()), completionMedians());
    }

    /** Refers the person into their ICS as its bed manager; answers the pathway id. */
    private String refer(PathwayPlan p) {
        Instant now = Instant.now();
        Map<String, Object> referral = new HashMap<>();
        referral.put("nhsNumber", nhsNumbers.next());
        referral.put("dateOfBirth", p.dateOfBirth().toString());
        referral.put("learningDisabilityOrAutism", p.learningDisabilityOrAutism());
        referral.put("ehcPlan", p.ehcPlan());
        referral.put("wardType", p.wardType());
        referral.put("homeIcs", p.ics());
        referral.put("gpPracticeCode", GP_PRACTICE);
        referral.put("referralSource", "crisis-team");
        referral.put("presentedAt", iso(p.admitted() ? now.minus(p.admittedAgo()).minus(Duration.ofHours(2))
                : now.minus(Duration.ofMinutes(30))));
        long began = System.nanoTime();
        JsonNode created = call(() -> users.as(node, p.ics(), BEDS).post("/api/referrals", referral)).expect(201).json();
        completionTimes.computeIfAbsent("POST /api/referrals", k -> new Timings()).add(System.nanoTime() - began);
        return created.get("pathwayId").asText();
    }

    /** Refers a person as one of the throughput test's clients would; answers the pathway id. */
    String referForThroughput(NodeClient bedManager, String ics) {
        Map<String, Object> referral = Map.of("nhsNumber", nhsNumbers.next(), "dateOfBirth", "1984-10-12",
                "learningDisabilityOrAutism", false, "ehcPlan", false, "wardType", "adult-acute", "homeIcs", ics,
                "gpPracticeCode", GP_PRACTICE, "referralSource", "crisis-team");
        return call(() -> bedManager.post("/api/referrals", referral)).expect(201).json().get("pathwayId").asText();
    }

    /** The crisis team arranges a community alternative: the pathway closes, as after most crisis assessments. */
    void closeAsCommunityAlternative(String ics, String pathwayId) {
        perform(ics, pathwayId, new Step(BEDS, Map.of(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.of(
                "presentingNeeds", "Low mood after a bereavement", "advanceChoicesReviewed", true,
                "risksIdentified", "None immediate", "admitted", false,
                "communityAlternative", "crisis-resolution-home-treatment"))));
    }

    /** What each stage needs after the referral, step by step, with the values each form submits. */
    private List<Step> steps(PathwayPlan p) {
        List<Step> steps = new ArrayList<>();
        if (!p.admitted()) {
            return steps;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant admittedAt = now.minus(p.admittedAgo());
        if (p.learningDisabilityOrAutism()) {
            steps.add(new Step(MANAGERS, Map.of(InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR, p.cetrHeldBeforeAdmission()
                    ? values("cetrHeldBeforeAdmission", true, "cetrHeldAt", iso(admittedAt.minus(Duration.ofDays(2))),
                            "cetrRecommendations", "Admission agreed; reasonable adjustments listed")
                    : values("cetrHeldBeforeAdmission", false, "cetrNotHeldReason", "Admitted out of hours"))));
        }
        steps.add(new Step(BEDS, Map.of(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, values(
                "presentingNeeds", "Psychotic relapse with risk to self", "advanceChoicesReviewed", true,
                "risksIdentified", "Self-neglect; not eating", "admitted", true,
                "socialCareInvolved", p.socialCareInvolved()))));
        steps.add(new Step(BEDS, Map.of(InpatientPathway.TASK_ALLOCATE_BED, p.outOfArea()
                ? values("ward", p.ward(), "hospital", "Independent hospital, out of area", "admittedAt", iso(admittedAt),
                        "outOfArea", true, "outOfAreaReason", "No bed of this kind in area")
                : values("ward", p.ward(), "hospital", p.ics() + " mental health unit",
                        "admittedAt", iso(admittedAt), "outOfArea", false))));
        boolean housingNeed = p.stage() == Stage.HOUSING_ESCALATION;
        Map<String, Map<String, Object>> keyStage1 = new LinkedHashMap<>();
        keyStage1.put(KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, values("purposeOfAdmission",
                "Treatment of acute relapse", "purposeAgreedWithPerson", true));
        keyStage1.put(KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, values("formulationSummary",
                "Relapse after stopping medication", "carePlanSummary", "Medication review, OT, family work",
                "carePlanCoProduced", true));
        keyStage1.put(KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, values(
                "physicalHealthCheckAt", iso(admittedAt.plus(Duration.ofHours(2))),
                "treatmentCommencedAt", iso(admittedAt.plus(Duration.ofHours(3)))));
        keyStage1.put(KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, housingNeed
                ? values("estimatedDischargeDate", now.plus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                        "intendedDestination", "temporary-accommodation", "housingNeed", true,
                        "housingNeedDetails", "Tenancy lost during admission", "delayFactors", List.of("housing"))
                : values("estimatedDischargeDate", now.plus(Duration.ofDays(28)).atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                        "intendedDestination", "home", "housingNeed", false, "delayFactors", List.of()));
        if (p.stage() == Stage.KEY_STAGE_1) {
            Map<String, Map<String, Object>> done = new LinkedHashMap<>();
            keyStage1.entrySet().stream().limit(p.keyStage1TasksDone()).forEach(e -> done.put(e.getKey(), e.getValue()));
            if (!done.isEmpty()) {
                steps.add(new Step(WARD, done));
            }
            return steps;
        }
        steps.add(new Step(WARD, keyStage1));
        switch (p.stage()) {
            case HOUSING_ESCALATION -> housing(p, steps);
            case DELAYED_DISCHARGE -> {
                steps.add(new Step(WARD, Map.of(InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, values(
                        "crfdAt", iso(now.minus(Duration.ofMinutes(30))), "crfdRationale", "Mental state settled"))));
                steps.add(new Step(HUB, Map.of(PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, values(
                        "dischargePossible", false, "delayReason", p.delayReason(), "delayAttribution", p.delayAttribution(),
                        "responsibleLocalAuthority", p.ics() + " local authority",
                        "delayNotes", "Waiting for " + p.delayReason()))));
            }
            case AWAITING_FOLLOW_UP -> discharge(now, steps);
            default -> {
            }
        }
        return steps;
    }

    private void housing(PathwayPlan p, List<Step> steps) {
        if (p.housingSteps() == 0) {
            return;
        }
        boolean duty = p.housingSteps() >= 2;
        steps.add(new Step(HOUSING, Map.of(HousingEscalation.TASK_ASSESS_HOUSING_NEED, values(
                "housingNeedType", duty ? "homeless-within-56-days" : "unsuitable-home",
                "housingNeedNotes", duty ? "Tenancy ends in three weeks" : "Home needs adaptations"))));
        if (p.housingSteps() == 3) {
            steps.add(new Step(HOUSING, Map.of(HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, partners
                    ? values("referralConsent", "yes", "contactDetailsConsent", "yes",
                            HousingEscalation.HOUSING_AUTHORITY, HOUSING_AUTHORITY.get(p.ics()),
                            "referralReason", "Tenancy ends in three weeks; no home to return to",
                            "contactArrangements", "Through the ward until discharge",
                            "localConnection", "Lived in the area for ten years",
                            "riskSummary", "No known risk to others")
                    : values("referralConsent", "yes", "contactDetailsConsent", "no",
                            "referralNotSentReason", "No housing authority in the directory"))));
        }
    }

    /** Clinically ready, support in place, 48 hours' notice given 49 hours ago, discharged within the last hour. */
    private static void discharge(Instant now, List<Step> steps) {
        Instant noticeGivenAt = now.minus(Duration.ofHours(49));
        steps.add(new Step(WARD, Map.of(InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, values(
                "crfdAt", iso(noticeGivenAt.minus(Duration.ofHours(2))), "crfdRationale", "Well for two weeks"))));
        steps.add(new Step(HUB, Map.of(PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, values(
                "dischargePossible", true))));
        steps.add(new Step(WARD, Map.of(HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, values(
                "dischargePlan", "CMHT weekly; GP review in two weeks",
                "estimatedDischargeDate", now.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                "eddChangeReason", "Plan agreed at the discharge meeting"))));
        steps.add(new Step(WARD, Map.of(HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, values(
                "dischargeNoticeGivenAt", iso(noticeGivenAt), "plannedDischargeAt", iso(now.minus(Duration.ofMinutes(30))),
                "noticeGivenTo", List.of("person", "community-mh-team", "gp")))));
        steps.add(new Step(WARD, Map.of(HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, values(
                "riskAssessmentUpdated", true, "followUpMeetingAt", iso(now.plus(Duration.ofHours(24))),
                "followUpLocation", "Home", "followUpWith", "Care coordinator", "crisisContactsGiven", true))));
        steps.add(new Step(WARD, Map.of(HospitalDischarge.TASK_RECORD_DISCHARGE, values(
                "dischargedAt", iso(now.minus(Duration.ofMinutes(20))), "dischargeDestination", "home"))));
    }

    private void perform(Built b, Step step) {
        perform(b.plan().ics(), b.pathwayId(), step);
    }

    /**
     * Finds the step's tasks among the pathway's open tasks as the group's user sees them (one query for all of them),
     * waiting while an asynchronous step has not made them yet, and completes each. A completion that loses a race
     * with the job executor on the same instance (optimistic locking) is tried again, as Tasklist's user would.
     */
    private void perform(String ics, String pathwayId, Step step) {
        NodeClient user = users.as(node, ics, step.group());
        Map<String, String> open = awaitTasks(user, pathwayId, step.tasks().keySet());
        for (Map.Entry<String, Map<String, Object>> task : step.tasks().entrySet()) {
            String taskId = open.get(task.getKey());
            for (int attempt = 1; ; attempt++) {
                long began = System.nanoTime();
                String id = taskId;
                NodeClient.Answer answer = call(() -> user.post("/engine-rest/task/" + id + "/complete",
                        Map.of("variables", typed(task.getValue()))));
                if (answer.status() == 204) {
                    completionTimes.computeIfAbsent(task.getKey(), k -> new Timings()).add(System.nanoTime() - began);
                    completions.incrementAndGet();
                    break;
                }
                // 409: met a job of the same pathway, nothing saved; 404: the task moved on while the job ran
                if (attempt < RETRIES && (answer.status() == 409 || answer.status() == 404)) {
                    pause(200L * attempt);
                    taskId = awaitTasks(user, pathwayId, java.util.Set.of(task.getKey())).get(task.getKey());
                    continue;
                }
                throw new AssertionError("completing " + task.getKey() + " of " + pathwayId + ": HTTP "
                        + answer.status() + " " + answer.body());
            }
        }
    }

    /** The ids of the pathway's open tasks of the given keys, once all of them are there. */
    private Map<String, String> awaitTasks(NodeClient user, String pathwayId, java.util.Set<String> taskKeys) {
        Instant giveUp = Instant.now().plus(TASK_PATIENCE);
        long wait = 50;
        String query = "/engine-rest/task?processInstanceBusinessKey=" + NodeClient.q(pathwayId)
                + "&taskDefinitionKeyIn=" + String.join(",", taskKeys);
        while (true) {
            JsonNode found = call(() -> user.get(query)).expect(200).json();
            Map<String, String> open = new HashMap<>();
            found.forEach(t -> open.putIfAbsent(t.get("taskDefinitionKey").asText(), t.get("id").asText()));
            if (open.keySet().containsAll(taskKeys)) {
                return open;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("tasks " + taskKeys + " of " + pathwayId + " not all open after " + TASK_PATIENCE
                        + ": " + open.keySet());
            }
            pause(wait);
            wait = Math.min(2000, wait * 2);
        }
    }

    /** Median time of each kind of task completion so far, slowest first: where the fill's time goes. */
    String completionMedians() {
        return completionTimes.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().percentile(50), a.getValue().percentile(50)))
                .map(e -> e.getKey().replace("UserTask_", "") + " " + NationalLoadReport.ms(e.getValue().percentile(50))
                        + " ms (" + e.getValue().count() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private NodeClient.Answer call(java.util.function.Supplier<NodeClient.Answer> request) {
        httpCalls.incrementAndGet();
        return request.get();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    /** Camunda REST's typed values, as Tasklist submits a Camunda Form: lists as JSON, the rest as they are. */
    private static Map<String, Object> typed(Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, v) -> variables.put(name, v instanceof List<?> list
                ? Map.of("value", json(list), "type", "Json")
                : Map.of("value", v, "type", v instanceof Boolean ? "Boolean" : "String")));
        return variables;
    }

    private static String json(Object value) {
        try {
            return NodeClient.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String iso(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** NHS numbers of the 999 range, which is never issued to a real person, each with a valid Modulus 11 check digit. */
    static final class NhsNumbers {
        private final AtomicInteger serial = new AtomicInteger();

        String next() {
            while (true) {
                String first9 = "999" + String.format("%06d", serial.getAndIncrement() % 1_000_000);
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
}
