package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.system.JdbcTimes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code inpatient-stay}'s event subprocess <i>Person moved</i> and what {@code inpatient-reviews} does with a move
 * (PATHWAY.md section 5b; issue 14, item 7; issue 13, item 2): a transfer to another ward, hospital or bed is kept and
 * shown everywhere, a move out of the home ICS starts an out-of-area placement and its weekly repatriation reviews and
 * tells the commissioner, a move back ends them and tells the commissioner, and a new ward type starts or stops the
 * reviews that depend on it. One test per path.
 */
class PersonMovedProcessTest extends ProcessTestCase {

    /** Deadlines are counted on the wards' calendar (mhpathway.policy.zone). */
    private static final ZoneId WARD_CALENDAR = ZoneId.of("Europe/London");

    @Autowired PathwayMessages messages;
    @Autowired WardTransfers transfers;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    @Test
    void aMoveWithinTheHomeIcsIsShownEverywhereAndTellsNoOne() {
        String id = admitted("adult-acute", false);
        later(Duration.ofHours(6));
        Instant movedAt = now().minus(Duration.ofHours(1));

        assertThat(move(id, movedAt, "Ward 3", "Kingsway Hospital", "12", null, false)).isTrue();
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientStay.KEY)).isActive().hasPassed(InpatientStay.START_PERSON_MOVED,
                        InpatientStay.SERVICE_RECORD_MOVE, InpatientStay.MESSAGE_REVIEWS_TOLD_OF_MOVE,
                        InpatientStay.GATEWAY_PLACEMENT_CHANGED, InpatientStay.END_MOVE_RECORDED)
                .hasNotPassed(InpatientStay.SERVICE_NOTIFY_COMMISSIONER_OF_MOVE_OUT_OF_AREA,
                        InpatientStay.SERVICE_NOTIFY_COMMISSIONER_OF_REPATRIATION);
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.ward()).isEqualTo("Ward 3");
        assertThat(record.hospital()).isEqualTo("Kingsway Hospital");
        assertThat(record.bed()).isEqualTo("12");
        assertThat(record.wardType()).isEqualTo("adult-acute");
        assertThat(record.outOfArea()).isFalse();
        assertThat(transfers.forPathway(id)).singleElement().satisfies(move -> {
            assertThat(move.transferredAt()).isEqualTo(movedAt);
            assertThat(move.fromWard()).isEqualTo("Ward 1");
            assertThat(move.fromHospital()).isEqualTo("Radbourne Unit");
            assertThat(move.toWard()).isEqualTo("Ward 3");
            assertThat(move.reason()).isEqualTo("Step down");
            assertThat(move.recordedThrough()).isEqualTo(WardTransfers.THROUGH_API);
        });
        // Tasklist shows the new ward on every task, whichever process holds it
        for (String process : List.of(InpatientPathway.KEY, InpatientStay.KEY, KeyStage1.KEY, InpatientReviews.KEY)) {
            String instance = instanceOf(id, process).getId();
            assertThat(runtime.getVariable(instance, PathwayVariables.WARD)).as(process).isEqualTo("Ward 3");
            assertThat(runtime.getVariable(instance, PathwayVariables.BED)).as(process).isEqualTo("12");
        }
        assertThat(openTasks(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION)).isNotEmpty();
        assertThat(notifications.forPathway(id)).extracting(n -> n.event())
                .doesNotContain("out-of-area-placement", "repatriated");
        assertThat(openEpisodes(id)).isZero();
        assertWaitingAt(instanceOf(id, InpatientReviews.KEY), InpatientReviews.MESSAGE_MOVED_OUT_OF_AREA);
    }

    /** PATHWAY.md section 2, Key Stage 1: a bed outside the home ICS is flagged, the commissioner told, repatriation reviewed. */
    @Test
    void aMoveOutOfAreaStartsAPlacementTellsTheCommissionerAndStartsWeeklyRepatriationReviews() {
        String id = admitted("adult-acute", false);
        completeKeyStage1(id);
        later(Duration.ofDays(2));
        Instant movedAt = now().minus(Duration.ofHours(2));

        assertThat(move(id, movedAt, "Oak Ward", "Priory Hospital Cheadle", null, null, true)).isTrue();
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientStay.KEY)).hasPassed(InpatientStay.SERVICE_NOTIFY_COMMISSIONER_OF_MOVE_OUT_OF_AREA,
                InpatientStay.GATEWAY_MOVE_NOTICES_RECORDED, InpatientStay.END_MOVE_RECORDED);
        assertThat(register.find(id).orElseThrow().outOfArea()).isTrue();
        assertThat(register.find(id).orElseThrow().bed()).as("the old bed is not theirs any more").isNull();
        assertThat(episodes(id)).singleElement().satisfies(e -> {
            assertThat(e.startedAt()).isEqualTo(movedAt);
            assertThat(e.ward()).isEqualTo("Oak Ward");
            assertThat(e.endedAt()).isNull();
        });
        assertThat(notices(id, "out-of-area-placement")).containsExactly("commissioner");

        ProcessInstance reviews = instanceOf(id, InpatientReviews.KEY);
        assertThat(reviews).hasPassed(InpatientReviews.MESSAGE_MOVED_OUT_OF_AREA,
                InpatientReviews.START_REPATRIATION_REVIEWS_STARTED);
        Instant due = timerDue(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE);
        assertThat(due).isEqualTo(now().atZone(WARD_CALENDAR).plus(Period.ofDays(7)).toInstant());
        later(Duration.ofDays(7));
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_REVIEW_REPATRIATION, reviews)).hasCandidateGroup("bed-management");
    }

    /** PATHWAY.md section 5b; issue 13, item 2: repatriation ends the out-of-area episode and tells the commissioner. */
    @Test
    void aMoveBackIntoTheHomeIcsEndsThePlacementTellsTheCommissionerAndStopsTheReviews() {
        String id = admitted("adult-acute", true);
        completeKeyStage1(id);
        later(Duration.ofDays(8));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REPATRIATION)).hasSize(1);
        Instant movedAt = now().minus(Duration.ofHours(3));

        assertThat(move(id, movedAt, "Ward 1", "Radbourne Unit", "4", null, false)).isTrue();
        fireDueTimers(id);

        ProcessInstance reviews = instanceOf(id, InpatientReviews.KEY);
        assertThat(reviews).hasPassed(InpatientReviews.BOUNDARY_RETURNED_TO_HOME_ICS)
                .hasNotPassed(InpatientReviews.SERVICE_RECORD_REPATRIATION);
        assertWaitingAt(reviews, InpatientReviews.MESSAGE_MOVED_OUT_OF_AREA);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REPATRIATION)).isEmpty();
        assertThat(jobAt(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE)).isNull();
        assertThat(instanceOf(id, InpatientStay.KEY)).hasPassed(InpatientStay.SERVICE_NOTIFY_COMMISSIONER_OF_REPATRIATION);
        assertThat(notices(id, "repatriated")).containsExactly("commissioner");
        assertThat(register.find(id).orElseThrow().outOfArea()).isFalse();
        assertThat(episodes(id)).singleElement().satisfies(e -> {
            assertThat(e.endedAt()).isEqualTo(movedAt);
            assertThat(e.endedReason()).isEqualTo(OutOfAreaPlacements.REPATRIATED);
        });
        // no review falls due any more
        later(Duration.ofDays(14));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REPATRIATION)).isEmpty();
    }

    @Test
    void aMoveFromOneBedOutOfAreaToAnotherKeepsThePlacementAndItsReviews() {
        String id = admitted("adult-acute", true);
        Instant admittedAt = now();
        ProcessInstance reviews = instanceOf(id, InpatientReviews.KEY);
        Instant due = timerDue(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE);
        later(Duration.ofDays(2));

        assertThat(move(id, now(), "Cedar Ward", "Cygnet Hospital Harrow", null, null, true)).isTrue();
        fireDueTimers(id);

        assertThat(episodes(id)).singleElement().satisfies(e -> {
            assertThat(e.startedAt()).isEqualTo(admittedAt);
            assertThat(e.endedAt()).isNull();
        });
        assertThat(notices(id, "out-of-area-placement")).as("the bed allocation's notice only").hasSize(1);
        assertThat(notices(id, "repatriated")).isEmpty();
        assertThat(timerDue(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE)).isEqualTo(due);
        assertThat(register.find(id).orElseThrow().hospital()).isEqualTo("Cygnet Hospital Harrow");
    }

    /** Each placement is an episode of its own, and each start and end is told (PATHWAY.md section 5b). */
    @Test
    void outOfAreaAgainAfterRepatriationIsASecondPlacementAndSecondNotices() {
        String id = admitted("adult-acute", false);
        later(Duration.ofDays(1));
        move(id, now(), "Oak Ward", "Priory Hospital Cheadle", null, null, true);
        later(Duration.ofDays(3));
        move(id, now(), "Ward 2", "Radbourne Unit", null, null, false);
        later(Duration.ofDays(3));
        move(id, now(), "Elm Ward", "Priory Hospital Cheadle", null, null, true);
        fireDueTimers(id);

        assertThat(episodes(id)).hasSize(2).satisfies(e -> {
            assertThat(e.get(0).endedAt()).isNotNull();
            assertThat(e.get(1).endedAt()).isNull();
        });
        assertThat(notices(id, "out-of-area-placement")).containsExactly("commissioner", "commissioner");
        assertThat(notices(id, "repatriated")).containsExactly("commissioner");
        assertThat(transfers.forPathway(id)).hasSize(3);
        assertWaitingAt(instanceOf(id, InpatientReviews.KEY), InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE);
    }

    /** A repatriation review that finds the person back in area records the move itself (Tasklist, bed management). */
    @Test
    void aRepatriationReviewThatFindsThePersonBackRecordsTheMoveAndTellsTheCommissioner() {
        String id = admitted("adult-acute", true);
        later(Duration.ofDays(7));
        fireDueTimers(id);

        complete(id, InpatientReviews.TASK_REVIEW_REPATRIATION, Map.of("repatriated", true,
                InpatientReviews.REPATRIATED_TO_WARD, "Ward 2", InpatientReviews.REPATRIATED_TO_HOSPITAL,
                "Radbourne Unit", InpatientReviews.REPATRIATED_TO_BED, "7", "repatriationPlan", "Bed found at home"));
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientReviews.KEY)).hasPassed(InpatientReviews.END_REPATRIATED,
                InpatientReviews.SERVICE_RECORD_REPATRIATION, InpatientReviews.SERVICE_NOTIFY_COMMISSIONER_OF_REPATRIATION);
        assertThat(notices(id, "repatriated")).containsExactly("commissioner");
        assertThat(episodes(id)).singleElement().satisfies(e -> assertThat(e.endedAt()).isEqualTo(now()));
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.ward()).isEqualTo("Ward 2");
        assertThat(record.bed()).isEqualTo("7");
        assertThat(record.outOfArea()).isFalse();
        assertThat(runtime.getVariable(instanceOf(id, InpatientStay.KEY).getId(), PathwayVariables.OUT_OF_AREA))
                .isEqualTo(false);

        // a later move out of area starts the reviews again
        later(Duration.ofDays(1));
        move(id, now(), "Oak Ward", "Priory Hospital Cheadle", null, null, true);
        assertWaitingAt(instanceOf(id, InpatientReviews.KEY), InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE);
    }

    /** Seed 004 (Milton Keynes): a progress review about 7 weeks from admission to the rehabilitation ward. */
    @Test
    void aMoveOntoARehabilitationWardSchedulesItsProgressReviewSevenWeeksOn() {
        String id = admitted("adult-acute", false);
        completeKeyStage1(id);
        later(Duration.ofDays(20));
        Instant movedAt = now();

        move(id, movedAt, "Cherrywood", "Cherrywood Unit", null, "rehabilitation", false);

        ProcessInstance reviews = instanceOf(id, InpatientReviews.KEY);
        assertThat(reviews).hasPassed(InpatientReviews.MESSAGE_WARD_TYPE_CHANGED,
                InpatientReviews.START_REHABILITATION_REVIEW_SCHEDULED);
        assertThat(timerDue(reviews, InpatientReviews.TIMER_REHABILITATION_REVIEW_DUE))
                .isEqualTo(movedAt.atZone(WARD_CALENDAR).plus(Period.ofWeeks(7)).toInstant());
        assertThat(register.find(id).orElseThrow().wardType()).isEqualTo("rehabilitation");
        assertThat(runtime.getVariable(reviews.getId(), PathwayVariables.WARD_TYPE_SINCE)).isEqualTo(movedAt.toString());
        later(Duration.ofDays(49));
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_REVIEW_REHABILITATION_PROGRESS, reviews)).hasCandidateGroup("ward-clinicians");
    }

    @Test
    void aMoveOffTheRehabilitationWardBeforeItsReviewStopsIt() {
        String id = admitted("rehabilitation", false);
        ProcessInstance reviews = instanceOf(id, InpatientReviews.KEY);
        assertThat(jobAt(reviews, InpatientReviews.TIMER_REHABILITATION_REVIEW_DUE)).isNotNull();
        later(Duration.ofDays(21));

        move(id, now(), "Ward 5", "Radbourne Unit", null, "adult-acute", false);

        assertThat(reviews).hasPassed(InpatientReviews.BOUNDARY_LEFT_REHABILITATION_WARD)
                .hasNotPassed(InpatientReviews.TASK_REVIEW_REHABILITATION_PROGRESS);
        assertThat(jobAt(reviews, InpatientReviews.TIMER_REHABILITATION_REVIEW_DUE)).isNull();
        assertWaitingAt(reviews, InpatientReviews.MESSAGE_WARD_TYPE_CHANGED);
        later(Duration.ofDays(30));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REHABILITATION_PROGRESS)).isEmpty();
    }

    /** PATHWAY.md section 2, Key Stage 2: the long-stay peer review comes after 60 days, 90 for older adults. */
    @Test
    void aMoveToAnOlderAdultsWardDatesTheLongStayPeerReviewNinetyDaysFromAdmission() {
        String id = admitted("adult-acute", false);
        Instant admittedAt = now();
        ProcessInstance reviews = instanceOf(id, InpatientReviews.KEY);
        assertThat(timerDue(reviews, InpatientReviews.TIMER_LONG_STAY_REACHED))
                .isEqualTo(admittedAt.atZone(WARD_CALENDAR).plus(Period.ofDays(60)).toInstant());
        later(Duration.ofDays(30));

        move(id, now(), "Beech Ward", "Radbourne Unit", null, "older-adult", false);

        assertThat(reviews).hasPassed(InpatientReviews.MESSAGE_WARD_TYPE_CHANGED_BEFORE_LONG_STAY);
        Instant ninetyDays = admittedAt.atZone(WARD_CALENDAR).plus(Period.ofDays(90)).toInstant();
        assertThat(timerDue(reviews, InpatientReviews.TIMER_LONG_STAY_REACHED)).isEqualTo(ninetyDays);
        later(Duration.ofDays(31));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW)).as("day 61").isEmpty();
    }

    @Test
    void noStayNoMove() {
        String referred = refer("adult-acute", false);
        assertThat(move(referred, now(), "Ward 3", "Radbourne Unit", null, null, false)).as("not admitted yet").isFalse();

        String id = admitted("adult-acute", false);
        completeKeyStage1(id);
        confirmClinicallyReady(id);
        dischargeWithSupportInPlace(id, "home");
        assertThat(move(id, now(), "Ward 3", "Radbourne Unit", null, null, false)).as("discharged").isFalse();
        assertThat(transfers.forPathway(id)).isEmpty();
        assertThat(register.find(id).orElseThrow().ward()).isEqualTo("Ward 1");
    }

    // ---- helpers ----

    private String admitted(String wardType, boolean outOfArea) {
        String id = refer(wardType, false);
        assessAndDecide(id, true);
        allocateBed(id, outOfArea);
        // the out-of-area notice at allocation runs before the stay starts
        fireDueTimers(id);
        return id;
    }

    private boolean move(String id, Instant at, String ward, String hospital, String bed, String wardType,
                         boolean outOfArea) {
        return messages.personMoved(id, at, ward, hospital, bed, wardType, outOfArea, "Step down");
    }

    private List<String> notices(String id, String event) {
        return notifications.forPathway(id).stream().filter(n -> n.event().equals(event)).map(n -> n.recipientRole())
                .toList();
    }

    private record Episode(String ward, Instant startedAt, Instant endedAt, String endedReason) {
    }

    private List<Episode> episodes(String id) {
        return jdbc.sql("select * from out_of_area_placement where pathway_id = ? order by started_at").param(id)
                .query((rs, row) -> new Episode(rs.getString("ward"), JdbcTimes.instant(rs, "started_at"),
                        JdbcTimes.instant(rs, "ended_at"), rs.getString("ended_reason"))).list();
    }

    private long openEpisodes(String id) {
        return episodes(id).stream().filter(e -> e.endedAt() == null).count();
    }

    private Job jobAt(ProcessInstance instance, String activityId) {
        return management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    }

    private Instant timerDue(ProcessInstance instance, String activityId) {
        Job timer = jobAt(instance, activityId);
        assertThat(timer).as("timer at %s", activityId).isNotNull();
        return timer.getDuedate().toInstant();
    }
}
