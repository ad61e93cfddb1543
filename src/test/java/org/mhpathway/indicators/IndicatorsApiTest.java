package org.mhpathway.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhpathway.ApiTestUsers.anonymous;
import static org.mhpathway.ApiTestUsers.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET /api/indicators} (PATHWAY.md section 5; issue 13): each indicator from pathways walked through the models
 * with the engine clock moved, read back per ward and month. The process tests share one database, so each test keeps
 * its patients on a ward of its own and asks for that ward.
 */
class IndicatorsApiTest extends ProcessTestCase {

    private static final String PASSWORD = "indicator-test-password-1";
    private static final String MANAGER = "indmanager";
    private static final String HUB = "indhub";
    private static final String CLINICIAN = "indclinician";
    private static final String MANAGER_AND_HUB = "indmanagerhub";
    private static final String ADMIN = "indadmin";
    private static final AtomicInteger WARDS = new AtomicInteger();

    /** When the tests read the figures: a Friday, 13 March 2026, noon (GMT). */
    private static final Instant NOW = Instant.parse("2026-03-13T12:00:00Z");

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired IdentityService identity;
    @Autowired org.mhpathway.pathway.PathwayMessages messages;

    @BeforeEach
    void users() {
        user(MANAGER, List.of(Roles.MANAGERS), List.of("QJ2"));
        user(HUB, List.of(Roles.DISCHARGE_HUB), List.of("QJ2"));
        user(CLINICIAN, List.of(Roles.WARD_CLINICIANS, Roles.BED_MANAGEMENT), List.of("QJ2"));
        user(MANAGER_AND_HUB, List.of(Roles.MANAGERS, Roles.DISCHARGE_HUB), List.of("QJ2", "QT1"));
        user(ADMIN, List.of(Groups.CAMUNDA_ADMIN), List.of("QJ2"));
    }

    // ---- followUpWithin72Hours ----

    /**
     * PATHWAY.md section 5 (seed 004): follow-up within 72 hours counts the national way, discharges from adult acute
     * beds, deaths, prison or court and transfers excluded, met on the third calendar day; beside it how many broke the
     * 72-hour clock, which is not the same. BLMK's ambition is 80%.
     */
    @Test
    void followUpWithin72HoursIsCountedTheNationalWayBesideTheSlaClock() throws Exception {
        String ward = ward();
        // discharged Wednesday 4 March 09:00, followed up Saturday 20:00: the third calendar day, but 83 hours on
        String thirdDay = discharged("QHG", ward, "adult-acute", T0, "home");
        at(T0.plus(Duration.ofHours(48 + 83)));
        fireDueTimers(thirdDay);
        completeFollowUp(thirdDay, false);
        // followed up the next morning
        String nextDay = discharged("QHG", ward, "adult-acute", T0, "home");
        at(T0.plus(Duration.ofHours(48 + 24)));
        completeFollowUp(nextDay, false);
        // followed up on the fourth calendar day: late both ways
        String fourthDay = discharged("QHG", ward, "adult-acute", T0, "home");
        at(T0.plus(Duration.ofHours(48 + 96)));
        fireDueTimers(fourthDay);
        completeFollowUp(fourthDay, false);
        // excluded: discharged to court; another hospital; not an adult acute bed
        discharged("QHG", ward, "adult-acute", T0, "prison-or-court");
        discharged("QHG", ward, "adult-acute", T0, "other-hospital");
        discharged("QHG", ward, "older-adult", T0, "home");
        // excluded: died the day after the discharge, before the follow-up
        String diedAfter = discharged("QHG", ward, "adult-acute", T0, "home");
        at(T0.plus(Duration.ofHours(48 + 30)));
        assertThat(messages.personDied(diedAfter, now(), "At home", null)).isTrue();
        // discharged Thursday 12 March: its three days are not over, nor followed up yet
        discharged("QHG", ward, "adult-acute", Instant.parse("2026-03-10T09:00:00Z"), "home");

        JsonNode report = indicators("ics=QHG&from=2026-02-01&to=2026-03-31&ward=" + ward);
        JsonNode march = indicator(report, ward, "2026-03", "followUpWithin72Hours");
        assertThat(march.get("eligibleDischarges").asLong()).isEqualTo(4);
        assertThat(march.get("pending").asLong()).isEqualTo(1);
        assertThat(march.get("denominator").asLong()).isEqualTo(3);
        assertThat(march.get("numerator").asLong()).isEqualTo(2);
        assertThat(march.get("rate").asDouble()).isEqualTo(0.6667);
        assertThat(march.get("excluded").asLong()).as("court, another hospital, a death").isEqualTo(3);
        assertThat(march.get("slaClockBreached").asLong()).as("the third-day and fourth-day follow-ups").isEqualTo(2);
        assertThat(march.at("/target/atLeast").asDouble()).isEqualTo(0.8);
        assertThat(march.at("/target/met").asBoolean()).isFalse();
        assertThat(indicator(report, ward, null, "followUpWithin72Hours")).isEqualTo(march);
        assertThat(indicator(report, ward, "2026-02", "followUpWithin72Hours").get("denominator").asLong()).isZero();
        assertThat(indicator(report, ward, "2026-02", "followUpWithin72Hours").get("rate").isNull()).isTrue();
        assertThat(report.get("to").asText()).as("a period running past today ends today").isEqualTo("2026-03-13");
        everyFigureHasItsPatients(report, "QHG", ward);
    }

    /**
     * PATHWAY.md section 5: "within 3 calendar days" counts the days of the ward's calendar. Discharged on Saturday 28
     * March at 23:30, a follow-up at 00:30 on Wednesday 1 April (British Summer Time began on the 29th) is on the
     * fourth day, though 72 hours on the clock have not quite passed; one at 23:30 on Tuesday 31 March is on the third.
     */
    @Test
    void followUpCalendarDaysAreTheWardsAcrossTheClockChange() throws Exception {
        String ward = ward();
        String fourthDay = dischargedLateOnTheDayBeforeTheClocksGoForward(ward);
        at(Instant.parse("2026-03-31T23:30:00Z"));
        completeFollowUp(fourthDay, false);
        String thirdDay = dischargedLateOnTheDayBeforeTheClocksGoForward(ward);
        at(Instant.parse("2026-03-31T22:30:00Z"));
        completeFollowUp(thirdDay, false);

        JsonNode followUp = indicator(indicatorsAt(Instant.parse("2026-04-10T12:00:00Z"),
                "ics=QJ2&from=2026-03&to=2026-04&ward=" + ward), ward, "2026-03", "followUpWithin72Hours");
        assertThat(followUp.get("denominator").asLong()).isEqualTo(2);
        assertThat(followUp.get("numerator").asLong()).isEqualTo(1);
    }

    private String dischargedLateOnTheDayBeforeTheClocksGoForward(String ward) {
        String id = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-03-20T09:00:00Z"), false);
        completeKeyStage1(id);
        at(Instant.parse("2026-03-26T09:00:00Z"));
        confirmClinicallyReady(id);
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        dischargeAfterNotice(id, now(), Instant.parse("2026-03-28T23:30:00Z"), "home");
        return id;
    }

    // ---- delayedDischarges ----

