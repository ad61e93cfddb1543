package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mhpathway.pathway.PathwayVariables.ADMITTED_AT;
import static org.mhpathway.pathway.PathwayVariables.BREACH_RESPONSE;
import static org.mhpathway.pathway.PathwayVariables.CETR_HELD_BEFORE_ADMISSION;
import static org.mhpathway.pathway.PathwayVariables.DATE_OF_BIRTH;
import static org.mhpathway.pathway.PathwayVariables.EHC_PLAN;
import static org.mhpathway.pathway.PathwayVariables.ESTIMATED_DISCHARGE_DATE;
import static org.mhpathway.pathway.PathwayVariables.HOME_ICS;
import static org.mhpathway.pathway.PathwayVariables.LEARNING_DISABILITY_OR_AUTISM;
import static org.mhpathway.pathway.PathwayVariables.OUT_OF_AREA;
import static org.mhpathway.pathway.PathwayVariables.READMISSION;
import static org.mhpathway.pathway.PathwayVariables.REPATRIATED;
import static org.mhpathway.pathway.PathwayVariables.WARD_TYPE;
import static org.mhpathway.pathway.PathwayVariables.WARD_TYPE_SINCE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.pathway.PathwayRegister.Milestones;
import org.mhpathway.sla.SlaBreaches.SlaBreach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code inpatient-reviews}: the repeating and one-off reviews of Key Stage 2 (PATHWAY.md section 2), one test per
 * path. The branches loop until discharge ends the stay, so the model never ends on its own: the tests assert where
 * it waits, what it has passed, the tasks people see and when the next review falls due.
 */
class InpatientReviewsProcessTest extends ProcessTestCase {

    @Autowired WardTransfers transfers;

    /** Deadlines are counted on the wards' calendar (mhpathway.policy.zone), so "28 days" spans the clock change. */
    private static final ZoneId WARD_CALENDAR = ZoneId.of("Europe/London");

    /** The person arrived three hours before the bed was recorded and the reviews began. */
    private static final Instant ADMITTED = T0.minus(Duration.ofHours(3));

    private static final Duration ONE_HOUR = Duration.ofHours(1);

    // ---- the standing reviews: every stay ----

