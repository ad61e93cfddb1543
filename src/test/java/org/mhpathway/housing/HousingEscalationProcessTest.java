package org.mhpathway.housing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.contains;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.housing.HousingCases.HousingCase;
import org.mhpathway.partners.CareTeam;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerCredentials;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayProcesses.MultiAgencyDischargeEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * PATHWAY.md section 4: housing is worked from admission, not found at the end. People of no fixed abode or
 * threatened with homelessness within 56 days are referred to the housing authority under the duty to refer
 * (Housing Act 1996 s213B), with their consent; no answer within the local limits climbs the housing ladder
 * (application.yml: housing officer 2 days, discharge hub and the authority's manager 5 days, then a MADE);
 * accommodation secured closes the housing delay factor on the pathway.
 */
class HousingEscalationProcessTest extends ProcessTestCase {

    private static final Duration LEVEL_1_LIMIT = Duration.ofDays(2);
    private static final Duration LEVEL_2_LIMIT = Duration.ofDays(5);

    @Autowired MockMvc mvc;
    @Autowired HousingCases cases;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerCredentials credentials;
    @Autowired CareTeam careTeam;

    private Partner authority;
    private String authoritySecret;

    private static final String HOUSING_PASSWORD = "housing-only-qj2-password";

    @Autowired org.camunda.bpm.engine.IdentityService identity;

    @BeforeEach
    void housingOfficerOfOneIcs() {
        if (identity.createUserQuery().userId("housingonlyqj2").count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser("housingonlyqj2");
            user.setFirstName("Housing");
            user.setLastName("Officer");
            user.setPassword(HOUSING_PASSWORD);
            identity.saveUser(user);
            identity.createMembership("housingonlyqj2", org.mhpathway.security.Roles.HOUSING);
            identity.createTenantUserMembership("QJ2", "housingonlyqj2");
        }
    }

    @BeforeEach
    void housingAuthority() {
        String id = "ha-" + Long.toString(System.nanoTime(), 36);
        authority = new Partner(id, "Derby City Council housing options", PartnerRole.HOUSING_AUTHORITY, null,
                "QJ2", null, null, id + "@partners.example.org", false, true);
        authoritySecret = credentials.newSecret();
        directory.save(authority, credentials.hash(authoritySecret), now());
    }

    /** PATHWAY.md section 4, duty to refer: without the person's consent no referral is sent, and the reason is kept. */
    @Test
    void consentRefusedSendsNoReferralKeepsTheReasonAndTheOfficerWorksOn() throws Exception {
        String id = admitWithHousingNeed();
        ProcessInstance housing = instanceOf(id, HousingEscalation.KEY);
        assertThat(openTasks(id, HousingEscalation.TASK_ASSESS_HOUSING_NEED)).hasSize(1);
        assess(id, "homeless-within-56-days");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, Map.of("referralConsent", "no",
                "contactDetailsConsent", "no", "referralNotSentReason", "Wants to return to family first"));

        assertThat(housing).hasPassed(HousingEscalation.SERVICE_RECORD_REFERRAL_NOT_SENT)
                .hasNotPassed(HousingEscalation.SERVICE_SEND_DUTY_TO_REFER);
        assertWaitingAt(housing, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("duty-to-refer");
        HousingCase open = cases.open(id).orElseThrow();
        assertThat(open.needType()).isEqualTo("homeless-within-56-days");
        assertThat(open.referralConsent()).isEqualTo("no");
        assertThat(open.referralNotSentReason()).isEqualTo("Wants to return to family first");

        complete(id, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED, Map.of("accommodationDetails", "Sister's flat"));
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded().hasPassed(HousingEscalation.END_ACCOMMODATION_SECURED);
        mvc.perform(get("/api/pathways/" + id + "/housing")).andExpect(status().isOk())
                .andExpect(jsonPath("$.escalationRunning").value(false))
                .andExpect(jsonPath("$.cases[0].housingCase.referralNotSentReason").value("Wants to return to family first"))
                .andExpect(jsonPath("$.cases[0].housingCase.securedAt").isNotEmpty());
    }

    /** Consent given but not to sharing contact details: still no referral (s213B needs all three). */
    @Test
    void noConsentToShareContactDetailsSendsNoReferral() {
        String id = admitWithHousingNeed();
        assess(id, "no-fixed-abode");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, Map.of("referralConsent", "yes",
                "chosenHousingAuthority", "Derby City Council", "contactDetailsConsent", "no"));
        assertThat(cases.open(id).orElseThrow().referralNotSentReason()).isEqualTo("no consent to share contact details");
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("duty-to-refer");
    }

    /**
     * PATHWAY.md section 4: the referral goes to the housing authority, which acknowledges it through the partner
     * API (the ladder stops) and later answers completed: accommodation secured ends the escalation and clears the
     * housing need on the pathway.
     */
    @Test
    void referralAcknowledgedThenTheAuthoritySecuresAccommodation() throws Exception {
        String id = admitWithHousingNeed();
        referWithConsent(id);
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("duty-to-refer"))
                .extracting(n -> n.recipientRole(), n -> n.partnerId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("housing-authority", authority.id()));
        assertThat(cases.open(id).orElseThrow().escalationLevel()).isEqualTo(1);
        // what authorities ask for travels with the notice's text (PATHWAY.md section 4)
        String mail = java.util.Arrays.stream(org.mhpathway.PartnerTestServers.SMTP.getReceivedMessages())
                .filter(m -> { try { return m.getAllRecipients()[0].toString().startsWith(authority.id()); }
                               catch (Exception e) { return false; } })
                .map(com.icegreen.greenmail.util.GreenMailUtil::getBody).findFirst().orElseThrow();
        assertThat(mail).contains("Expected discharge date: 2026-03-30").contains("Housing need: no-fixed-abode")
                .contains("Local connection: Derby").contains("Authority the person chose: Derby City Council");

        later(Duration.ofDays(1));
        answer(id, "acknowledged").andExpect(status().isCreated());
        ProcessInstance housing = instanceOf(id, HousingEscalation.KEY);
        assertWaitingAt(housing, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);
        assertThat(cases.open(id).orElseThrow().authorityAnswer()).isEqualTo("acknowledged");

        later(Duration.ofDays(30));
        fireDueTimers(id);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("duty-to-refer-escalated");

        answer(id, "completed").andExpect(status().isCreated());
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded()
                .hasPassed(HousingEscalation.BOUNDARY_AUTHORITY_SECURED_ACCOMMODATION);
        HousingCase secured = cases.forPathway(id).get(0);
        assertThat(secured.securedBy()).isEqualTo(authority.id());
        assertThat(secured.securedAt()).isEqualTo(now());
        assertThat(housingNeedsLeft(id)).containsOnly(false);
    }

    /**
     * PATHWAY.md section 4: no answer from the housing authority climbs the ladder level by level, the authority's
     * manager told at level 2, up to a multi-agency discharge event at the top.
     */
    @Test
    void authoritySilentClimbsTheHousingLadderToAMultiAgencyDischargeEvent() {
        String id = admitWithHousingNeed();
        referWithConsent(id);

        later(LEVEL_1_LIMIT.minusMinutes(1));
        fireDueTimers(id);
        assertThat(escalationNotices(id)).isEmpty();
        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        assertThat(escalationNotices(id)).containsExactly("housing-authority");
        HousingCase atLevel2 = cases.open(id).orElseThrow();
        assertThat(atLevel2.escalationLevel()).isEqualTo(2);
        assertThat(atLevel2.escalationLevelName()).isEqualTo("Discharge hub and the housing authority's manager");
        assertThat(atLevel2.nextEscalationDue()).isEqualTo(now().plus(LEVEL_2_LIMIT));
        var chase = openTasks(id, HousingEscalation.TASK_CHASE_HOUSING_REFERRAL);
        assertThat(chase).extracting(org.camunda.bpm.engine.task.Task::getName, org.camunda.bpm.engine.task.Task::getDescription)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Chase housing referral",
                        "Escalation level: Discharge hub and the housing authority's manager"));
        assertThat(tasks.getIdentityLinksForTask(chase.get(0).getId())).extracting(l -> l.getGroupId())
                .containsExactly("discharge-hub");
        tasks.complete(chase.get(0).getId(), Map.of("chaseActions", "Rang the housing options manager"));

        later(LEVEL_2_LIMIT);
        fireDueTimers(id);
        assertThat(cases.open(id).orElseThrow().escalationLevel()).isEqualTo(3);
        assertThat(escalationNotices(id)).containsExactlyInAnyOrder("housing-authority", "housing-authority",
                "local-authority");
        ProcessInstance housing = instanceOf(id, HousingEscalation.KEY);
        assertThat(housing).hasPassed(HousingEscalation.SERVICE_CONVENE_HOUSING_DISCHARGE_EVENT);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(MultiAgencyDischargeEvent.KEY).count()).isEqualTo(1);
        assertWaitingAt(housing, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);

        assertThat(openTasks(id, HousingEscalation.TASK_CHASE_HOUSING_REFERRAL)).hasSize(1);
        complete(id, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED, Map.of("accommodationDetails", "Supported flat"));
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded().hasPassed(HousingEscalation.END_CHASE_ACTED_ON);
        assertThat(openTasks(id, HousingEscalation.TASK_CHASE_HOUSING_REFERRAL)).as("withdrawn once housing is found")
                .isEmpty();
    }

    /**
     * PATHWAY.md section 4: housing found before the person is clinically ready (no delay yet) ends the escalation
     * from the authority's answer at once; no delay is marked as cleared as none was open.
     */
    @Test
    void housingFoundWhileNotYetClinicallyReadyEndsTheEscalation() throws Exception {
        String id = admitWithHousingNeed();
        referWithConsent(id);
        answer(id, "completed").andExpect(status().isCreated())
                .andExpect(jsonPath("$.outcome").value(HousingEscalations.ACCOMMODATION_SECURED));
        assertThat(instanceOf(id, HousingEscalation.KEY)).isEnded()
                .hasPassed(HousingEscalation.GATEWAY_ACCOMMODATION_SECURED_BY_AUTHORITY)
                .hasNotPassed(HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);
        assertThat(cases.forPathway(id).get(0).housingDelayCleared()).isFalse();
        assertThat(housingNeedsLeft(id)).containsOnly(false);
    }

    /** PATHWAY.md sections 3 and 4: a delayed discharge waiting on housing is shown as cleared of it once housing is found. */
    @Test
    void accommodationSecuredClearsTheHousingDelayOfADelayedDischarge() {
        ProcessInstance discharge = startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()),
                "clinicallyReadyForDischarge", true, "ward", "Ward 1"));
        String id = discharge.getBusinessKey();
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "housing", "delayAttribution", "social-care",
                "responsibleLocalAuthority", "Derby City Council", "delayNotes", "No home to go to"));
        runtime.startProcessInstanceByKey(HousingEscalation.KEY, id, Map.of("pathwayId", id, "homeIcs", "QJ2"));
        assess(id, "repairs");
        complete(id, HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED, Map.of("accommodationDetails", "Repairs done"));
        assertThat(cases.forPathway(id).get(0).housingDelayCleared()).isTrue();
    }

    /** PATHWAY.md section 4: repairs, deep cleans, adaptations and sign-ups are tracked as actions with owners and dates. */
    @Test
    void practicalBlockersAreTrackedAsActionsWithOwnersAndDates() throws Exception {
        String id = admitWithHousingNeed();
        assess(id, "deep-clean");
        assertWaitingAt(instanceOf(id, HousingEscalation.KEY), HousingEscalation.TASK_RECORD_ACCOMMODATION_SECURED);

        mvc.perform(post("/api/pathways/" + id + "/housing/actions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"blocker\":\"deep-clean\",\"action\":\"Book deep clean\",\"owner\":\"Tenancy sustainment officer\",\"dueDate\":\"2026-03-09\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.owner").value("Tenancy sustainment officer"));
        mvc.perform(post("/api/pathways/" + id + "/housing/actions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"blocker\":\"roof\",\"owner\":\"\"}"))
                .andExpect(status().isBadRequest());
        long actionId = cases.actions(cases.open(id).orElseThrow().id()).get(0).id();
        mvc.perform(post("/api/pathways/" + id + "/housing/actions/" + actionId + "/done")).andExpect(status().isOk())
                .andExpect(jsonPath("$.doneAt").isNotEmpty());
        mvc.perform(get("/api/pathways/" + id + "/housing")).andExpect(status().isOk())
                .andExpect(jsonPath("$.escalationRunning").value(true))
                .andExpect(jsonPath("$.cases[0].housingCase.needType").value("deep-clean"))
                .andExpect(jsonPath("$.cases[0].actions[0].blocker").value("deep-clean"))
                .andExpect(jsonPath("$.cases[0].actions[0].dueDate").value("2026-03-09"));
    }

    /**
     * PATHWAY.md sections 1 and 4: the hub sees every housing escalation by level and age with the actions owed: each
     * open case of its ICSs, the level it climbs to next and when, and the blockers not yet done; filtered by level,
     * a bad filter named, another ICS refused.
     */
    @Test
    void everyOpenHousingCaseIsListedWithItsLevelNextEscalationAndTheActionsOwed() throws Exception {
        String id = admitWithHousingNeed();
        referWithConsent(id);
        later(LEVEL_1_LIMIT);
        fireDueTimers(id);
        mvc.perform(post("/api/pathways/" + id + "/housing/actions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"blocker\":\"deep-clean\",\"action\":\"Book deep clean\","
                                + "\"owner\":\"Tenancy sustainment officer\",\"dueDate\":\"2026-03-09\"}"))
                .andExpect(status().isCreated());

        String item = "$[?(@.pathwayId == '" + id + "')]";
        mvc.perform(get("/api/housing-cases").param("level", "2")).andExpect(status().isOk())
                .andExpect(jsonPath(item + ".homeIcs", contains("QJ2")))
                .andExpect(jsonPath(item + ".needType", contains("no-fixed-abode")))
                .andExpect(jsonPath(item + ".chosenAuthority", contains("Derby City Council")))
                .andExpect(jsonPath(item + ".escalationLevel", contains(2)))
                .andExpect(jsonPath(item + ".nextEscalationDue", contains(now().plus(LEVEL_2_LIMIT).toString())))
                .andExpect(jsonPath(item + ".nextEscalationLevelName", contains("Multi-agency discharge event")))
                .andExpect(jsonPath(item + ".daysOpen", contains(2)))
                .andExpect(jsonPath(item + ".delay", contains((Object) null)))
                .andExpect(jsonPath(item + ".actionsOwed[*].action", contains("Book deep clean")))
                .andExpect(jsonPath(item + ".actionsOwed[*].dueDate", contains("2026-03-09")));
        mvc.perform(get("/api/housing-cases").param("level", "1")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id))));
        mvc.perform(get("/api/housing-cases").param("level", "0")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("level")));
        mvc.perform(get("/api/housing-cases").param("ics", "XYZ").param("ward", " ")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder("ics", "ward")));
        mvc.perform(get("/api/housing-cases").param("ics", "QT1").with(org.mhpathway.ApiTestUsers.as(
                "housingonlyqj2", HOUSING_PASSWORD))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errors[*].field", contains("ics")));
        mvc.perform(get("/api/housing-cases").with(org.mhpathway.ApiTestUsers.as("housingonlyqj2", HOUSING_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].homeIcs", org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.is("QJ2"))));

        // the authority finds accommodation: the case is no longer open
        answer(id, "completed").andExpect(status().isCreated());
        mvc.perform(get("/api/housing-cases")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].pathwayId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id))));
    }

    /** PATHWAY.md section 4: a housing need recorded at any review starts the escalation, once for the pathway. */
    @Test
    void housingNeedRecordedAtAReviewStartsTheEscalationOnce() {
        Map<String, Object> variables = new HashMap<>(Map.of("admittedAt", iso(now()), "learningDisabilityOrAutism", false,
                "outOfArea", false, "readmission", false, "cetrHeldBeforeAdmission", false));
        ProcessInstance reviews = startCalledModel(InpatientReviews.KEY, variables);
        String id = reviews.getBusinessKey();
        for (int review = 0; review < 2; review++) {
            later(Duration.ofDays(4));
            fireDueTimers(id);
            complete(id, InpatientReviews.TASK_REVIEW_DELAY_FACTORS, Map.of("delayFactors", Spin.JSON("[\"housing\"]"),
                    "estimatedDischargeDate", "2026-04-10", "purposeCloseToMet", false, "delayFactorNotes", "No home"));
        }
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(HousingEscalation.KEY).count()).isEqualTo(1);
        assertThat(openTasks(id, HousingEscalation.TASK_ASSESS_HOUSING_NEED)).hasSize(1);
    }

    // ---- helpers ----

    /** Admitted, and discharge planning records a housing need at admission (Key Stage 1). */
    private String admitWithHousingNeed() {
        String id = refer("adult-acute", false);
        careTeam.assign(id, PartnerRole.HOUSING_AUTHORITY, authority.id(), now());
        assessAndDecide(id, true);
        allocateBed(id, false);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id)
                .processDefinitionKey(HousingEscalation.KEY).count()).isZero();
        complete(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-03-30",
                "intendedDestination", "home", "housingNeed", true, "housingNeedDetails", "Evicted last month"));
        return id;
    }

    private void assess(String id, String needType) {
        complete(id, HousingEscalation.TASK_ASSESS_HOUSING_NEED, Map.of("housingNeedType", needType,
                "housingNeedNotes", "Local connection: Derby; risk: self-neglect"));
    }

    private void referWithConsent(String id) {
        assess(id, "no-fixed-abode");
        complete(id, HousingEscalation.TASK_RECORD_REFERRAL_CONSENT, Map.of("referralConsent", "yes",
                "chosenHousingAuthority", "Derby City Council", "contactDetailsConsent", "yes"));
        fireDueTimers(id);
        assertWaitingAt(instanceOf(id, HousingEscalation.KEY), HousingEscalation.GATEWAY_AWAIT_AUTHORITY);
    }

    private ResultActions answer(String pathwayId, String kind) throws Exception {
        String body = "{\"messageId\":\"msg-" + UUID.randomUUID() + "\",\"pathwayId\":\"" + pathwayId
                + "\",\"kind\":\"" + kind + "\",\"event\":\"duty-to-refer\"}";
        String basic = "Basic " + Base64.getEncoder().encodeToString((authority.id() + ":" + authoritySecret)
                .getBytes(StandardCharsets.UTF_8));
        return mvc.perform(post("/api/partner-messages").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, basic).content(body));
    }

    private List<String> escalationNotices(String id) {
        return notifications.forPathway(id).stream().filter(n -> n.event().equals("duty-to-refer-escalated"))
                .map(n -> n.recipientRole()).toList();
    }

    /** The housing need as the pathway's running processes still carry it. */
    private List<Object> housingNeedsLeft(String id) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).active().list().stream()
                .map(p -> runtime.getVariable(p.getId(), "housingNeed")).filter(v -> v != null).toList();
    }
}