    /**
     * PATHWAY.md sections 3 and 5: delays open now, begun in the period, and bed days lost in it, by reason,
     * attribution and local authority. A delay starts when the person became clinically ready, not when the hub found
     * the support missing (issue 13).
     */
    @Test
    void delayedDischargesCountOpenDelaysDelaysBegunAndBedDaysLostByReasonAttributionAndAuthority() throws Exception {
        String ward = ward();
        // clinically ready Wednesday 25 February 09:00, found delayed two days later, resolved Thursday 5 March 09:00
        String housing = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-02-20T09:00:00Z"), false);
        completeKeyStage1(housing);
        at(Instant.parse("2026-02-25T09:00:00Z"));
        confirmClinicallyReady(housing);
        at(Instant.parse("2026-02-27T09:00:00Z"));
        delayed(housing, "housing", "social-care", "Derby City Council");
        at(Instant.parse("2026-03-05T09:00:00Z"));
        complete(housing, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Tenancy signed"));
        // clinically ready Tuesday 10 March 09:00, still delayed
        String funding = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-03-01T09:00:00Z"), false);
        completeKeyStage1(funding);
        at(Instant.parse("2026-03-10T09:00:00Z"));
        confirmClinicallyReady(funding);
        delayed(funding, "funding", "nhs", "Derbyshire County Council");

        JsonNode report = indicators("ics=QJ2&from=2026-02&to=2026-03&ward=" + ward);
        JsonNode period = indicator(report, ward, null, "delayedDischarges");
        assertThat(period.get("numerator").asLong()).as("open now").isEqualTo(1);
        assertThat(period.get("denominator").asLong()).as("in hospital now").isEqualTo(2);
        assertThat(period.get("rate").asDouble()).isEqualTo(0.5);
        assertThat(period.get("startedInPeriod").asLong()).isEqualTo(2);
        // 25 Feb 09:00 to 5 Mar 09:00 (8 days) and 10 Mar 09:00 to 13 Mar 12:00 (3.125 days)
        assertThat(period.get("bedDaysLost").asDouble()).isEqualTo(11.1);
        assertThat(period.at("/byReason/housing/open").asLong()).isZero();
        assertThat(period.at("/byReason/housing/bedDaysLost").asDouble()).isEqualTo(8.0);
        assertThat(period.at("/byReason/funding/open").asLong()).isEqualTo(1);
        assertThat(period.at("/byAttribution/social-care/startedInPeriod").asLong()).isEqualTo(1);
        assertThat(period.at("/byAttribution/nhs/bedDaysLost").asDouble()).isEqualTo(3.1);
        assertThat(period.at("/byLocalAuthority/Derby City Council/bedDaysLost").asDouble()).isEqualTo(8.0);
        assertThat(period.get("target").isNull()).isTrue();

        JsonNode february = indicator(report, ward, "2026-02", "delayedDischarges");
        assertThat(february.get("numerator").asLong()).as("open at the end of February").isEqualTo(1);
        assertThat(february.get("startedInPeriod").asLong()).isEqualTo(1);
        assertThat(february.get("bedDaysLost").asDouble()).as("25 Feb 09:00 to 1 Mar").isEqualTo(3.6);
        JsonNode march = indicator(report, ward, "2026-03", "delayedDischarges");
        assertThat(march.get("bedDaysLost").asDouble()).isEqualTo(7.5);
        assertThat(march.at("/byReason/housing/startedInPeriod").asLong()).as("begun in February").isZero();
        everyFigureHasItsPatients(report, "QJ2", ward);
    }

    /**
     * PATHWAY.md sections 3 and 5 (issue 13: a change of reason is kept, not overwritten): the bed days lost of a delay
     * whose reason changed at a review count under each reason for the days it held; a delay open now counts under the
     * reason it has now, and a delay begun in the period under the reason it began with. The totals count each delay
     * once.
     */
    @Test
    void bedDaysLostAreSplitBetweenTheReasonsADelayHadWhenItsReasonChanged() throws Exception {
        String ward = ward();
        // clinically ready Wednesday 25 February 09:00, found delayed for housing on the 27th; a review on Monday 2
        // March finds it waits on a placement (both NHS and social care, the county); resolved Thursday 5 March 09:00
        String changed = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-02-20T09:00:00Z"), false);
        completeKeyStage1(changed);
        at(Instant.parse("2026-02-25T09:00:00Z"));
        confirmClinicallyReady(changed);
        at(Instant.parse("2026-02-27T09:00:00Z"));
        delayed(changed, "housing", "social-care", "Derby City Council");
        at(Instant.parse("2026-03-02T09:00:00Z"));
        reviewDelay(changed, "placement", "both", "Derbyshire County Council");
        at(Instant.parse("2026-03-05T09:00:00Z"));
        complete(changed, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Supported living place agreed"));
        // clinically ready Friday 6 March 09:00 and delayed for funding; from Monday 9 March the delay is a legal one
        String open = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-03-01T09:00:00Z"), false);
        completeKeyStage1(open);
        at(Instant.parse("2026-03-06T09:00:00Z"));
        confirmClinicallyReady(open);
        delayed(open, "funding", "nhs", "Derbyshire County Council");
        at(Instant.parse("2026-03-09T09:00:00Z"));
        reviewDelay(open, "legal", "nhs", "Derbyshire County Council");

        JsonNode report = indicators("ics=QJ2&from=2026-02&to=2026-03&ward=" + ward);
        JsonNode period = indicator(report, ward, null, "delayedDischarges");
        assertThat(period.get("numerator").asLong()).as("open now, counted once").isEqualTo(1);
        assertThat(period.get("startedInPeriod").asLong()).as("each delay counted once").isEqualTo(2);
        // 25 Feb 09:00 to 5 Mar 09:00 (8 days) and 6 Mar 09:00 to 13 Mar 12:00 (7.125 days)
        assertThat(period.get("bedDaysLost").asDouble()).isEqualTo(15.1);
        // housing 25 Feb to 2 Mar (5 days), placement 2 to 5 Mar (3 days); funding 6 to 9 Mar (3), legal since (4.125)
        assertThat(period.at("/byReason/housing/bedDaysLost").asDouble()).isEqualTo(5.0);
        assertThat(period.at("/byReason/placement/bedDaysLost").asDouble()).isEqualTo(3.0);
        assertThat(period.at("/byReason/funding/bedDaysLost").asDouble()).isEqualTo(3.0);
        assertThat(period.at("/byReason/legal/bedDaysLost").asDouble()).isEqualTo(4.1);
        assertThat(period.at("/byReason/housing/startedInPeriod").asLong()).isEqualTo(1);
        assertThat(period.at("/byReason/placement/startedInPeriod").asLong()).as("begun as housing").isZero();
        assertThat(period.at("/byReason/funding/startedInPeriod").asLong()).isEqualTo(1);
        assertThat(period.at("/byReason/funding/open").asLong()).as("a legal delay now").isZero();
        assertThat(period.at("/byReason/legal/open").asLong()).isEqualTo(1);
        assertThat(period.at("/byAttribution/social-care/bedDaysLost").asDouble()).isEqualTo(5.0);
        assertThat(period.at("/byAttribution/both/bedDaysLost").asDouble()).isEqualTo(3.0);
        assertThat(period.at("/byAttribution/nhs/bedDaysLost").asDouble()).isEqualTo(7.1);
        assertThat(period.at("/byLocalAuthority/Derby City Council/bedDaysLost").asDouble()).isEqualTo(5.0);
        assertThat(period.at("/byLocalAuthority/Derbyshire County Council/bedDaysLost").asDouble()).isEqualTo(10.1);

        JsonNode february = indicator(report, ward, "2026-02", "delayedDischarges");
        assertThat(february.at("/byReason/housing/open").asLong()).as("a housing delay at February's end").isEqualTo(1);
        assertThat(february.at("/byReason/housing/bedDaysLost").asDouble()).as("25 Feb 09:00 to 1 Mar").isEqualTo(3.6);
        assertThat(february.at("/byReason/placement")).as("not a placement delay in February").isEmpty();
        JsonNode march = indicator(report, ward, "2026-03", "delayedDischarges");
        assertThat(march.at("/byReason/housing/bedDaysLost").asDouble()).as("1 Mar to 2 Mar 09:00").isEqualTo(1.4);
        assertThat(march.at("/byReason/placement/bedDaysLost").asDouble()).isEqualTo(3.0);
    }

    // ---- outOfAreaPlacements ----

    /** PATHWAY.md sections 5 and 5a (seed 004: from 15 to 2): placements active now, begun, and bed days out of area. */
    @Test
    void outOfAreaPlacementsAreEpisodesEndedByRepatriation() throws Exception {
        String ward = ward();
        String repatriated = admitted("QHG", ward, "adult-acute", T0, true);
        at(T0.plus(Duration.ofDays(7)));
        fireDueTimers(repatriated);
        complete(repatriated, InpatientReviews.TASK_REVIEW_REPATRIATION, Map.of("repatriated", true,
                InpatientReviews.REPATRIATED_TO_WARD, ward, InpatientReviews.REPATRIATED_TO_HOSPITAL,
                "Luton and Dunstable Hospital", "repatriationPlan", "Bed at Luton"));
        String stillAway = admitted("QHG", ward, "adult-acute", T0.plus(Duration.ofDays(1)), true);
        admitted("QHG", ward, "adult-acute", T0, false);

        JsonNode report = indicators("ics=QHG&from=2026-03-01&to=2026-03-31&ward=" + ward);
        JsonNode march = indicator(report, ward, "2026-03", "outOfAreaPlacements");
        assertThat(march.get("numerator").asLong()).as("active now").isEqualTo(1);
        assertThat(march.get("denominator").asLong()).isEqualTo(3);
        assertThat(march.get("startedInPeriod").asLong()).isEqualTo(2);
        // 2 Mar 09:00 to 9 Mar 09:00, and 3 Mar 09:00 to 13 Mar 12:00
        assertThat(march.get("bedDaysOutOfArea").asDouble()).isEqualTo(17.1);
        assertThat(march.at("/target/atMost").asLong()).isEqualTo(2);
        assertThat(march.at("/target/met").asBoolean()).isTrue();
        assertThat(stillAway).isNotNull();
        everyFigureHasItsPatients(report, "QHG", ward);
    }

    /**
     * PATHWAY.md section 5b: a move out of the home ICS during the stay is an out-of-area placement from the move, and
     * the move back ends it; its bed days are counted on the out-of-area ward where it began.
     */
    @Test
    void aMoveOutOfAreaDuringTheStayCountsFromTheMoveToTheMoveBack() throws Exception {
        String homeWard = ward();
        String awayWard = ward();
        String returned = admitted("QHG", homeWard, "adult-acute", T0, false);
        at(T0.plus(Duration.ofDays(3)));
        assertThat(messages.personMoved(returned, now(), awayWard, "Priory Hospital", null, null, true, "No PICU bed"))
                .isTrue();
        at(T0.plus(Duration.ofDays(8)));
        assertThat(messages.personMoved(returned, now(), homeWard, "Test Unit", null, null, false, "Repatriated"))
                .isTrue();
        String stillAway = admitted("QHG", homeWard, "adult-acute", T0, false);
        at(NOW.minus(Duration.ofDays(2)));
        assertThat(messages.personMoved(stillAway, now(), awayWard, "Priory Hospital", null, null, true, "No bed"))
                .isTrue();

        JsonNode report = indicators("ics=QHG&from=2026-03-01&to=2026-03-31&ward=" + awayWard);
        JsonNode march = indicator(report, awayWard, "2026-03", "outOfAreaPlacements");
        assertThat(march.get("numerator").asLong()).as("active now").isEqualTo(1);
        assertThat(march.get("startedInPeriod").asLong()).isEqualTo(2);
        // 5 Mar 09:00 to 10 Mar 09:00, and 11 Mar 12:00 to 13 Mar 12:00
        assertThat(march.get("bedDaysOutOfArea").asDouble()).isEqualTo(7.0);
        JsonNode home = indicator(indicators("ics=QHG&from=2026-03-01&to=2026-03-31&ward=" + homeWard), homeWard,
                "2026-03", "outOfAreaPlacements");
        assertThat(home.get("startedInPeriod").asLong()).as("no placement began on the home ward").isZero();
    }

    // ---- longStays and learningDisabilityAndAutismInpatients ----

    /**
     * PATHWAY.md sections 2 and 5: long stays now, over 60 days for adults and over 90 for older adults; people with a
     * learning disability or autism in hospital against Nottingham and Nottinghamshire's trajectory (seed 003: no
     * more than 32). A month's figures are those at its end.
     */
    @Test
    void longStaysAndLearningDisabilityInpatientsAreCountedAtEachMonthsEnd() throws Exception {
        String ward = ward();
        admitted("QT1", ward, "adult-acute", Instant.parse("2026-01-01T09:00:00Z"), false);      // 71 days now
        admitted("QT1", ward, "older-adult", Instant.parse("2026-01-01T09:00:00Z"), false);      // 71 days: not long
        admitted("QT1", ward, "older-adult", Instant.parse("2025-12-01T09:00:00Z"), false);      // 102 days
        admitted("QT1", ward, "learning-disability-and-autism", T0, false, true);
        // in hospital 1 December to 15 February: a long stay at the end of January, gone by March
        String left = admitted("QT1", ward, "adult-acute", Instant.parse("2025-12-01T09:00:00Z"), false);
        completeKeyStage1(left);
        at(Instant.parse("2026-02-13T09:00:00Z"));
        confirmClinicallyReady(left);
        dischargeWithSupportInPlace(left, "home");

        JsonNode report = indicators("ics=QT1&from=2026-01&to=2026-03&ward=" + ward);
        JsonNode now = indicator(report, ward, "2026-03", "longStays");
        assertThat(now.get("adultsOver60Days").asLong()).isEqualTo(1);
        assertThat(now.get("olderAdultsOver90Days").asLong()).isEqualTo(1);
        assertThat(now.get("numerator").asLong()).isEqualTo(2);
        assertThat(now.get("denominator").asLong()).isEqualTo(4);
        JsonNode january = indicator(report, ward, "2026-01", "longStays");
        assertThat(january.get("adultsOver60Days").asLong()).as("62 days on 1 February").isEqualTo(1);
        assertThat(january.get("olderAdultsOver90Days").asLong()).isZero();
        assertThat(january.get("denominator").asLong()).isEqualTo(4);
        assertThat(indicator(report, ward, null, "longStays")).as("the period's figures are now's").isEqualTo(now);

        JsonNode lda = indicator(report, ward, "2026-03", "learningDisabilityAndAutismInpatients");
        assertThat(lda.get("numerator").asLong()).isEqualTo(1);
        assertThat(lda.at("/target/atMost").asLong()).isEqualTo(32);
        assertThat(lda.at("/target/met").asBoolean()).isTrue();
        assertThat(indicator(report, ward, "2026-01", "learningDisabilityAndAutismInpatients").get("numerator")
                .asLong()).isZero();
        everyFigureHasItsPatients(report, "QT1", ward);
    }

    // ---- keyStage1Within72Hours ----

    /** PATHWAY.md sections 2 and 5: all of Key Stage 1 within 72 hours of admission, counted by month of admission. */
    @Test
    void keyStage1Within72HoursCountsAdmissionsWhoseOutcomeIsKnown() throws Exception {
        String ward = ward();
        String onTime = admitted("QJ2", ward, "adult-acute", T0, false);
        later(Duration.ofHours(1));
        completeKeyStage1(onTime);
        String late = admitted("QJ2", ward, "adult-acute", T0, false);
        later(Duration.ofHours(80));
        completeKeyStage1(late);
        admitted("QJ2", ward, "adult-acute", T0, false); // never completed
        admitted("QJ2", ward, "adult-acute", NOW.minus(Duration.ofHours(10)), false); // its 72 hours not over

        JsonNode report = indicators("ics=QJ2&from=2026-03-01&to=2026-03-31&ward=" + ward);
        everyFigureHasItsPatients(report, "QJ2", ward);
        JsonNode ks1 = indicator(report, ward, "2026-03", "keyStage1Within72Hours");
        assertThat(ks1.get("admissions").asLong()).isEqualTo(4);
        assertThat(ks1.get("pending").asLong()).isEqualTo(1);
        assertThat(ks1.get("denominator").asLong()).isEqualTo(3);
        assertThat(ks1.get("numerator").asLong()).isEqualTo(1);
    }

    // ---- dischargeNoticeGiven48Hours, gpSummaryWithin7Days, readmissionsWithin30Days ----

    /**
     * PATHWAY.md sections 2 and 5: at least 48 hours' notice of discharge; the discharge summary to the GP within 7
     * days; readmission within 30 days of discharge. A death counts in none.
     */
    @Test
    void noticeGpSummaryAndReadmissionAreCountedOverTheMonthsDischarges() throws Exception {
        String ward = ward();
        String nhs = newNhsNumber();
        // discharged Tuesday 3 February with 48 hours' notice, summary two days on; readmitted ten days after
        String readmitted = admitted(nhs, "QJ2", ward, "adult-acute", Instant.parse("2026-01-20T09:00:00Z"), false, false);
        completeKeyStage1(readmitted);
        at(Instant.parse("2026-02-01T09:00:00Z"));
        confirmClinicallyReady(readmitted);
        dischargeWithSupportInPlace(readmitted, "home");
        completeFollowUp(readmitted, false);
        later(Duration.ofDays(2));
        sendGpSummary(readmitted);
        at(Instant.parse("2026-02-13T09:00:00Z"));
        admitted(nhs, "QJ2", ward, "adult-acute", now(), false, false);
        // discharged 30 hours after the notice; the summary nine days on
        String shortNotice = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-01-20T09:00:00Z"), false);
        completeKeyStage1(shortNotice);
        at(Instant.parse("2026-02-01T09:00:00Z"));
        confirmClinicallyReady(shortNotice);
        complete(shortNotice, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        Instant notice = now();
        dischargeAfterNotice(shortNotice, notice, notice.plus(Duration.ofHours(30)), "home");
        completeFollowUp(shortNotice, false);
        at(notice.plus(Duration.ofDays(9)));
        fireDueTimers(shortNotice);
        sendGpSummary(shortNotice);
        // died in hospital
        String died = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-01-20T09:00:00Z"), false);
        completeKeyStage1(died);
        at(Instant.parse("2026-02-05T09:00:00Z"));
        assertThat(messages.personDied(died, now(), "On the ward", null)).isTrue();

        JsonNode report = indicators("ics=QJ2&from=2026-02&to=2026-03&ward=" + ward);
        JsonNode notices = indicator(report, ward, "2026-02", "dischargeNoticeGiven48Hours");
        assertThat(notices.get("denominator").asLong()).isEqualTo(2);
        assertThat(notices.get("numerator").asLong()).isEqualTo(1);
        assertThat(notices.get("noNoticeRecorded").asLong()).isZero();
        JsonNode gp = indicator(report, ward, "2026-02", "gpSummaryWithin7Days");
        assertThat(gp.get("denominator").asLong()).isEqualTo(2);
        assertThat(gp.get("numerator").asLong()).isEqualTo(1);
        JsonNode readmissions = indicator(report, ward, "2026-02", "readmissionsWithin30Days");
        assertThat(readmissions.get("discharges").asLong()).isEqualTo(2);
        assertThat(readmissions.get("pending").asLong()).isZero();
        assertThat(readmissions.get("numerator").asLong()).isEqualTo(1);
        assertThat(readmissions.get("rate").asDouble()).isEqualTo(0.5);
        assertThat(indicator(report, ward, "2026-03", "readmissionsWithin30Days").get("discharges").asLong()).isZero();
        everyFigureHasItsPatients(report, "QJ2", ward);
    }

    // ---- cetrOnTime and oversightVisitsOnTime ----

    /**
     * PATHWAY.md sections 2 and 5 (seed 004: C(E)TRs 75% by September and 95% by March; oversight visits 80% and 100%):
     * held on time of those due, by the month they fell due. A C(E)TR held before admission is on time; one not yet
     * due when the stay ends was never owed.
     */
    @Test
    void cetrsAndOversightVisitsAreCountedHeldOnTimeOfThoseDue() throws Exception {
        String ward = ward();
        // admitted 5 January without a pre-admission C(E)TR: held on day 10 of 28; first oversight visit 3 days late
        String late = admitted("QHG", ward, "learning-disability-and-autism", Instant.parse("2026-01-05T09:00:00Z"),
                false, false);
        at(Instant.parse("2026-01-15T09:00:00Z"));
        complete(late, InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS, Map.of("cetrHeldAt", iso(now()),
                "cetrRecommendations", "Continue assessment"));
        at(Instant.parse("2026-03-02T09:00:00Z"));
        fireDueTimers(late);
        at(Instant.parse("2026-03-05T10:00:00Z"));
        complete(late, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT, Map.of("oversightVisitAt", iso(now()),
                "oversightFindings", "Least restrictive care"));
        // a C(E)TR before admission on 4 January; the oversight visit of 2 March never recorded
        String before = admitted("QHG", ward, "learning-disability-and-autism", Instant.parse("2026-01-05T09:00:00Z"),
                false, true);
        at(Instant.parse("2026-03-02T09:00:00Z"));
        fireDueTimers(before);
        // discharged within a week, before its C(E)TR was due
        String shortStay = admitted("QHG", ward, "learning-disability-and-autism",
                Instant.parse("2026-02-02T09:00:00Z"), false, false);
        completeKeyStage1(shortStay);
        confirmClinicallyReady(shortStay);
        dischargeWithSupportInPlace(shortStay, "home");

        JsonNode report = indicators("ics=QHG&from=2026-01-01&to=2026-03-31&ward=" + ward);
        JsonNode cetr = indicator(report, ward, null, "cetrOnTime");
        assertThat(cetr.get("denominator").asLong()).isEqualTo(2);
        assertThat(cetr.get("numerator").asLong()).isEqualTo(2);
        assertThat(cetr.get("rate").asDouble()).isEqualTo(1.0);
        assertThat(cetr.at("/target/atLeast").asDouble()).as("95% by March 2026").isEqualTo(0.95);
        assertThat(cetr.at("/target/met").asBoolean()).isTrue();
        assertThat(indicator(report, ward, "2026-01", "cetrOnTime").get("denominator").asLong())
                .as("held before admission, in January").isEqualTo(1);
        assertThat(indicator(report, ward, "2026-02", "cetrOnTime").get("denominator").asLong())
                .as("the 28-day C(E)TR fell due on 2 February").isEqualTo(1);
        JsonNode visits = indicator(report, ward, "2026-03", "oversightVisitsOnTime");
        assertThat(visits.get("denominator").asLong()).isEqualTo(2);
        assertThat(visits.get("numerator").asLong()).isZero();
        assertThat(visits.at("/target/atLeast").asDouble()).as("80% by September 2026").isEqualTo(0.8);
        assertThat(visits.at("/target/met").asBoolean()).isFalse();
        everyFigureHasItsPatients(report, "QHG", ward);
    }

    /**
     * PATHWAY.md sections 2 and 5 (seed 004 counts C(E)TRs and oversight visits held on time; issue 13: a late
     * recurring review is recorded as missed like the one-off deadlines): a six-monthly C(E)TR held two days late and
     * an oversight visit never recorded count as due and not held on time, and each as a deadline missed, for managers
     * to answer.
     */
    @Test
    void lateSixMonthlyCetrAndOversightVisitAreMissedInTheReviewFiguresAndTheDeadlines() throws Exception {
        String ward = ward();
        // a C(E)TR before admission on 4 September 2025: the next falls due on 4 March 2026
        String id = admitted("QHG", ward, "learning-disability-and-autism", Instant.parse("2025-09-05T09:00:00Z"),
                false, true);
        at(Instant.parse("2026-03-04T12:00:00Z"));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR)).hasSize(1);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_OVERSIGHT_VISIT)).hasSize(1);
        // after midnight both are late
        at(Instant.parse("2026-03-05T00:30:00Z"));
        fireDueTimers(id);
        at(Instant.parse("2026-03-06T10:00:00Z"));
        complete(id, InpatientReviews.TASK_HOLD_SIX_MONTHLY_CETR, Map.of("cetrHeldAt", iso(now()),
                "cetrRecommendations", "Step down to supported living"));

