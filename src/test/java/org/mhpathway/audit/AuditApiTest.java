package org.mhpathway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.mhpathway.ApiTestUsers.anonymous;
import static org.mhpathway.ApiTestUsers.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.audit.AuditEntry.Action;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.access.Roles;
import org.mhpathway.system.JdbcTimes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The audit trail of {@code /api}: what is recorded for whom, and {@code GET /api/audit} for administrators. */
class AuditApiTest extends ProcessTestCase {

    static final String ADMIN = "auditadmin";
    static final String NOTTS_NURSE = "nottsnurse";
    static final String LISTER = "auditlister";
    static final String HOUSING_OFFICER = "audithousing";
    static final String PASSWORD = "audit-test-password-1";

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired IdentityService identity;
    @Autowired AuditTrail trail;
    @Autowired AuditRetention retention;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void users() {
        user(ADMIN, List.of(Groups.CAMUNDA_ADMIN), List.of());
        user(NOTTS_NURSE, List.of(Roles.WARD_CLINICIANS), List.of("QT1"));
        user(LISTER, List.of(Roles.WARD_CLINICIANS, Roles.DISCHARGE_HUB), List.of("QJ2", "QT1", "QHG"));
        user(HOUSING_OFFICER, List.of(Roles.HOUSING), List.of("QJ2", "QT1", "QHG"));
    }

    private void user(String id, List<String> groups, List<String> tenants) {
        org.mhpathway.ApiTestUsers.ensureUser(identity, id, PASSWORD, groups, tenants);
    }

