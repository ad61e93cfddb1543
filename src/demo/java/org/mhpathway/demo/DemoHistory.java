package org.mhpathway.demo;

import static org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP;
import static org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY;
import static org.mhpathway.pathway.PathwayProcesses.HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE;
import static org.mhpathway.pathway.PathwayProcesses.HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE;
import static org.mhpathway.pathway.PathwayProcesses.HospitalDischarge.TASK_RECORD_DISCHARGE;
import static org.mhpathway.pathway.PathwayProcesses.HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN;
import static org.mhpathway.pathway.PathwayProcesses.InpatientPathway.TASK_ALLOCATE_BED;
import static org.mhpathway.pathway.PathwayProcesses.InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION;
import static org.mhpathway.pathway.PathwayProcesses.InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR;
import static org.mhpathway.pathway.PathwayProcesses.InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS;
import static org.mhpathway.pathway.PathwayProcesses.InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT;
import static org.mhpathway.pathway.PathwayProcesses.InpatientReviews.TASK_REVIEW_REPATRIATION;
import static org.mhpathway.pathway.PathwayProcesses.InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE;
import static org.mhpathway.pathway.PathwayProcesses.KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION;
import static org.mhpathway.pathway.PathwayProcesses.KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING;
import static org.mhpathway.pathway.PathwayProcesses.KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK;
import static org.mhpathway.pathway.PathwayProcesses.KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN;
import static org.mhpathway.pathway.PathwayProcesses.PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE;
import static org.mhpathway.pathway.PathwayProcesses.PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.Spin;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.referral.ReferralService;
import org.mhpathway.system.EngineClock;

/**
 * Demo profile only: the recent past of each ICS, so the managers' indicators, the deadlines and the hub's board have
 * something to show at first start. Each ICS gets the same eight kinds of patient, walked through the real models at
 * the dates they would have lived them (the engine clock set back to each step), so every record an indicator reads
 * (discharges, follow-ups, delay periods, out-of-area episodes, C(E)TRs, readmissions, missed deadlines) is written by
 * the pathway itself:
 * <ol>
 *   <li>discharged home about ten weeks ago, every deadline met;</li>
 *   <li>Key Stage 1 late (80 hours), then a delayed discharge for housing (social care, 11 days), followed up on the
 *       fourth day and the GP summary late (12 days): the misses the indicators must show;</li>
 *   <li>placed out of area, repatriated after twelve days, then discharged and followed up;</li>
 *   <li>discharged, then readmitted twelve days later and still in hospital (a readmission within 30 days);</li>
 *   <li>in a learning disability and autism bed for 70 days, C(E)TR not possible before admission and held on day
 *       20, the first oversight visit held the day it fell due;</li>
 *   <li>an older adult in hospital for more than 90 days (a long stay);</li>
 *   <li>discharged about two weeks ago to another hospital (left out of the follow-up indicator);</li>
 *   <li>clinically ready twelve days ago and still delayed, waiting for NHS funding.</li>
 * </ol>
 * The three ICSs differ in one way each, so their figures differ: in Derby and Derbyshire patient 2's follow-up is on
 * the second day instead (on time); in Nottingham and Nottinghamshire patient 7 goes home and is followed up within a
 * day; in Bedfordshire, Luton and Milton Keynes patient 3 is not repatriated (still out of area) and patient 5's
 * oversight visit is not recorded. NHS numbers are in
 * the 999 range never issued to a person.
 */
final class DemoHistory {

    /** The home ICSs, with a ward, hospital and local authority of each. */
    private static final Map<String, String[]> PLACES = Map.of(
            "QJ2", new String[] {"Ward 1", "Derby mental health unit", "Derby City Council"},
            "QT1", new String[] {"Ward 2", "Nottingham mental health unit", "Nottingham City Council"},
            "QHG", new String[] {"Willow Ward", "Luton mental health unit", "Luton Borough Council"});
    static final int PATIENTS_PER_ICS = 8;