        JsonNode report = indicators("ics=QHG&from=2026-03&to=2026-03&ward=" + ward);
        JsonNode cetr = indicator(report, ward, null, "cetrOnTime");
        assertThat(cetr.get("denominator").asLong()).isEqualTo(1);
        assertThat(cetr.get("numerator").asLong()).isZero();
        JsonNode visits = indicator(report, ward, null, "oversightVisitsOnTime");
        assertThat(visits.get("denominator").asLong()).isEqualTo(1);
        assertThat(visits.get("numerator").asLong()).isZero();
        JsonNode deadlines = indicator(report, ward, null, "deadlines");
        assertThat(deadlines.at("/byTeam/managers/breached").asLong()).as("the C(E)TR and the visit").isEqualTo(2);
        assertThat(deadlines.at("/byTeam/managers/breachesAwaitingResponse").asLong()).isEqualTo(2);
        assertThat(deadlines.at("/byTeam/managers/overdue").asLong()).as("the visit still not recorded").isEqualTo(1);
        assertThat(breaches.forPathway(id)).extracting(b -> b.slaCode() + " due " + b.dueAt())
                .contains("cetr-review due 2026-03-04T23:59:59Z", "oversight-visit due 2026-03-04T23:59:59Z");
    }

    // ---- deadlines ----

    /**
     * PATHWAY.md sections 1 and 5: deadlines running now, due within 24 hours and overdue, by ward, team and
     * escalation level; the deadlines missed in each month.
     */
    @Test
    void deadlinesRunningDueSoonAndBreachedByTeamAndEscalationLevel() throws Exception {
        String ward = ward();
        String id = admitted("QJ2", ward, "adult-acute", NOW.minus(Duration.ofHours(70)), false);
        at(NOW);
        JsonNode soon = indicator(indicators("ics=QJ2&from=2026-03&ward=" + ward), ward, null, "deadlines");
        assertThat(soon.get("running").asLong()).as("the four Key Stage 1 tasks").isEqualTo(4);
        assertThat(soon.get("dueWithin24Hours").asLong()).isEqualTo(4);
        assertThat(soon.get("overdue").asLong()).isZero();
        assertThat(soon.at("/byTeam/ward-clinicians/running").asLong()).isEqualTo(4);

        // three hours later Key Stage 1 is missed, and the first daily and three-day reviews are due tonight
        Instant later = NOW.plus(Duration.ofHours(3));
        at(later);
        fireDueTimers(id);
        JsonNode breachedReport = indicatorsAt(later, "ics=QJ2&from=2026-03&ward=" + ward);
        everyFigureHasItsPatients(breachedReport, "QJ2", ward);
        JsonNode breached = indicator(breachedReport, ward, null, "deadlines");
        assertThat(breached.get("running").asLong()).isEqualTo(6);
        assertThat(breached.get("overdue").asLong()).isEqualTo(4);
        assertThat(breached.get("dueWithin24Hours").asLong()).isEqualTo(2);
        assertThat(breached.get("numerator").asLong()).isEqualTo(4);
        assertThat(breached.get("denominator").asLong()).isEqualTo(6);
        assertThat(breached.get("breached").asLong()).as("Key Stage 1 missed").isEqualTo(1);
        assertThat(breached.get("breachesAwaitingResponse").asLong()).isEqualTo(1);
        assertThat(breached.at("/byTeam/ward-clinicians/breached").asLong()).isEqualTo(1);

        // a delayed discharge at level 1 of the ladder: its climb is a deadline of the discharge hub
        String delayedWard = ward();
        String delayed = admitted("QJ2", delayedWard, "adult-acute", NOW.minus(Duration.ofDays(10)), false);
        completeKeyStage1(delayed);
        at(NOW);
        confirmClinicallyReady(delayed);
        delayed(delayed, "housing", "social-care", "Derby City Council");
        JsonNode ladderReport = indicators("ics=QJ2&from=2026-03&ward=" + delayedWard);
        everyFigureHasItsPatients(ladderReport, "QJ2", delayedWard);
        JsonNode ladder = indicator(ladderReport, delayedWard, null, "deadlines");
        assertThat(ladder.at("/byEscalationLevel/delayed-discharge/1/running").asLong()).isEqualTo(1);
        assertThat(ladder.at("/byEscalationLevel/delayed-discharge/1/name").asText())
                .isEqualTo("Ward and discharge coordinator");
        assertThat(ladder.at("/byTeam/discharge-hub/running").asLong()).isEqualTo(1);

        // a month that has ended has no figures "now"
        JsonNode february = indicator(indicators("ics=QJ2&from=2026-02&to=2026-03&ward=" + ward), ward, "2026-02",
                "deadlines");
        assertThat(february.get("running").isNull()).isTrue();
        assertThat(february.get("rate").isNull()).isTrue();
        assertThat(february.get("breached").asLong()).isZero();
        everyFigureHasItsPatients(indicators("ics=QJ2&from=2026-02&to=2026-03&ward=" + ward), "QJ2", ward);
    }

    // ---- the patients behind a figure ----

    /**
     * Issue 13: the dashboard drills into the patients behind a figure. Each pathway comes with how it counted and the
     * dates that decided it; what needs attention comes first; one status can be asked for; a long list is cut at the
     * limit with the counts still whole; and the list is that of the figure's cell (month, ward).
     */
    @Test
    void thePatientsBehindAFigureComeWithTheDatesThatDecidedIt() throws Exception {
        String ward = ward();
        String onTime = admitted("QJ2", ward, "adult-acute", T0, false);
        later(Duration.ofHours(1));
        completeKeyStage1(onTime);
        String late = admitted("QJ2", ward, "adult-acute", T0, false);
        later(Duration.ofHours(80));
        completeKeyStage1(late);
        String never = admitted("QJ2", ward, "adult-acute", T0.plus(Duration.ofHours(2)), false);
        String february = admitted("QJ2", ward, "adult-acute", Instant.parse("2026-02-10T09:00:00Z"), false);
        at(NOW);

        JsonNode march = patients("keyStage1Within72Hours", "ics=QJ2&from=2026-02&to=2026-03&month=2026-03&ward="
                + ward);
        assertThat(march.get("indicator").asText()).isEqualTo("keyStage1Within72Hours");
        assertThat(march.get("month").asText()).isEqualTo("2026-03");
        assertThat(march.get("numerator").asLong()).isEqualTo(1);
        assertThat(march.at("/counts/missed").asLong()).isEqualTo(2);
        assertThat(march.at("/counts/met").asLong()).isEqualTo(1);
        assertThat(march.get("patients").findValuesAsText("pathwayId")).as("the misses first, oldest first")
                .containsExactly(late, never, onTime);
        JsonNode first = march.at("/patients/0");
        assertThat(first.get("ward").asText()).isEqualTo(ward);
        assertThat(first.get("status").asText()).isEqualTo("missed");
        assertThat(first.get("inNumerator").asBoolean()).isFalse();
        assertThat(first.at("/dates/admittedAt").asText()).isEqualTo("2026-03-02T09:00:00Z");
        assertThat(first.at("/dates/keyStage1CompletedAt").asText()).isEqualTo("2026-03-05T17:00:00Z");
        assertThat(march.at("/patients/1/dates/keyStage1CompletedAt").isNull()).isTrue();
        assertThat(march.at("/patients/2/inNumerator").asBoolean()).isTrue();

        JsonNode whole = patients("keyStage1Within72Hours", "ics=QJ2&from=2026-02&to=2026-03&ward=" + ward);
        assertThat(whole.get("month").isNull()).isTrue();
        assertThat(whole.get("patients").findValuesAsText("pathwayId")).contains(february).hasSize(4);
        JsonNode onlyMet = patients("keyStage1Within72Hours", "ics=QJ2&from=2026-03&status=met&ward=" + ward);
        assertThat(onlyMet.get("patients").findValuesAsText("pathwayId")).containsExactly(onTime);
        assertThat(onlyMet.at("/counts/missed").asLong()).as("the counts stay whole").isEqualTo(2);
        JsonNode cut = patients("keyStage1Within72Hours", "ics=QJ2&from=2026-03&limit=1&ward=" + ward);
        assertThat(cut.get("patients")).hasSize(1);
        assertThat(cut.get("total").asLong()).isEqualTo(3);
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(patients("keyStage1Within72Hours", "ics=QJ2&from=2026-03&ward=another-ward").get("patients"))
                .isEmpty();
    }

    /**
     * Issue 13: the drill-down is the managers' and of their own ICS only; an unknown indicator is not found, and each
     * bad parameter is named.
     */
    @Test
    void patientsBehindAFigureAreForManagersOfTheirOwnIcsAndBadParametersAreNamed() throws Exception {
        at(NOW);
        mvc.perform(get("/api/indicators/deadlines/patients").param("ics", "QJ2").with(as(MANAGER, PASSWORD)))
                .andExpect(status().isOk());
        MvcResult other = mvc.perform(get("/api/indicators/deadlines/patients").param("ics", "QT1")
                .with(as(MANAGER, PASSWORD))).andExpect(status().isNotFound()).andReturn();
        assertThat(json(other).at("/errors/0/field").asText()).isEqualTo("ics");
        mvc.perform(get("/api/indicators/delayedDischarges/patients").param("ics", "QJ2").with(as(HUB, PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/indicators/deadlines/patients").param("ics", "QJ2").with(as(CLINICIAN, PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/indicators/deadlines/patients").param("ics", "QJ2").with(anonymous()))
                .andExpect(status().isUnauthorized());
        MvcResult unknown = mvc.perform(get("/api/indicators/bedOccupancy/patients").param("ics", "QJ2"))
                .andExpect(status().isNotFound()).andReturn();
        assertThat(json(unknown).at("/errors/0/field").asText()).isEqualTo("name");

        refused(get("/api/indicators/deadlines/patients"), "ics");
        refused(get("/api/indicators/deadlines/patients").param("ics", "QJ2").param("month", "2025-01"), "month");
        refused(get("/api/indicators/deadlines/patients").param("ics", "QJ2").param("month", "March"), "month");
        refused(get("/api/indicators/deadlines/patients").param("ics", "QJ2").param("status", "met"), "status");
        refused(get("/api/indicators/deadlines/patients").param("ics", "QJ2").param("limit", "0"), "limit");
        refused(get("/api/indicators/deadlines/patients").param("ics", "QJ2").param("limit", "many"), "limit");
        refused(get("/api/indicators/deadlines/patients").param("ics", "QJ2").param("from", "2026-13"), "from");
    }

    // ---- who may read what ----

    /** Issue 13: managers read their own ICS only; another ICS answers 404 whether or not it is served. */
    @Test
    void managersReadTheirOwnIcsAndAnotherIcsIsNotFoundWithoutSayingWhetherItExists() throws Exception {
        JsonNode own = json(mvc.perform(get("/api/indicators").with(as(MANAGER, PASSWORD))).andExpect(status().isOk())
                .andReturn());
        assertThat(own.get("results")).isNotEmpty().allSatisfy(c -> assertThat(c.get("ics").asText()).isEqualTo("QJ2"));
        assertThat(own.at("/results/0/indicators").size()).isEqualTo(IndicatorName.values().length);
        assertThat(own.at("/results/0/ward").isNull()).isTrue();
        assertThat(own.at("/results/0/month").isNull()).isTrue();
        assertThat(own.at("/results/0/icsName").asText()).isEqualTo("Derby and Derbyshire");

        MvcResult other = mvc.perform(get("/api/indicators").param("ics", "QT1").with(as(MANAGER, PASSWORD)))
                .andExpect(status().isNotFound()).andReturn();
        MvcResult unknown = mvc.perform(get("/api/indicators").param("ics", "QZZ").with(as(MANAGER, PASSWORD)))
                .andExpect(status().isNotFound()).andReturn();
        assertThat(json(other).at("/errors/0/field").asText()).isEqualTo("ics");
        assertThat(json(other).get("detail").asText().replace("QT1", "X"))
                .isEqualTo(json(unknown).get("detail").asText().replace("QZZ", "X"));

        JsonNode both = json(mvc.perform(get("/api/indicators").with(as(MANAGER_AND_HUB, PASSWORD)))
                .andExpect(status().isOk()).andReturn());
        assertThat(both.get("results").findValuesAsText("ics")).containsOnly("QJ2", "QT1");
    }

    /** Issue 13: the discharge hub reads the delay figures only; every other group is refused. */
    @Test
    void theDischargeHubReadsOnlyTheDelayFiguresAndOtherGroupsAreRefused() throws Exception {
        JsonNode hub = json(mvc.perform(get("/api/indicators").param("ics", "QJ2").with(as(HUB, PASSWORD)))
                .andExpect(status().isOk()).andReturn());
        assertThat(hub.get("results")).isNotEmpty().allSatisfy(c -> {
            List<String> names = new ArrayList<>();
            c.get("indicators").fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("delayedDischarges");
        });
        String csv = mvc.perform(get("/api/indicators").param("ics", "QJ2").accept("text/csv").with(as(HUB, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv.lines().skip(1)).allSatisfy(line -> assertThat(line).contains(",delayedDischarges,"));

        mvc.perform(get("/api/indicators").with(as(CLINICIAN, PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/indicators").with(as(ADMIN, PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/indicators").with(anonymous())).andExpect(status().isUnauthorized());
    }

    /**
     * A dashboard asks for what it shows: {@code byWard=false} answers the ICS's cells without each ward's, with the same
     * figures and the names of its wards; {@code indicators} counts only those named, in the answer's order.
     */
    @Test
    void aDashboardAsksForTheIcsCellsAndTheIndicatorsItShowsWithTheSameFigures() throws Exception {
        String ward = ward();
        String other = ward();
        admitted("QHG", ward, "adult-acute", T0, true);
        admitted("QHG", other, "older-adult", T0, false);
        String period = "ics=QHG&from=2026-02&to=2026-03";
        JsonNode whole = indicators(period);
        List<JsonNode> icsCells = new ArrayList<>();
        whole.get("results").forEach(c -> {
            if (c.get("ward").isNull()) {
                icsCells.add(c);
            }
        });
        assertThat(whole.get("results").size()).isGreaterThan(3);

        JsonNode lean = indicators(period + "&byWard=false");
        assertThat(lean.get("results")).hasSize(3).containsExactlyElementsOf(icsCells);
        assertThat(lean.at("/wards/QHG")).extracting(JsonNode::asText).contains(ward, other).isSorted();
        assertThat(whole.get("wards")).isEqualTo(lean.get("wards"));

        JsonNode two = indicators(period + "&byWard=false&indicators=deadlines,outOfAreaPlacements");
        assertThat(two.get("results")).hasSize(3).allSatisfy(c -> {
            List<String> names = new ArrayList<>();
            c.get("indicators").fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("outOfAreaPlacements", "deadlines");
        });
        for (int i = 0; i < 3; i++) {
            assertThat(two.at("/results/" + i + "/indicators/outOfAreaPlacements"))
                    .isEqualTo(icsCells.get(i).at("/indicators/outOfAreaPlacements"));
            assertThat(two.at("/results/" + i + "/indicators/deadlines"))
                    .isEqualTo(icsCells.get(i).at("/indicators/deadlines"));
        }
        // one ward asked for: its own cells, whatever byWard says
        JsonNode oneWard = indicators(period + "&ward=" + ward + "&byWard=false&indicators=outOfAreaPlacements");
        assertThat(oneWard.get("results")).hasSize(3)
                .allSatisfy(c -> assertThat(c.get("ward").asText()).isEqualTo(ward));
        assertThat(oneWard.at("/results/0/indicators/outOfAreaPlacements/numerator").asLong()).isEqualTo(1);

        // the hub reads the delay figures, and is told so when it asks for more
        mvc.perform(get("/api/indicators").param("ics", "QJ2").param("indicators", "delayedDischarges")
                .param("byWard", "false").with(as(HUB, PASSWORD))).andExpect(status().isOk());
        MvcResult more = mvc.perform(get("/api/indicators").param("ics", "QJ2")
                        .param("indicators", "delayedDischarges,deadlines").with(as(HUB, PASSWORD)))
                .andExpect(status().isForbidden()).andReturn();
        assertThat(json(more).at("/errors/0/field").asText()).isEqualTo("indicators");
    }

    // ---- CSV ----

    /** Issue 13: with Accept: text/csv, the same figures as CSV for a monthly return, one row per indicator per cell. */
    @Test
    void csvGivesOneRowPerIndicatorPerWardAndMonthWithItsFurtherFigures() throws Exception {
        String ward = ward();
        admitted("QHG", ward, "adult-acute", T0, true);
        at(NOW);
        MvcResult answer = mvc.perform(get("/api/indicators").param("ics", "QHG").param("from", "2026-02-01")
                        .param("to", "2026-03-31").param("ward", ward).accept("text/csv"))
                .andExpect(status().isOk()).andReturn();
        assertThat(answer.getResponse().getContentType()).startsWith("text/csv");
        assertThat(answer.getResponse().getHeader("Content-Disposition"))
                .contains("attachment").contains("indicators-QHG-2026-02-01-2026-03-13.csv");
        List<String> lines = answer.getResponse().getContentAsString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(IndicatorCsv.HEADER);
        assertThat(lines).contains(
                "QHG," + ward + ",2026-03,2026-03-01,2026-03-13,outOfAreaPlacements,,1,1,1.0,,2,2025-03-31,true",
                "QHG," + ward + ",2026-03,2026-03-01,2026-03-13,outOfAreaPlacements,startedInPeriod,1,,,,,,",
                "QHG," + ward + ",2026-02,2026-02-01,2026-02-28,outOfAreaPlacements,,0,0,,,2,2025-03-31,true");
        // one headline row per indicator for each of the three cells of the ward (the period, February, March)
        assertThat(lines.stream().filter(l -> l.split(",", -1)[6].isEmpty()).count())
                .isEqualTo(3L * IndicatorName.values().length);
        // JSON unless CSV is asked for first
        mvc.perform(get("/api/indicators").param("ics", "QHG").accept("application/json, text/csv;q=0.5"))
                .andExpect(status().isOk())
                .andExpect(r -> assertThat(r.getResponse().getContentType()).startsWith("application/json"));
    }

    /** A spreadsheet runs no text of the answer as a formula, and a comma in a ward's name stays in its field. */
    @Test
    void csvTextIsQuotedAndNeverAFormula() {
        assertThat(IndicatorCsv.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(IndicatorCsv.text("Ward 1, Radbourne")).isEqualTo("\"Ward 1, Radbourne\"");
        assertThat(IndicatorCsv.text("-1")).isEqualTo("'-1");
        assertThat(IndicatorCsv.text("Ward 7")).isEqualTo("Ward 7");
    }

    // ---- bad input ----

    /** Issue 13 and docs/api.md: each bad parameter is answered 400 problem+json naming it; CSV or not. */
    @Test
    void badParametersAreRefusedNamingEach() throws Exception {
        refused(get("/api/indicators").param("from", "2026-13-01"), "from");
        refused(get("/api/indicators").param("from", "March"), "from");
        refused(get("/api/indicators").param("to", "2026-02-30"), "to");
        refused(get("/api/indicators").param("from", "1850-01-01"), "from");
        refused(get("/api/indicators").param("from", "2026-03-10").param("to", "2026-03-01"), "to");
        refused(get("/api/indicators").param("from", "2026-04-01"), "from");
        refused(get("/api/indicators").param("from", "2023-01").param("to", "2026-02"), "to");
        refused(get("/api/indicators").param("ward", " "), "ward");
        refused(get("/api/indicators").param("ward", "W".repeat(101)), "ward");
        refused(get("/api/indicators").param("ics", "Q J2"), "ics");
        refused(get("/api/indicators").param("from", "soon").accept("text/csv"), "from");
        refused(get("/api/indicators").param("byWard", "no"), "byWard");
        refused(get("/api/indicators").param("indicators", "followUp"), "indicators");
        refused(get("/api/indicators").param("indicators", "deadlines,"), "indicators");
        MvcResult two = mvc.perform(get("/api/indicators").param("from", "x").param("ward", ""))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat(json(two).get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("from", "ward");
        // the whole of a three-year plan is allowed
        mvc.perform(get("/api/indicators").param("from", "2023-04").param("to", "2026-03")).andExpect(status().isOk());
    }

    // ---- helpers ----

    private JsonNode patients(String name, String query) throws Exception {
        return json(mvc.perform(get("/api/indicators/" + name + "/patients?" + query)).andExpect(status().isOk())
                .andReturn());
    }

    /**
     * For each indicator of each of the ward's cells (the period and each month), the patients behind it add up to its
     * figures: the numerator, and each further figure made of patients.
     */
    private void everyFigureHasItsPatients(JsonNode report, String ics, String ward) throws Exception {
        for (JsonNode cell : report.get("results")) {
            if (!ward.equals(cell.get("ward").asText(null))) {
                continue;
            }
            String month = cell.get("month").isNull() ? "" : "&month=" + cell.get("month").asText();
            var names = cell.get("indicators").fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                JsonNode figure = cell.at("/indicators/" + name);
                JsonNode list = patients(name, "ics=" + ics + "&from=" + report.get("from").asText() + "&to="
                        + report.get("to").asText() + "&ward=" + ward + month);
                String where = name + " of " + ward + " " + cell.get("month").asText("whole period");
                JsonNode n = list.get("counts");
                if (!figure.get("numerator").isNull()) {
                    assertThat(list.get("numerator").asLong()).as(where + ": numerator")
                            .isEqualTo(figure.get("numerator").asLong());
                }
                assertThat(list.get("patients").findValuesAsText("pathwayId")).as(where).hasSize(list.get("total")
                        .asInt());
                switch (name) {
                    case "followUpWithin72Hours" -> {
                        assertThat(n.get("missed").asLong() + n.get("met").asLong()).as(where)
                                .isEqualTo(figure.get("denominator").asLong());
                        assertThat(n.get("pending").asLong()).as(where).isEqualTo(figure.get("pending").asLong());
                        assertThat(n.get("excluded").asLong()).as(where).isEqualTo(figure.get("excluded").asLong());
                    }
                    case "cetrOnTime", "oversightVisitsOnTime", "keyStage1Within72Hours", "gpSummaryWithin7Days" -> {
                        assertThat(n.get("missed").asLong() + n.get("met").asLong()).as(where)
                                .isEqualTo(figure.get("denominator").asLong());
                        assertThat(n.get("pending").asLong()).as(where).isEqualTo(figure.get("pending").asLong());
                    }
                    case "readmissionsWithin30Days" -> {
                        assertThat(n.get("readmitted").asLong() + n.get("not-readmitted").asLong()).as(where)
                                .isEqualTo(figure.get("denominator").asLong());
                        assertThat(n.get("pending").asLong()).as(where).isEqualTo(figure.get("pending").asLong());
                    }
                    case "dischargeNoticeGiven48Hours" -> {
                        assertThat(list.get("total").asLong()).as(where).isEqualTo(figure.get("denominator").asLong());
                        assertThat(n.get("no-notice-recorded").asLong()).as(where)
                                .isEqualTo(figure.get("noNoticeRecorded").asLong());
                    }
                    case "delayedDischarges", "outOfAreaPlacements" -> {
                        long started = 0;
                        double days = 0;
                        for (JsonNode p : list.get("patients")) {
                            started += p.at("/details/startedInPeriod").asBoolean() ? 1 : 0;
                            days += p.at("/details/" + (name.equals("delayedDischarges") ? "bedDaysLost"
                                    : "bedDaysOutOfArea")).asDouble();
                        }
                        assertThat(started).as(where).isEqualTo(figure.get("startedInPeriod").asLong());
                        assertThat(days).as(where).isCloseTo(figure.get(name.equals("delayedDischarges")
                                ? "bedDaysLost" : "bedDaysOutOfArea").asDouble(), org.assertj.core.data.Offset
                                .offset(0.1 * Math.max(1, list.get("total").asInt())));
                    }
                    case "longStays" -> {
                        assertThat(n.get("adult-over-60-days").asLong()).as(where)
                                .isEqualTo(figure.get("adultsOver60Days").asLong());
                        assertThat(n.get("older-adult-over-90-days").asLong()).as(where)
                                .isEqualTo(figure.get("olderAdultsOver90Days").asLong());
                    }
                    case "deadlines" -> {
                        assertThat(n.get("breached").asLong()).as(where).isEqualTo(figure.get("breached").asLong());
                        if (!figure.get("running").isNull()) {
                            assertThat(n.get("overdue").asLong() + n.get("due-within-24-hours").asLong()
                                    + n.get("running").asLong()).as(where).isEqualTo(figure.get("running").asLong());
                            assertThat(n.get("due-within-24-hours").asLong()).as(where)
                                    .isEqualTo(figure.get("dueWithin24Hours").asLong());
                        } else {
                            assertThat(n.get("overdue").asLong() + n.get("running").asLong()).as(where).isZero();
                        }
                    }
                    default -> {
                        // learningDisabilityAndAutismInpatients: the numerator is all it counts of patients
                    }
                }
            }
        }
    }

    private void refused(MockHttpServletRequestBuilder request, String field) throws Exception {
        at(NOW);
        MvcResult answer = mvc.perform(request).andExpect(status().isBadRequest()).andReturn();
        assertThat(answer.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode body = json(answer);
        assertThat(body.get("type").asText()).isEqualTo("urn:mh-pathway:problem:invalid-request");
        assertThat(body.get("errors").findValuesAsText("field")).containsExactly(field);
    }

    private JsonNode indicators(String query) throws Exception {
        return indicatorsAt(NOW, query);
    }

    private JsonNode indicatorsAt(Instant when, String query) throws Exception {
        at(when);
        return json(mvc.perform(get("/api/indicators?" + query)).andExpect(status().isOk())
                .andReturn());
    }

    /** One indicator of the ward's cell for a month ("2026-03"), or the whole period (null). */
    private static JsonNode indicator(JsonNode report, String ward, String month, String name) {
        for (JsonNode cell : report.get("results")) {
            if (ward.equals(cell.get("ward").asText(null)) && (month == null ? cell.get("month").isNull()
                    : month.equals(cell.get("month").asText(null)))) {
                return cell.at("/indicators/" + name);
            }
        }
        throw new AssertionError("no cell for " + ward + " " + month + " in " + report);
    }

    private JsonNode json(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString());
    }

    private static String ward() {
        return "Ward-IND-" + WARDS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100_000, 36);
    }

    private static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Referred, assessed and given a bed on {@code ward} at {@code when}; the clock stays there. */
    private String admitted(String ics, String ward, String wardType, Instant when, boolean outOfArea) {
        return admitted(newNhsNumber(), ics, ward, wardType, when, outOfArea, false);
    }

    private String admitted(String ics, String ward, String wardType, Instant when, boolean outOfArea,
                            boolean cetrBeforeAdmission) {
        return admitted(newNhsNumber(), ics, ward, wardType, when, outOfArea, cetrBeforeAdmission);
    }

    private String admitted(String nhs, String ics, String ward, String wardType, Instant when, boolean outOfArea,
                            boolean cetrBeforeAdmission) {
        at(when);
        boolean ld = "learning-disability-and-autism".equals(wardType);
        String id = referrals.refer(new ReferralRequest(nhs, "1985-01-15", ld, false, wardType, ics, "C81001",
                "crisis-team", null));
        if (ld) {
            complete(id, InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR, cetrBeforeAdmission
                    ? Map.of("cetrHeldBeforeAdmission", true, "cetrHeldAt", iso(now().minus(Duration.ofDays(1))),
                            "cetrRecommendations", "Admit for assessment")
                    : Map.of("cetrHeldBeforeAdmission", false, "cetrNotHeldReason", "Emergency admission"));
        }
        assessAndDecide(id, true);
        Map<String, Object> bed = new HashMap<>(Map.of("ward", ward, "hospital", "Test Unit", "admittedAt", iso(now()),
                "outOfArea", outOfArea));
        if (outOfArea) {
            bed.put("outOfAreaReason", "No bed in area");
        }
        complete(id, InpatientPathway.TASK_ALLOCATE_BED, bed);
        return id;
    }

    /** Admitted at {@code when}, Key Stage 1 done, clinically ready and discharged 48 hours' notice later. */
    private String discharged(String ics, String ward, String wardType, Instant when, String destination) {
        String id = admitted(ics, ward, wardType, when, false);
        completeKeyStage1(id);
        confirmClinicallyReady(id);
        dischargeWithSupportInPlace(id, destination);
        return id;
    }

    private void delayed(String id, String reason, String attribution, String authority) {
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", reason, "delayAttribution", attribution, "responsibleLocalAuthority", authority,
                "delayNotes", "Waiting"));
    }

    /** The discharge hub's review of the delay, due now, restating its reason, attribution and local authority. */
    private void reviewDelay(String id, String reason, String attribution, String authority) {
        fireDueTimers(id);
        complete(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE, Map.of("delayReason", reason,
                "delayAttribution", attribution, "responsibleLocalAuthority", authority,
                "delayReviewNotes", "Reviewed with partners"));
    }

    /** Plan, notice given at {@code noticeAt}, and the discharge recorded as at {@code dischargedAt}. */
    private void dischargeAfterNotice(String id, Instant noticeAt, Instant dischargedAt, String destination) {
        complete(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT and home care",
                "estimatedDischargeDate", "2026-03-30", "eddChangeReason", "Date agreed with the community team"));
        complete(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(noticeAt),
                "plannedDischargeAt", iso(noticeAt.plus(Duration.ofHours(48))), "noticeGivenTo", noticeGivenTo()));
        complete(id, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(noticeAt.plus(Duration.ofHours(60))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
        Instant elapsed = noticeAt.plus(Duration.ofHours(48));
        at(dischargedAt.isAfter(elapsed) ? dischargedAt : elapsed);
        complete(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(dischargedAt),
                "dischargeDestination", destination));
    }

    private void user(String id, List<String> groups, List<String> tenants) {
        org.mhpathway.ApiTestUsers.ensureUser(identity, id, PASSWORD, groups, tenants);
    }
}