    private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(as(ADMIN, PASSWORD));
    }

    private List<AuditEntry> entriesOf(String pathwayId) {
        return trail.find(pathwayId, null, null, null, 1000);
    }

    @Test
    void viewingAPathwayIsRecordedWithUserPathwayActionAndOutcome() throws Exception {
        String pathwayId = refer("adult-acute", false);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        mvc.perform(get("/api/pathways/{id}", pathwayId)).andExpect(status().isOk());

        List<AuditEntry> entries = entriesOf(pathwayId);
        assertThat(entries).hasSize(1);
        AuditEntry entry = entries.get(0);
        assertThat(entry.userId()).isEqualTo(ApiTestUsers.TESTER);
        assertThat(entry.pathwayId()).isEqualTo(pathwayId);
        assertThat(entry.action()).isEqualTo(Action.VIEW);
        assertThat(entry.surface()).isEqualTo(Surface.API);
        assertThat(entry.what()).isEqualTo("GET /api/pathways/{pathwayId}");
        assertThat(entry.outcome()).isEqualTo(200);
        assertThat(entry.at()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    }

    @Test
    void aReferralIsRecordedAsAChangeOfThePathwayItCreated() throws Exception {
        String body = json.createObjectNode().put("nhsNumber", newNhsNumber()).put("dateOfBirth", "1990-04-01")
                .put("learningDisabilityOrAutism", false).put("ehcPlan", false).put("wardType", "adult-acute")
                .put("homeIcs", "QJ2").put("gpPracticeCode", "C81001").put("referralSource", "crisis-team").toString();
        String response = mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String pathwayId = json.readTree(response).get("pathwayId").asText();

        assertThat(entriesOf(pathwayId)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(ApiTestUsers.TESTER);
            assertThat(e.action()).isEqualTo(Action.CHANGE);
            assertThat(e.what()).isEqualTo("POST /api/referrals");
            assertThat(e.outcome()).isEqualTo(201);
        });
    }

    @Test
    void aReferralRefusedBecauseThePersonHasAPathwayIsRecordedAgainstThatPathway() throws Exception {
        String nhsNumber = newNhsNumber();
        String existing = refer(nhsNumber, "1990-04-01", false, false, "adult-acute");
        String body = json.createObjectNode().put("nhsNumber", nhsNumber).put("dateOfBirth", "1990-04-01")
                .put("learningDisabilityOrAutism", false).put("ehcPlan", false).put("wardType", "adult-acute")
                .put("homeIcs", "QJ2").put("gpPracticeCode", "C81001").put("referralSource", "crisis-team").toString();

        mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict());

        assertThat(entriesOf(existing)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.CHANGE);
            assertThat(e.what()).isEqualTo("POST /api/referrals");
            assertThat(e.outcome()).isEqualTo(409);
        });
    }

    @Test
    void aChangeUnderAPathwayIsRecordedWithItsStatus() throws Exception {
        String pathwayId = refer("adult-acute", false);

        // a care team member who is not in the directory: refused with 400, recorded as a change that failed
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/pathways/{id}/care-team/{role}", pathwayId, "community-mh-team")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"partnerId\":\"no-such-partner\"}"))
                .andExpect(status().is4xxClientError());

        assertThat(entriesOf(pathwayId)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(Action.CHANGE);
            assertThat(e.what()).isEqualTo("PUT /api/pathways/{pathwayId}/care-team/{role}");
            assertThat(e.outcome()).isBetween(400, 499);
        });
    }

    @Test
    void aViewRefusedAcrossIcssIsRecordedWithTheRefusal() throws Exception {
        String derbyshire = refer("adult-acute", false); // QJ2

        mvc.perform(get("/api/pathways/{id}", derbyshire).with(as(NOTTS_NURSE, PASSWORD)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/pathways/{id}/discharge-events", derbyshire).with(as(NOTTS_NURSE, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().is4xxClientError());

        assertThat(entriesOf(derbyshire)).extracting(AuditEntry::userId, AuditEntry::action, AuditEntry::what,
                        AuditEntry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NOTTS_NURSE, Action.CHANGE,
                                "POST /api/pathways/{pathwayId}/discharge-events", 404),
                        org.assertj.core.groups.Tuple.tuple(NOTTS_NURSE, Action.VIEW,
                                "GET /api/pathways/{pathwayId}", 404));
    }

    @Test
    void aViewRefusedToTheGroupIsRecordedWithTheRefusal() throws Exception {
        String pathwayId = refer("adult-acute", false); // no delayed discharge: housing may not see it

        mvc.perform(get("/api/pathways/{id}", pathwayId).with(as(HOUSING_OFFICER, PASSWORD)))
                .andExpect(status().isForbidden());

        assertThat(entriesOf(pathwayId)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(HOUSING_OFFICER);
            assertThat(e.action()).isEqualTo(Action.VIEW);
            assertThat(e.outcome()).isEqualTo(403);
        });
    }

    @Test
    void aRequestWithoutAKnownUserOrPathwayIsNotRecorded() throws Exception {
        String pathwayId = refer("adult-acute", false);

        mvc.perform(get("/api/pathways/{id}", pathwayId).with(anonymous())).andExpect(status().isUnauthorized());
        // (a wrong password of a real user would lock them out for a moment: Camunda's brute-force protection)
        mvc.perform(get("/api/pathways/{id}", pathwayId).with(as("no-such-user", "wrong-password")))
                .andExpect(status().isUnauthorized());

        assertThat(entriesOf(pathwayId)).isEmpty();
    }

    @Test
    void theDelayedDischargeListRecordsOneViewPerPathwayListed() throws Exception {
        String first = startDischarge("Ward 7");
        confirmDelayed(first);
        String second = startDischarge("Ward 8");
        confirmDelayed(second);
        Instant before = Instant.now().minusMillis(1);

        String body = mvc.perform(get("/api/delayed-discharges").with(as(LISTER, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        Set<String> listed = new HashSet<>();
        json.readTree(body).forEach(item -> listed.add(item.get("pathwayId").asText()));
        assertThat(listed).contains(first, second);
        List<AuditEntry> rows = trail.find(null, LISTER, before, null, 1000);
        assertThat(rows).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(Action.VIEW);
            assertThat(e.what()).isEqualTo("GET /api/delayed-discharges");
            assertThat(e.outcome()).isEqualTo(200);
        });
        assertThat(rows).extracting(AuditEntry::pathwayId).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void theListWithoutDischargePlanRecordsOneViewPerPathwayListed() throws Exception {
        String rehab = refer("rehabilitation", false);
        assessAndDecide(rehab, true);
        allocateBed(rehab, false);
        completeKeyStage1(rehab);
        confirmClinicallyReady(rehab);
        later(Duration.ofDays(30));
        Instant before = Instant.now().minusMillis(1);

        String body = mvc.perform(get("/api/delayed-discharges/without-discharge-plan").with(as(LISTER, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        Set<String> listed = new HashSet<>();
        json.readTree(body).forEach(item -> listed.add(item.get("pathwayId").asText()));
        assertThat(listed).contains(rehab);
        assertThat(trail.find(null, LISTER, before, null, 1000))
                .allSatisfy(e -> assertThat(e.what()).isEqualTo("GET /api/delayed-discharges/without-discharge-plan"))
                .extracting(AuditEntry::pathwayId).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void onlyAdministratorsReadTheAudit() throws Exception {
        mvc.perform(get("/api/audit").with(anonymous())).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/audit")).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit").with(as(NOTTS_NURSE, PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(asAdmin(get("/api/audit"))).andExpect(status().isOk());
    }

    @Test
    void readingTheAuditIsRecordedOnceWithoutAPathway() throws Exception {
        String pathwayId = refer("adult-acute", false);
        mvc.perform(get("/api/pathways/{id}", pathwayId)).andExpect(status().isOk());
        Instant before = Instant.now().minusMillis(1);

        mvc.perform(asAdmin(get("/api/audit").param("pathwayId", pathwayId))).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)));

        assertThat(trail.find(null, ADMIN, before, null, 1000)).singleElement().satisfies(e -> {
            assertThat(e.pathwayId()).isNull();
            assertThat(e.action()).isEqualTo(Action.VIEW);
            assertThat(e.what()).isEqualTo("GET /api/audit");
            assertThat(e.outcome()).isEqualTo(200);
        });
        assertThat(entriesOf(pathwayId)).hasSize(1);
    }

    @Test
    void theAuditIsFilteredByPathwayUserAndTimeNewestFirst() throws Exception {
        String pathwayId = refer("adult-acute", false);
        String other = refer("adult-acute", false);
        Instant start = Instant.now().minusMillis(1);
        mvc.perform(get("/api/pathways/{id}", pathwayId)).andExpect(status().isOk());
        mvc.perform(get("/api/pathways/{id}", pathwayId).with(as(NOTTS_NURSE, PASSWORD))).andExpect(status().isNotFound());
        mvc.perform(get("/api/pathways/{id}/care-team", pathwayId)).andExpect(status().isOk());
        mvc.perform(get("/api/pathways/{id}", other)).andExpect(status().isOk());

        mvc.perform(asAdmin(get("/api/audit").param("pathwayId", pathwayId))).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[*].pathwayId", everyItem(is(pathwayId))))
                .andExpect(jsonPath("$[*].what", contains("GET /api/pathways/{pathwayId}/care-team",
                        "GET /api/pathways/{pathwayId}", "GET /api/pathways/{pathwayId}")))
                .andExpect(jsonPath("$[*].userId", contains("tester", NOTTS_NURSE, "tester")))
                .andExpect(jsonPath("$[*].outcome", contains(200, 404, 200)))
                .andExpect(jsonPath("$[0].action").value("VIEW"))
                .andExpect(jsonPath("$[0].surface").value("api"))
                .andExpect(jsonPath("$[0].id").isNumber())
                .andExpect(jsonPath("$[0].at").isString());
        mvc.perform(asAdmin(get("/api/audit").param("pathwayId", pathwayId).param("userId", NOTTS_NURSE)))
                .andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].outcome").value(404));
        mvc.perform(asAdmin(get("/api/audit").param("pathwayId", pathwayId).param("limit", "2")))
                .andExpect(jsonPath("$", hasSize(2)));
        mvc.perform(asAdmin(get("/api/audit").param("pathwayId", pathwayId).param("from", iso(Instant.now().plusSeconds(60)))))
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(asAdmin(get("/api/audit").param("pathwayId", pathwayId).param("from", iso(start))
                        .param("to", iso(Instant.now().plusSeconds(1)))))
                .andExpect(jsonPath("$", hasSize(3)));
        mvc.perform(asAdmin(get("/api/audit").param("pathwayId", pathwayId).param("to", iso(start))))
                .andExpect(jsonPath("$", hasSize(0)));
        JsonNode mine = json.readTree(mvc.perform(asAdmin(get("/api/audit").param("userId", NOTTS_NURSE)
                .param("from", iso(start)))).andReturn().getResponse().getContentAsString());
        assertThat(mine).hasSize(1);
    }

    @Test
    void badAuditParametersAreRefusedNamingTheField() throws Exception {
        for (Map.Entry<String, String> bad : Map.of("limit", "0", "from", "yesterday", "to", "2026-13-01",
                "pathwayId", " ", "userId", "").entrySet()) {
            mvc.perform(asAdmin(get("/api/audit").param(bad.getKey(), bad.getValue())))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field", contains(bad.getKey())));
        }
        mvc.perform(asAdmin(get("/api/audit").param("limit", "1001"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("limit")));
        mvc.perform(asAdmin(get("/api/audit").param("limit", "ten"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("limit")));
        mvc.perform(asAdmin(get("/api/audit").param("from", "2026-11-24").param("to", "2026-11-23")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", contains("to")));
        mvc.perform(asAdmin(get("/api/audit").param("from", "2026-11-24").param("limit", "1000")))
                .andExpect(status().isOk());
    }

    @Test
    void retentionDeletesOnlyTheEntriesOlderThanTheHistoryTimeToLive() {
        String pathwayId = "AUDIT-RETENTION-" + System.nanoTime();
        Instant now = Instant.now();
        insert(pathwayId, now.minus(Duration.ofDays(400)));
        insert(pathwayId, now.minus(Duration.ofDays(365)).minusSeconds(60));
        insert(pathwayId, now.minus(Duration.ofDays(365)).plusSeconds(60));
        insert(pathwayId, now.minus(Duration.ofDays(1)));

        int deleted = retention.deleteExpired(now);

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(entriesOf(pathwayId)).extracting(AuditEntry::at).allSatisfy(at ->
                assertThat(at).isAfter(now.minus(Duration.ofDays(365))));
        assertThat(entriesOf(pathwayId)).hasSize(2);
        // a second run (another node, the next day) finds nothing more to delete
        assertThat(retention.deleteExpired(now)).isZero();
    }

    @Test
    void retentionDeletesInBatchesUntilNoneIsLeft() {
        String pathwayId = "AUDIT-BATCHES-" + System.nanoTime();
        Instant old = Instant.now().minus(Duration.ofDays(500));
        for (int i = 0; i < 7; i++) {
            insert(pathwayId, old.plusSeconds(i));
        }
        insert(pathwayId, Instant.now());

        assertThat(trail.deleteBefore(Instant.now().minus(Duration.ofDays(365)), 3)).isGreaterThanOrEqualTo(7);
        assertThat(entriesOf(pathwayId)).hasSize(1);
    }

    private void insert(String pathwayId, Instant at) {
        jdbc.sql("""
                insert into access_audit (at, user_id, pathway_id, action, surface, what, outcome)
                values (?, 'tester', ?, 'VIEW', 'api', 'GET /api/pathways/{pathwayId}', 200)""")
                .params(JdbcTimes.utc(at), pathwayId).update();
    }

    private String startDischarge(String ward) {
        return startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()), "clinicallyReadyForDischarge", true,
                "ward", ward, "wardType", "adult-acute")).getBusinessKey();
    }

    private void confirmDelayed(String id) {
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "housing", "delayAttribution", "social-care",
                "responsibleLocalAuthority", "Derby City Council", "delayNotes", "Waiting"));
    }
}