    private static final List<String> GIVEN = List.of("Sam", "Aisha", "Tom", "Grace", "Ravi", "Ellen", "Kofi", "Nia",
            "Daniel", "Zara", "Owen", "Maya");
    private static final List<String> FAMILY = List.of("Ahmed", "Baker", "Clarke", "Davies", "Evans", "Foster",
            "Green", "Hall", "Iqbal", "Jones", "Khan", "Lewis", "Mensah", "Novak", "Patel", "Reid", "Singh", "Taylor",
            "Usman", "Walsh", "Young", "Zielinski", "Morris", "Price", "Quinn", "Roberts", "Shaw");

    private final ReferralService referrals;
    private final PathwayDriver driver;
    private final Instant now;
    private int nhsSerial;
    private int beds = 100;
    private int people;

    DemoHistory(ReferralService referrals, PathwayDriver driver, Instant now, int firstNhsSerial) {
        this.referrals = referrals;
        this.driver = driver;
        this.now = now;
        this.nhsSerial = firstNhsSerial;
    }

    /** Lays out the eight past patients of each ICS; the engine clock is back to the present afterwards. */
    void layOut(List<String> icsCodes) {
        try {
            for (String ics : icsCodes) {
                if (PLACES.containsKey(ics)) {
                    layOut(ics);
                }
            }
        } finally {
            ClockUtil.reset();
        }
    }

    private void layOut(String ics) {
        // 1. discharged home about ten weeks ago, every deadline met
        String onTime = admit(ics, "adult-acute", days(100), false, null);
        keyStage1(onTime, days(100).plus(hours(48)));
        dischargeHome(onTime, days(80), "home");
        followUpAndSummary(onTime, days(78).plus(hours(4)), days(77));

        // 2. Key Stage 1 at 80 hours; delayed 11 days for housing; follow-up on the fourth day; GP summary late
        String late = admit(ics, "adult-acute", days(85), false, null);
        keyStage1(late, days(85).plus(hours(80)));
        readyAt(late, days(67));
        at(days(67), () -> driver.complete(late, TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "housing", "delayAttribution", "social-care", "responsibleLocalAuthority",
                PLACES.get(ics)[2], "delayNotes", "Tenancy lost during the admission")));
        at(days(56), () -> driver.complete(late, TASK_RESOLVE_DELAYED_DISCHARGE, Map.of(
                "delayOutcome", "support-in-place", "resolutionNotes", "Supported tenancy offered and signed")));
        discharge(late, days(53), "home");
        boolean derbyFollowsUpOnTime = "QJ2".equals(ics);
        followUpAndSummary(late, derbyFollowsUpOnTime ? days(52) : days(49), days(41));

        // 3. out of area for twelve days, repatriated, discharged; in BLMK still out of area
        String away = admit(ics, "adult-acute", days(70), true, null);
        keyStage1(away, days(70).plus(hours(40)));
        if ("QHG".equals(ics)) {
            caughtUp(away);
        } else {
            at(days(58), () -> driver.complete(away, TASK_REVIEW_REPATRIATION, Map.of("repatriated", true,
                    "repatriatedToWard", PLACES.get(ics)[0], "repatriatedToHospital", PLACES.get(ics)[1],
                    "repatriationPlan", "Bed on " + PLACES.get(ics)[0] + " from today")));
            dischargeHome(away, days(40), "home");
            followUpAndSummary(away, days(38).plus(hours(2)), days(36));
        }

        // 4. discharged, readmitted twelve days later, still in hospital
        String nhsNumber = nextNhsNumber();
        String first = admit(ics, "adult-acute", days(60), false, nhsNumber);
        keyStage1(first, days(60).plus(hours(30)));
        dischargeHome(first, days(45), "home");
        followUpAndSummary(first, days(44), days(43));
        String readmitted = admit(ics, "adult-acute", days(33), false, nhsNumber);
        keyStage1(readmitted, days(33).plus(hours(50)));
        caughtUp(readmitted);