    @Test
    void adultPlacedInAreaWithoutLearningDisabilityHasOnlyTheStandingReviews() {
        ProcessInstance reviews = startReviews(Map.of());

        assertThat(reviews).isActive()
                .hasPassed(InpatientReviews.START_REVIEWS_STARTED, InpatientReviews.END_NO_OVERSIGHT_VISITS_DUE,
                        InpatientReviews.END_NO_CETR_DUE, InpatientReviews.GATEWAY_REHABILITATION_WARD,
                        InpatientReviews.GATEWAY_PLACED_OUT_OF_AREA, InpatientReviews.END_NOT_READMISSION)
                .hasNotPassed(InpatientReviews.TIMER_OVERSIGHT_VISIT_DUE, InpatientReviews.GATEWAY_CETR_HELD_BEFORE_ADMISSION,
                        InpatientReviews.TIMER_REHABILITATION_REVIEW_DUE, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE,
                        InpatientReviews.TASK_REVIEW_READMISSION);
        // the long stay waits for its timer or a new ward type; not on a rehabilitation ward, not out of area: those
        // branches wait for a move that would start them
        assertThat(reviews).isWaitingAtExactly(InpatientReviews.TIMER_RED_TO_GREEN_REVIEW_DUE,
                InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE, InpatientReviews.GATEWAY_AWAIT_LONG_STAY,
                InpatientReviews.MESSAGE_WARD_TYPE_CHANGED, InpatientReviews.MESSAGE_MOVED_OUT_OF_AREA);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reviews.getBusinessKey()).count()).isZero();
    }

    /** PATHWAY.md section 2, Key Stage 2: daily review (Red-to-Green day). */
    @Test
    void redToGreenDayIsRecordedEveryDay() {
        ProcessInstance reviews = startReviews(Map.of());
        String id = reviews.getBusinessKey();
        Instant firstDue = timerDue(reviews, InpatientReviews.TIMER_RED_TO_GREEN_REVIEW_DUE);
        assertThat(firstDue).isEqualTo(onWardCalendar(T0, Period.ofDays(1)));

        moveTo(firstDue.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY)).isEmpty();

        moveTo(firstDue);
        fireDueTimers(id);
        assertWaitingAt(reviews, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY);
        assertThat(task(InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY, reviews)).hasCandidateGroup("ward-clinicians");

        later(Duration.ofHours(2));
        complete(id, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY, Map.of("dayColour", "red",
                "dayReason", "Waiting for the housing assessment"));

        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY)).isEmpty();
        Instant secondDue = timerDue(reviews, InpatientReviews.TIMER_RED_TO_GREEN_REVIEW_DUE);
        assertThat(secondDue).isEqualTo(onWardCalendar(now(), Period.ofDays(1)));
        moveTo(secondDue.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY)).isEmpty();
        moveTo(secondDue);
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY)).hasSize(1);
    }

    /** PATHWAY.md section 2, Key Stage 2: delay factors reviewed every 2 to 3 days; the EDD is reviewed with them. */
    @Test
    void delayFactorsAreReviewedEveryThreeDaysAndTheRevisedDischargeDateIsRecorded() {
        ProcessInstance reviews = startReviews(Map.of());
        String id = reviews.getBusinessKey();
        Instant due = timerDue(reviews, InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE);
        assertThat(due).isEqualTo(onWardCalendar(T0, Period.ofDays(3)));

        moveTo(due.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS)).isEmpty();

        moveTo(due);
        fireDueTimers(id);
        assertWaitingAt(reviews, InpatientReviews.TASK_REVIEW_DELAY_FACTORS);
        assertThat(task(InpatientReviews.TASK_REVIEW_DELAY_FACTORS, reviews)).hasCandidateGroup("ward-clinicians");
        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isNull();

        complete(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS, Map.of("delayFactors", Spin.JSON("[\"housing\"]"),
                ESTIMATED_DISCHARGE_DATE, "2026-04-10", "purposeCloseToMet", false,
                "delayFactorNotes", "Housing officer asked for a home visit"));

        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isEqualTo(LocalDate.of(2026, 4, 10));
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS)).isEmpty();
        assertThat(reviews).hasPassed(InpatientReviews.TASK_REVIEW_DELAY_FACTORS);
        Instant nextDue = timerDue(reviews, InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE);
        assertThat(nextDue).isEqualTo(onWardCalendar(now(), Period.ofDays(3)));

        moveTo(nextDue);
        fireDueTimers(id);
        complete(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS, Map.of("delayFactors", Spin.JSON("[]"),
                ESTIMATED_DISCHARGE_DATE, "2026-04-03", "purposeCloseToMet", true,
                "delayFactorNotes", "Tenancy signed", "eddChangeReason", "Tenancy signed early"));
        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isEqualTo(LocalDate.of(2026, 4, 3));
    }

    /** Seed 004 (rehabilitation): once the purpose of admission is close to met, delay factor reviews come daily. */
    @Test
    void delayFactorReviewsComeDailyOnceThePurposeOfAdmissionIsCloseToMetAndRelaxWhenItIsNot_seed004() {
        ProcessInstance reviews = startReviews(Map.of());
        String id = reviews.getBusinessKey();
        moveTo(timerDue(reviews, InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE));
        fireDueTimers(id);
        complete(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS, Map.of("delayFactors", Spin.JSON("[]"),
                ESTIMATED_DISCHARGE_DATE, "2026-04-10", "purposeCloseToMet", true,
                "delayFactorNotes", "Leave at home went well"));
        Instant daily = timerDue(reviews, InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE);
        assertThat(daily).isEqualTo(onWardCalendar(now(), Period.ofDays(1)));

        moveTo(daily);
        fireDueTimers(id);
        assertWaitingAt(reviews, InpatientReviews.TASK_REVIEW_DELAY_FACTORS);
        complete(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS, Map.of("delayFactors", Spin.JSON("[]"),
                ESTIMATED_DISCHARGE_DATE, "2026-04-10", "purposeCloseToMet", false,
                "delayFactorNotes", "Relapse on leave"));
        assertThat(timerDue(reviews, InpatientReviews.TIMER_DELAY_FACTOR_REVIEW_DUE))
                .isEqualTo(onWardCalendar(now(), Period.ofDays(3)));
    }

    // ---- learning disability and autism: oversight visits and C(E)TR ----

    /** PATHWAY.md section 2, Key Stage 2: commissioner oversight visit every 8 weeks. */
    @Test
    void commissionerVisitsAPersonWithLearningDisabilityEveryEightWeeks() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", DATE_OF_BIRTH, "1985-01-15"));
        String id = reviews.getBusinessKey();
        assertThat(reviews).hasPassed(InpatientReviews.GATEWAY_OVERSIGHT_VISITS_APPLY)
                .hasNotPassed(InpatientReviews.END_NO_OVERSIGHT_VISITS_DUE);
        Instant due = timerDue(reviews, InpatientReviews.TIMER_OVERSIGHT_VISIT_DUE);
        assertThat(due).isEqualTo(onWardCalendar(T0, Period.ofWeeks(8)));

        moveTo(due.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT)).isEmpty();

        moveTo(due);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT, reviews)).hasCandidateGroup("managers");

        complete(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT, Map.of("oversightVisitAt", iso(now()),
                "oversightFindings", "Least restrictive care; community placement being sought"));

        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT)).isEmpty();
        assertThat(timerDue(reviews, InpatientReviews.TIMER_OVERSIGHT_VISIT_DUE))
                .isEqualTo(onWardCalendar(now(), Period.ofWeeks(8)));
    }

    /** PATHWAY.md section 2, Key Stage 2: young people up to 25 with an EHC plan are visited every 6 weeks. */
    @Test
    void youngPersonOfTwentyFiveWithAnEhcPlanIsVisitedEverySixWeeks() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", EHC_PLAN, true, DATE_OF_BIRTH, "2000-03-03"));
        String id = reviews.getBusinessKey();
        Instant due = timerDue(reviews, InpatientReviews.TIMER_OVERSIGHT_VISIT_DUE);
        assertThat(due).isEqualTo(onWardCalendar(T0, Period.ofWeeks(6)));

        moveTo(due.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT)).isEmpty();

        moveTo(due);
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT)).hasSize(1);
    }

    /** PATHWAY.md section 2, Key Stage 2: the 6-week visits stop at 25; at 26 an EHC plan no longer shortens them. */
    @Test
    void personOfTwentySixWithAnEhcPlanIsVisitedEveryEightWeeks() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", EHC_PLAN, true, DATE_OF_BIRTH, "2000-03-02"));
        String id = reviews.getBusinessKey();
        Instant due = timerDue(reviews, InpatientReviews.TIMER_OVERSIGHT_VISIT_DUE);
        assertThat(due).isEqualTo(onWardCalendar(T0, Period.ofWeeks(8)));

        moveTo(onWardCalendar(T0, Period.ofWeeks(6)));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT)).isEmpty();
    }

    /**
     * PATHWAY.md section 2, Key Stage 2 (oversight visits every 8 weeks) and section 5 (issue 13: a late recurring
     * review is recorded as missed like the one-off deadlines): a visit raised by its timer is due by the end of that
     * day; not recorded by then, the miss is recorded and managers are asked to respond. The visit can still be recorded
     * late, and the next falls due 8 weeks after it.
     */
    @Test
    void oversightVisitNotRecordedByTheEndOfTheDayItFellDueIsRecordedAsMissedForManagersToAnswer() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", DATE_OF_BIRTH, "1985-01-15",
                CETR_HELD_BEFORE_ADMISSION, true));
        String id = reviews.getBusinessKey();
        Instant fellDue = timerDue(reviews, InpatientReviews.TIMER_OVERSIGHT_VISIT_DUE);
        Instant endOfThatDay = endOfDay(fellDue);
        moveTo(fellDue);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT, reviews).getDueDate().toInstant())
                .isEqualTo(endOfThatDay);
        assertThat(timerDue(reviews, InpatientReviews.TIMER_OVERSIGHT_VISIT_OVERDUE)).isEqualTo(endOfThatDay);

        moveTo(endOfThatDay.minusSeconds(1));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();
        moveTo(endOfThatDay);
        fireDueTimers(id);

        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.slaCode()).isEqualTo("oversight-visit");
            assertThat(breach.slaName()).isEqualTo("Commissioner oversight visit every 8 weeks");
            assertThat(breach.responsibleGroup()).isEqualTo("managers");
            assertThat(breach.dueAt()).isEqualTo(endOfThatDay);
            assertThat(breach.breachedAt()).isEqualTo(endOfThatDay);
        });
        assertThat(reviews).hasPassed(InpatientReviews.TIMER_OVERSIGHT_VISIT_OVERDUE);
        assertWaitingAt(reviews, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT,
                InpatientReviews.CALL_RESPOND_TO_MISSED_OVERSIGHT_VISIT);
        ProcessInstance response = instanceOf(id, SlaBreachResponse.KEY);
        assertThat(task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, response)).hasCandidateGroup("managers")
                .hasDescription("Missed deadline: Commissioner oversight visit every 8 weeks");

        // recorded two days late, in the morning; the breach answered
        moveTo(fellDue.plus(Duration.ofDays(2)));
        complete(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT, Map.of("oversightVisitAt", iso(now()),
                "oversightFindings", "Least restrictive care"));
        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of(BREACH_RESPONSE,
                "Visit rebooked with the commissioner"));
        assertThat(response).isEnded();
        assertThat(reviews).hasPassed(InpatientReviews.CALL_RESPOND_TO_MISSED_OVERSIGHT_VISIT,
                InpatientReviews.END_OVERSIGHT_VISIT_BREACH_HANDLED);
        assertThat(breaches.forPathway(id).get(0).response()).isEqualTo("Visit rebooked with the commissioner");

        // the next visit, 8 weeks after the last, recorded the day it falls due: no second breach
        Instant next = timerDue(reviews, InpatientReviews.TIMER_OVERSIGHT_VISIT_DUE);
        assertThat(next).isEqualTo(onWardCalendar(now(), Period.ofWeeks(8)));
        moveTo(next);
        fireDueTimers(id);
        complete(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT, Map.of("oversightVisitAt", iso(now()),
                "oversightFindings", "Discharge plan on track"));
        moveTo(endOfDay(next).plus(Duration.ofDays(1)));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).hasSize(1);
    }

    /**
     * PATHWAY.md section 2, Key Stage 2 (C(E)TR every 6 months) and section 5 (issue 13): a six-monthly C(E)TR not held
     * by the end of the day it fell due is recorded as missed, like the 28-day one, for managers to answer.
     */
    @Test
    void sixMonthlyCetrNotHeldByTheEndOfTheDayItFellDueIsRecordedAsMissed() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", CETR_HELD_BEFORE_ADMISSION, true));
        String id = reviews.getBusinessKey();
        Instant fellDue = timerDue(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE);
        Instant endOfThatDay = endOfDay(fellDue);
        moveTo(fellDue);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR, reviews).getDueDate().toInstant())
                .isEqualTo(endOfThatDay);
        // the oversight visits fell due meanwhile too: answer them so that only the C(E)TR is missed
        while (!openTasks(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT).isEmpty()) {
            complete(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT, Map.of("oversightVisitAt", iso(now()),
                    "oversightFindings", "Least restrictive care"));
        }

        moveTo(endOfThatDay);
        fireDueTimers(id);

        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.slaCode()).isEqualTo("cetr-review");
            assertThat(breach.slaName()).isEqualTo("C(E)TR every 6 months");
            assertThat(breach.responsibleGroup()).isEqualTo("managers");
            assertThat(breach.dueAt()).isEqualTo(endOfThatDay);
        });
        assertWaitingAt(reviews, InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR,
                InpatientReviews.CALL_RESPOND_TO_MISSED_SIX_MONTHLY_CETR);
        assertThat(task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, instanceOf(id, SlaBreachResponse.KEY)))
                .hasCandidateGroup("managers").hasDescription("Missed deadline: C(E)TR every 6 months");

        later(Duration.ofDays(1));
        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of(BREACH_RESPONSE,
                "C(E)TR panel convened for tomorrow"));
        later(Duration.ofDays(1));
        complete(id, InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR, Map.of("cetrHeldAt", iso(now()),
                "cetrRecommendations", "Continue step-down plan"));
        assertThat(reviews).hasPassed(InpatientReviews.CALL_RESPOND_TO_MISSED_SIX_MONTHLY_CETR,
                InpatientReviews.END_SIX_MONTHLY_CETR_BREACH_HANDLED);
        assertWaitingAt(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE);
        assertThat(timerDue(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE))
                .as("six months from the C(E)TR held late").isEqualTo(onWardCalendar(now(), Period.ofMonths(6)));
    }

    /**
     * PATHWAY.md section 2: a C(E)TR before admission (Key Stage 1) starts the 6-monthly C(E)TRs of Key Stage 2
     * with no 28-day deadline.
     */
    @Test
    void cetrHeldBeforeAdmissionIsFollowedByACetrEverySixMonths() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", CETR_HELD_BEFORE_ADMISSION, true));
        String id = reviews.getBusinessKey();
        assertThat(reviews).hasPassed(InpatientReviews.GATEWAY_CETR_HELD_BEFORE_ADMISSION,
                        InpatientReviews.GATEWAY_FIRST_CETR_HELD)
                .hasNotPassed(InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS, InpatientReviews.END_NO_CETR_DUE);
        assertWaitingAt(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE);
        assertThat(jobAt(reviews, InpatientReviews.TIMER_CETR_OVERDUE)).isNull();
        Instant due = timerDue(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE);
        assertThat(due).isEqualTo(onWardCalendar(T0, Period.ofMonths(6)));

        moveTo(due.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR)).isEmpty();

        moveTo(due);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR, reviews)).hasCandidateGroup("managers");

        complete(id, InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR, Map.of("cetrHeldAt", iso(now()),
                "cetrRecommendations", "Continue step-down plan"));

        assertThat(openTasks(id, InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR)).isEmpty();
        assertThat(timerDue(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE))
                .isEqualTo(onWardCalendar(now(), Period.ofMonths(6)));
        assertThat(breaches.forPathway(id)).isEmpty();
    }

    /** PATHWAY.md section 2, Key Stage 1: without a C(E)TR before admission, one within 28 days of admission. */
    @Test
    void cetrHeldWithin28DaysOfAdmissionStartsTheSixMonthlyCetrsWithNoBreach() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", CETR_HELD_BEFORE_ADMISSION, false));
        String id = reviews.getBusinessKey();
        assertWaitingAt(reviews, InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS);
        assertThat(task(InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS, reviews)).hasCandidateGroup("managers");
        assertThat(timerDue(reviews, InpatientReviews.TIMER_CETR_OVERDUE))
                .isEqualTo(onWardCalendar(ADMITTED, Period.ofDays(28)));

        later(Duration.ofDays(20));
        complete(id, InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS, Map.of("cetrHeldAt", iso(now()),
                "cetrRecommendations", "Admission still needed; review medication"));

        assertThat(reviews).hasPassed(InpatientReviews.GATEWAY_FIRST_CETR_HELD)
                .hasNotPassed(InpatientReviews.CALL_RESPOND_TO_MISSED_CETR);
        assertWaitingAt(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE);
        assertThat(jobAt(reviews, InpatientReviews.TIMER_CETR_OVERDUE)).isNull();
        assertThat(timerDue(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE))
                .isEqualTo(onWardCalendar(now(), Period.ofMonths(6)));

        moveTo(onWardCalendar(ADMITTED, Period.ofDays(28)));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();
    }

    /** PATHWAY.md section 2, Key Stage 1: C(E)TR within 28 days of admission; a missed one is a breach. */
    @Test
    void cetrNotHeldWithin28DaysOfAdmissionIsRecordedAsABreachForManagersToAnswer() {
        ProcessInstance reviews = startReviews(Map.of(LEARNING_DISABILITY_OR_AUTISM, true,
                WARD_TYPE, "learning-disability-and-autism", CETR_HELD_BEFORE_ADMISSION, false));
        String id = reviews.getBusinessKey();
        Instant deadline = onWardCalendar(ADMITTED, Period.ofDays(28));

        moveTo(deadline.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();
        assertThat(reviews).hasNotPassed(InpatientReviews.TIMER_CETR_OVERDUE);

        moveTo(deadline);
        fireDueTimers(id);

        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.slaCode()).isEqualTo("cetr-after-admission");
            assertThat(breach.slaName()).isEqualTo("C(E)TR within 28 days of admission");
            assertThat(breach.responsibleGroup()).isEqualTo("managers");
            assertThat(breach.dueAt()).isEqualTo(deadline);
            assertThat(breach.breachedAt()).isEqualTo(deadline);
            assertThat(breach.respondedAt()).isNull();
        });
        assertThat(reviews).hasPassed(InpatientReviews.TIMER_CETR_OVERDUE);
        assertWaitingAt(reviews, InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS,
                InpatientReviews.CALL_RESPOND_TO_MISSED_CETR);
        ProcessInstance response = instanceOf(id, SlaBreachResponse.KEY);
        assertWaitingAt(response, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE);
        assertThat(task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, response)).hasCandidateGroup("managers")
                .hasName("Respond to missed deadline").hasDescription("Missed deadline: C(E)TR within 28 days of admission");

        later(Duration.ofDays(1));
        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of(BREACH_RESPONSE,
                "C(E)TR panel booked for this week"));

        assertThat(response).isEnded().hasPassed(SlaBreachResponse.SERVICE_RECORD_SLA_BREACH,
                SlaBreachResponse.SERVICE_RECORD_BREACH_RESPONSE, SlaBreachResponse.END_BREACH_RESPONDED);
        SlaBreach answered = breaches.forPathway(id).get(0);
        assertThat(answered.response()).isEqualTo("C(E)TR panel booked for this week");
        assertThat(answered.respondedAt()).isEqualTo(now());
        assertThat(reviews).hasPassed(InpatientReviews.CALL_RESPOND_TO_MISSED_CETR,
                InpatientReviews.END_CETR_BREACH_HANDLED);
        assertWaitingAt(reviews, InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS);

        complete(id, InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS, Map.of("cetrHeldAt", iso(now()),
                "cetrRecommendations", "Plan discharge to supported living"));
        assertWaitingAt(reviews, InpatientReviews.TIMER_CETR_REVIEW_DUE);
        assertThat(breaches.forPathway(id)).hasSize(1);
    }

    // ---- one-off reviews chosen by the ward and the length of stay ----

    /** PATHWAY.md section 2, Key Stage 2: rehabilitation wards review progress about 7 weeks after admission. */
    @Test
    void rehabilitationWardReviewsProgressSevenWeeksAfterAdmission() {
        ProcessInstance reviews = startReviews(Map.of(WARD_TYPE, "rehabilitation"));
        String id = reviews.getBusinessKey();
        assertThat(reviews).hasNotPassed(InpatientReviews.MESSAGE_WARD_TYPE_CHANGED);
        Instant due = timerDue(reviews, InpatientReviews.TIMER_REHABILITATION_REVIEW_DUE);
        assertThat(due).isEqualTo(onWardCalendar(ADMITTED, Period.ofWeeks(7)));

        moveTo(due.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REHABILITATION_PROGRESS)).isEmpty();

        moveTo(due);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_REVIEW_REHABILITATION_PROGRESS, reviews))
                .hasCandidateGroup("ward-clinicians");

        complete(id, InpatientReviews.TASK_REVIEW_REHABILITATION_PROGRESS, Map.of("rehabilitationProgress",
                "Cooking and budgeting independently", ESTIMATED_DISCHARGE_DATE, "2026-06-01",
                "eddChangeReason", "Date agreed with the community team"));

        assertThat(reviews).isActive().hasPassed(InpatientReviews.END_REHABILITATION_PROGRESS_REVIEWED);
        assertThat(jobAt(reviews, InpatientReviews.TIMER_REHABILITATION_REVIEW_DUE)).isNull();
        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isEqualTo(LocalDate.of(2026, 6, 1));
    }

    /**
     * PATHWAY.md section 2, Key Stage 2: a stay over 60 days (adults) triggers a clinical peer review, one over
     * five years a root cause analysis.
     */
    @Test
    void adultStayOver60DaysHasAPeerReviewAndOverFiveYearsARootCauseAnalysis() {
        ProcessInstance reviews = startReviews(Map.of(WARD_TYPE, "adult-acute"));
        String id = reviews.getBusinessKey();
        Instant sixtyDays = timerDue(reviews, InpatientReviews.TIMER_LONG_STAY_REACHED);
        assertThat(sixtyDays).isEqualTo(onWardCalendar(ADMITTED, Period.ofDays(60)));

        moveTo(sixtyDays.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW)).isEmpty();

        moveTo(sixtyDays);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW, reviews)).hasCandidateGroup("ward-clinicians");

        complete(id, InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW, Map.of("peerReviewAt", iso(now()),
                "peerReviewOutcome", "Step-down bed to be sought"));

        assertWaitingAt(reviews, InpatientReviews.TIMER_FIVE_YEAR_STAY_REACHED);
        Instant fiveYears = timerDue(reviews, InpatientReviews.TIMER_FIVE_YEAR_STAY_REACHED);
        assertThat(fiveYears).isEqualTo(onWardCalendar(ADMITTED, Period.ofYears(5)));

        moveTo(fiveYears.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_COMMISSION_ROOT_CAUSE_ANALYSIS)).isEmpty();

        moveTo(fiveYears);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_COMMISSION_ROOT_CAUSE_ANALYSIS, reviews)).hasCandidateGroup("managers");

        complete(id, InpatientReviews.TASK_COMMISSION_ROOT_CAUSE_ANALYSIS, Map.of(
                "rootCauseAnalysisCommissionedAt", iso(now()), "rootCauseAnalysisLead", "Associate medical director"));

        assertThat(reviews).isActive().hasPassed(InpatientReviews.END_LONG_STAY_REVIEWED);
        assertThat(jobAt(reviews, InpatientReviews.TIMER_LONG_STAY_REACHED)).isNull();
        assertThat(jobAt(reviews, InpatientReviews.TIMER_FIVE_YEAR_STAY_REACHED)).isNull();
    }

    /** PATHWAY.md section 2, Key Stage 2: for older adults the long-stay peer review comes after 90 days, not 60. */
    @Test
    void olderAdultStayHasAPeerReviewAfter90Days() {
        ProcessInstance reviews = startReviews(Map.of(WARD_TYPE, "older-adult", DATE_OF_BIRTH, "1948-07-01"));
        String id = reviews.getBusinessKey();
        Instant ninetyDays = timerDue(reviews, InpatientReviews.TIMER_LONG_STAY_REACHED);
        assertThat(ninetyDays).isEqualTo(onWardCalendar(ADMITTED, Period.ofDays(90)));

        moveTo(onWardCalendar(ADMITTED, Period.ofDays(60)));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW)).isEmpty();

        moveTo(ninetyDays.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW)).isEmpty();

        moveTo(ninetyDays);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_HOLD_LONG_STAY_PEER_REVIEW, reviews)).hasCandidateGroup("ward-clinicians");
    }

    // ---- out-of-area placements and readmissions ----

    /** PATHWAY.md section 2, Key Stage 1: repatriation is reviewed until the person is back in area. */
    @Test
    void personStillOutOfAreaIsReviewedForRepatriationAgainAWeekLater() {
        ProcessInstance reviews = startOutOfArea();
        String id = reviews.getBusinessKey();
        assertThat(reviews).hasNotPassed(InpatientReviews.MESSAGE_MOVED_OUT_OF_AREA);
        Instant due = timerDue(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE);
        assertThat(due).isEqualTo(onWardCalendar(T0, Period.ofDays(7)));

        moveTo(due.minus(ONE_HOUR));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REPATRIATION)).isEmpty();

        moveTo(due);
        fireDueTimers(id);
        assertThat(task(InpatientReviews.TASK_REVIEW_REPATRIATION, reviews)).hasCandidateGroup("bed-management");

        complete(id, InpatientReviews.TASK_REVIEW_REPATRIATION, Map.of(REPATRIATED, false,
                "repatriationPlan", "No home-ICS bed yet; ask again Monday"));

        assertThat(reviews).hasPassed(InpatientReviews.GATEWAY_BACK_IN_AREA).hasNotPassed(InpatientReviews.END_REPATRIATED);
        assertWaitingAt(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE);
        assertThat(timerDue(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE))
                .isEqualTo(onWardCalendar(now(), Period.ofDays(7)));
        assertThat(register.find(id).orElseThrow().outOfArea()).isTrue();
    }

    /** PATHWAY.md section 2, Key Stage 1: repatriation is reviewed until the person is back in area. */
    @Test
    void repatriationEndsTheWeeklyRepatriationReviews() {
        ProcessInstance reviews = startOutOfArea();
        String id = reviews.getBusinessKey();
        moveTo(timerDue(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE));
        fireDueTimers(id);

        repatriate(id);
        fireDueTimers(id);

        assertThat(reviews).isActive().hasPassed(InpatientReviews.END_REPATRIATED,
                InpatientReviews.SERVICE_RECORD_REPATRIATION, InpatientReviews.SERVICE_NOTIFY_COMMISSIONER_OF_REPATRIATION);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REPATRIATION)).isEmpty();
        assertThat(jobAt(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE)).isNull();
        assertThat(runtime.getVariable(reviews.getId(), OUT_OF_AREA)).isEqualTo(false);
        // back in area: a later move out of area would start the weekly reviews again
        assertWaitingAt(reviews, InpatientReviews.MESSAGE_MOVED_OUT_OF_AREA);
        // issue 13, item 2: repatriation tells the commissioner
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("repatriated"))
                .extracting(n -> n.recipientRole()).containsExactly("commissioner");
        // the review's answers are in the move; the next placement's review starts with an empty form
        assertThat(runtime.getVariables(reviews.getId())).doesNotContainKeys(REPATRIATED,
                InpatientReviews.REPATRIATED_TO_WARD, InpatientReviews.REPATRIATED_TO_HOSPITAL);
    }

    /**
     * PATHWAY.md section 2, Key Stage 1: a person back in area is no longer an out-of-area placement, so the pathway
     * record no longer flags one.
     */
    @Test
    void repatriationClearsTheOutOfAreaFlagOnThePathwayRecord() {
        ProcessInstance reviews = startOutOfArea();
        String id = reviews.getBusinessKey();
        moveTo(timerDue(reviews, InpatientReviews.TIMER_REPATRIATION_REVIEW_DUE));
        fireDueTimers(id);

        repatriate(id);

        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.outOfArea()).isFalse();
        // the move the review recorded: the bed in the home ICS, the same type of ward
        assertThat(record.ward()).isEqualTo("Ward 4");
        assertThat(record.hospital()).isEqualTo("Radbourne Unit");
        assertThat(record.wardType()).isEqualTo("adult-acute");
        assertThat(transfers.forPathway(id)).singleElement().satisfies(move -> {
            assertThat(move.toOutOfArea()).isFalse();
            assertThat(move.fromOutOfArea()).isTrue();
            assertThat(move.recordedThrough()).isEqualTo(WardTransfers.THROUGH_REPATRIATION_REVIEW);
            assertThat(move.transferredAt()).isEqualTo(now());
        });
        assertThat(runtime.getVariable(reviews.getId(), "ward")).isEqualTo("Ward 4");
    }

    /** PATHWAY.md section 2, Key Stage 3: readmission within 30 days of discharge is flagged and reviewed. */
    @Test
    void readmissionWithin30DaysOfDischargeIsReviewedByManagers() {
        ProcessInstance reviews = startReviews(Map.of(READMISSION, true));
        String id = reviews.getBusinessKey();
        assertThat(reviews).hasNotPassed(InpatientReviews.END_NOT_READMISSION);
        assertWaitingAt(reviews, InpatientReviews.TASK_REVIEW_READMISSION);
        assertThat(task(InpatientReviews.TASK_REVIEW_READMISSION, reviews)).hasCandidateGroup("managers");

        complete(id, InpatientReviews.TASK_REVIEW_READMISSION, Map.of("readmissionReviewFindings",
                "Follow-up happened on day 3 but the crisis plan was not shared", "readmissionAvoidable", "unclear"));

        assertThat(reviews).isActive().hasPassed(InpatientReviews.END_READMISSION_REVIEWED);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_READMISSION)).isEmpty();
    }

    // ---- helpers ----

    /** Starts the reviews as the inpatient stay does at admission: an adult in area, first admission, unless told. */
    private ProcessInstance startReviews(Map<String, Object> facts) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ADMITTED_AT, iso(ADMITTED));
        variables.put(WARD_TYPE_SINCE, iso(ADMITTED));
        variables.put(LEARNING_DISABILITY_OR_AUTISM, false);
        variables.put(WARD_TYPE, "adult-acute");
        variables.put(OUT_OF_AREA, false);
        variables.put(READMISSION, false);
        variables.put(CETR_HELD_BEFORE_ADMISSION, false);
        variables.put(EHC_PLAN, false);
        variables.put(DATE_OF_BIRTH, "1985-01-15");
        variables.put(HOME_ICS, "QJ2");
        variables.putAll(facts);
        return startCalledModel(InpatientReviews.KEY, variables);
    }

    /** An out-of-area placement, flagged in the register as the bed allocation records it. */
    private ProcessInstance startOutOfArea() {
        ProcessInstance reviews = startReviews(Map.of(OUT_OF_AREA, true));
        register.recordMilestones(reviews.getBusinessKey(),
                new Milestones(ADMITTED, null, null, null, null, null, null, null, true));
        assertThat(register.find(reviews.getBusinessKey()).orElseThrow().outOfArea()).isTrue();
        return reviews;
    }

    private void repatriate(String pathwayId) {
        complete(pathwayId, InpatientReviews.TASK_REVIEW_REPATRIATION, Map.of(REPATRIATED, true,
                InpatientReviews.REPATRIATED_TO_WARD, "Ward 4", InpatientReviews.REPATRIATED_TO_HOSPITAL,
                "Radbourne Unit", "repatriationPlan", "Moved to a home-ICS ward today"));
    }

    private static Instant onWardCalendar(Instant from, Period after) {
        return from.atZone(WARD_CALENDAR).plus(after).toInstant();
    }

    /** The last second of the day {@code at} falls on, on the wards' calendar: when a review raised that day is due. */
    private static Instant endOfDay(Instant at) {
        return at.atZone(WARD_CALENDAR).toLocalDate().plusDays(1).atStartOfDay(WARD_CALENDAR).toInstant().minusSeconds(1);
    }

    private static void moveTo(Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
    }

    private Job jobAt(ProcessInstance instance, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                .activityId(activityId).singleResult();
    }

    private Instant timerDue(ProcessInstance instance, String activityId) {
        Job timer = jobAt(instance, activityId);
        assertThat(timer).as("timer at %s", activityId).isNotNull();
        return timer.getDuedate().toInstant();
    }
}