        // 5. learning disability and autism: no C(E)TR before the emergency admission, held on day 20; the first
        // eight-weekly oversight visit held the day it fell due, but in BLMK not recorded (PATHWAY.md sections 2, 5)
        String ldA = admit(ics, "learning-disability-and-autism", days(70), false, null);
        keyStage1(ldA, days(70).plus(hours(60)));
        at(days(50), () -> driver.complete(ldA, TASK_HOLD_CETR_WITHIN28_DAYS, Map.of("cetrHeldAt",
                iso(EngineClock.now()), "cetrRecommendations", "Community placement with reasonable adjustments")));
        if ("QHG".equals(ics)) {
            // the visit falls due (its timer fires then, as the job executor would fire it) and is never recorded
            at(days(14).plus(hours(2)), () -> driver.runDueJobs(ldA));
        } else {
            at(days(14).plus(hours(2)), () -> driver.complete(ldA, TASK_RECORD_OVERSIGHT_VISIT, Map.of(
                    "oversightVisitAt", iso(EngineClock.now()), "oversightFindings",
                    "Least restrictive care; discharge plan on track")));
        }
        caughtUp(ldA);

        // 6. an older adult in hospital for more than 90 days
        String longStay = admit(ics, "older-adult", days(96), false, null);
        keyStage1(longStay, days(96).plus(hours(70)));
        caughtUp(longStay);

        // 7. discharged two weeks ago to another hospital; in Nottinghamshire home, followed up the next day
        boolean nottsGoesHome = "QT1".equals(ics);
        String transferred = admit(ics, "adult-acute", days(34), false, null);
        keyStage1(transferred, days(34).plus(hours(20)));
        dischargeHome(transferred, days(14), nottsGoesHome ? "home" : "other-hospital");
        if (nottsGoesHome) {
            followUpAndSummary(transferred, days(13), days(12));
        } else {
            caughtUp(transferred);
        }

        // 8. clinically ready twelve days ago, still delayed: NHS funding
        String funding = admit(ics, "adult-acute", days(40), false, null);
        keyStage1(funding, days(40).plus(hours(36)));
        readyAt(funding, days(12));
        at(days(12), () -> driver.complete(funding, TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of(
                "dischargePossible", false, "delayReason", "funding", "delayAttribution", "nhs",
                "responsibleLocalAuthority", PLACES.get(ics)[2], "delayNotes", "Continuing healthcare panel awaited")));
        caughtUp(funding);
    }

    // ---- steps, as the forms submit them

    /** Referred by the crisis team, assessed and given a bed at {@code when}; an LD/A bed first asks for a C(E)TR. */
    private String admit(String ics, String wardType, Instant when, boolean outOfArea, String nhsNumber) {
        boolean ldA = "learning-disability-and-autism".equals(wardType);
        String nhs = nhsNumber == null ? nextNhsNumber() : nhsNumber;
        String id = at(when.minus(hours(3)), () -> referrals.refer(new ReferralRequest(nhs,
                "older-adult".equals(wardType) ? "1944-02-11" : "1988-07-23", ldA, false, wardType, ics, "C81001",
                "crisis-team", null, name())));
        if (ldA) {
            at(when.minus(hours(2)), () -> driver.complete(id, TASK_HOLD_PRE_ADMISSION_CETR, Map.of(
                    "cetrHeldBeforeAdmission", false, "cetrNotHeldReason", "Emergency admission out of hours")));
        }
        at(when.minus(hours(1)), () -> driver.complete(id, TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.of(
                "presentingNeeds", "Relapse with risk to self", "advanceChoicesReviewed", true,
                "risksIdentified", "Self-neglect", "admitted", true, "socialCareInvolved", false)));
        at(when, () -> {
            Map<String, Object> bed = new HashMap<>(Map.of("ward", outOfArea ? "Ward 3" : PLACES.get(ics)[0],
                    "hospital", outOfArea ? "Private hospital, Manchester" : PLACES.get(ics)[1],
                    "bed", String.valueOf(++beds), "admittedAt", iso(when), "outOfArea", outOfArea));
            if (outOfArea) {
                bed.put("outOfAreaReason", "No acute bed in area");
            }
            driver.complete(id, TASK_ALLOCATE_BED, bed);
        });
        return id;
    }

    /** The four Key Stage 1 steps, all done at {@code when}. */
    private void keyStage1(String id, Instant when) {
        at(when, () -> {
            driver.complete(id, TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission", "Treat the relapse",
                    "purposeAgreedWithPerson", true));
            driver.complete(id, TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary",
                    "Relapse after stopping medication", "carePlanSummary", "Medication review, OT, family work",
                    "carePlanCoProduced", true));
            driver.complete(id, TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate",
                    date(when.plus(Duration.ofDays(21))), "intendedDestination", "home", "housingNeed", false,
                    "delayFactors", Spin.JSON("[]")));
            driver.complete(id, TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt",
                    iso(EngineClock.now()), "treatmentCommencedAt", iso(EngineClock.now())));
        });
    }

    private void readyAt(String id, Instant when) {
        at(when, () -> driver.complete(id, TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of(
                "crfdAt", iso(EngineClock.now()), "crfdRationale", "Mental state settled for two weeks")));
    }

    /** Clinically ready and support in place two days before {@code dischargedAt}, notice given, discharged. */
    private void dischargeHome(String id, Instant dischargedAt, String destination) {
        Instant ready = dischargedAt.minus(hours(50));
        readyAt(id, ready);
        at(ready, () -> driver.complete(id, TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true)));
        discharge(id, dischargedAt, destination);
    }

    /** Plan refined and 48 hours' notice given ahead of {@code dischargedAt}; the discharge recorded then. */
    private void discharge(String id, Instant dischargedAt, String destination) {
        Instant notice = dischargedAt.minus(hours(49));
        at(notice, () -> {
            driver.complete(id, TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan",
                    "Care coordinator weekly; crisis line given", "estimatedDischargeDate", date(dischargedAt),
                    "eddChangeReason", "Plan agreed at the discharge meeting"));
            driver.complete(id, TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(notice),
                    "plannedDischargeAt", iso(dischargedAt), "noticeGivenTo",
                    Spin.JSON("[\"person\",\"carers\",\"community-mh-team\",\"gp\"]")));
            driver.complete(id, TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                    "followUpMeetingAt", iso(dischargedAt.plus(hours(30))), "followUpLocation", "Home visit",
                    "followUpWith", "CMHT care coordinator", "crisisContactsGiven", true));
        });
        at(dischargedAt, () -> driver.complete(id, TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(dischargedAt),
                "dischargeDestination", destination)));
    }

    private void followUpAndSummary(String id, Instant followedUpAt, Instant summaryAt) {
        at(followedUpAt, () -> driver.complete(id, TASK_COMPLETE_FOLLOW_UP, Map.of("followUpCompletedAt",
                iso(followedUpAt), "followUpContactType", "face-to-face", "followUpOutcome", "Settled at home",
                "additionalSupportNeeded", false)));
        at(summaryAt, () -> driver.complete(id, TASK_SEND_GP_DISCHARGE_SUMMARY, Map.of("gpSummarySentAt",
                iso(summaryAt))));
        caughtUp(id);
    }

    /** Back to the present: what fell due since the last step (reviews, deadlines) happens now. */
    private void caughtUp(String id) {
        ClockUtil.reset();
        driver.runDueJobs(id);
    }

    // ---- time

    private Instant days(int ago) {
        return now.minus(Duration.ofDays(ago));
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    /** A step of the demo's past, taken with the engine's clock at that moment. */
    static <T> T at(Instant when, java.util.function.Supplier<T> step) {
        ClockUtil.setCurrentTime(Date.from(when));
        return step.get();
    }

    static void at(Instant when, Runnable step) {
        ClockUtil.setCurrentTime(Date.from(when));
        step.run();
    }

    /** A made-up name for the next person. */
    private PersonName name() {
        int n = people++;
        return new PersonName(List.of(GIVEN.get(n % GIVEN.size())), FAMILY.get(n % FAMILY.size()));
    }

    /** The next NHS number of the never-issued 999 range, with its modulus 11 check digit. */
    private String nextNhsNumber() {
        while (true) {
            String nine = "999" + String.format("%06d", nhsSerial++);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }

    private static String iso(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    private static String date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
