package org.mhpathway.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.demo.PathwayDriver;
import org.mhpathway.housing.HousingCases;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.system.FieldProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every completed task is checked on the server against its deployed Camunda Form (H2; the database-dependent part
 * also runs on PostgreSQL, {@link TaskFormChecksPostgresTest}). Over real HTTP as a bed manager with HTTP Basic on
 * {@code /engine-rest}, and with a Tasklist login on the webapps' engine API, where Tasklist submits its forms: a wrong
 * or missing admission decision, a note over the limit, a missing required field, a read-only or foreign variable
 * is refused with 400 naming the field, and the pathway has not moved; a right one moves it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:task-form-checks;DB_CLOSE_DELAY=-1",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TaskFormChecksTest extends TaskFormChecksTestBase {

    static final String HOUSING_OFFICER = "formshousingofficer";

    @Autowired TaskService tasks;
    @Autowired PathwayDriver driver;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired org.mhpathway.pathway.PathwayRegister register;
    @Autowired PartnerDirectory directory;
    @Autowired HousingCases housing;

    /** The answers that ended a pathway as a community alternative (201/204) or failed with a 500 (issue 16). */
    @Test
    void everyAdmissionDecisionThatIsNotTrueOrFalseIsRefusedOnCompleteAndSubmitForm() throws Exception {
        Map<String, Object> nullBoolean = new HashMap<>();
        nullBoolean.put("value", null);
        nullBoolean.put("type", "Boolean");
        Map<String, Object> missing = assessment(true, null);
        missing.remove("admitted");
        List<Map<String, Object>> wrong = List.of(
                assessment(Map.of("value", "false", "type", "String"), null),
                assessment(Map.of("value", "false"), null),
                assessment(Map.of("value", "yes"), null),
                assessment(nullBoolean, null),
                assessment(Map.of("value", 0), null),
                missing);
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        for (String route : List.of("complete", "submit-form")) {
            for (Map<String, Object> variables : wrong) {
                HttpResponse<String> answer = post("/engine-rest/task/" + taskId + "/" + route,
                        Map.of("variables", variables));
                assertRefused(answer, "admitted", "must be true or false");
                assertNotMoved(pathwayId, taskId);
            }
        }
    }

    @Test
    void aNoteOverTwentyThousandCharactersIsRefusedNamingItButFiveThousandAreKept() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();

        HttpResponse<String> tooLong = post("/engine-rest/task/" + taskId + "/complete", Map.of("variables",
                assessment(true, Map.of("value", "r".repeat(20_001), "type", "String"))));
        assertRefused(tooLong, "risksIdentified", "must be at most 20000 characters");
        assertNotMoved(pathwayId, taskId);

        // the length that failed in the database (500) before: now simply recorded
        String fiveThousand = "Risk of self-neglect. ".repeat(300).substring(0, 5_000);
        HttpResponse<String> kept = post("/engine-rest/task/" + taskId + "/complete", Map.of("variables",
                assessment(true, Map.of("value", fiveThousand, "type", "String"))));
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(204);
        String instance = instanceOf(pathwayId);
        assertThat(read("/engine-rest/process-instance/" + instance + "/variables/risksIdentified").get("value").asText())
                .isEqualTo(fiveThousand);
    }

    @Test
    void requiredFieldsAreNamedAndTheCommunityAlternativeIsRequiredOnlyWhenNotAdmitting() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        Map<String, Object> notAdmitted = assessment(false, Map.of("value", "   ", "type", "String"));
        notAdmitted.remove("communityAlternative");

        HttpResponse<String> refused = post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", notAdmitted));

        assertRefused(refused, "risksIdentified", "is required");
        assertThat(json.readTree(refused.body()).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("risksIdentified", "communityAlternative");
        assertNotMoved(pathwayId, taskId);

        Map<String, Object> unknownAlternative = assessment(false, null);
        unknownAlternative.put("communityAlternative", Map.of("value", "a bed elsewhere", "type", "String"));
        assertRefused(post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", unknownAlternative)),
                "communityAlternative",
                "must be one of [crisis-resolution-home-treatment, crisis-house, crisis-cafe, other]");
        assertNotMoved(pathwayId, taskId);
    }

    /** A repeating review must not go on with yesterday's answer: what the form requires, the completion sends. */
    @Test
    void aRequiredAnswerRecordedBeforeMustBeSentAgain() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        HttpResponse<String> earlier = send("PUT", "/engine-rest/process-instance/" + instanceOf(pathwayId)
                        + "/variables/risksIdentified", "{\"value\": \"Recorded before\", \"type\": \"String\"}",
                "admin", ApiTestUsers.ADMIN_PASSWORD);
        assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(204);
        Map<String, Object> withoutRisks = assessment(true, null);
        withoutRisks.remove("risksIdentified");

        assertRefused(post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", withoutRisks)),
                "risksIdentified", "is required");
        assertThat(openTask(pathwayId, ASSESS).get("id").asText()).isEqualTo(taskId);
    }

    @Test
    void aValidDecisionNotToAdmitMovesThePathwayOnAndIsRecorded() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        String instance = instanceOf(pathwayId);

        HttpResponse<String> answer = post("/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", assessment(false, null)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(openTask(pathwayId, ASSESS)).isNull();
        JsonNode variables = read("/engine-rest/process-instance/" + instance + "/variables");
        assertThat(variables.at("/admitted/value").asBoolean(true)).isFalse();
        assertThat(variables.at("/communityAlternative/value").asText()).isEqualTo("crisis-house");
    }

    /**
     * A bed manager's repatriation review that finds the person back in a bed in the home ICS names that bed, and the
     * move is recorded in the bed manager's own completion: the register, the placement and every process of the
     * pathway move with it.
     */
    @Test
    void aRepatriationReviewNamesTheBedMovedToAndTheMoveIsRecorded() throws Exception {
        String pathwayId = refer();
        assertThat(post("/engine-rest/task/" + openTask(pathwayId, ASSESS).get("id").asText() + "/complete",
                Map.of("variables", assessment(true, null))).statusCode()).isEqualTo(204);
        String allocate = openTask(pathwayId, InpatientPathway.TASK_ALLOCATE_BED).get("id").asText();
        assertThat(post("/engine-rest/task/" + allocate + "/complete", Map.of("variables", Map.of(
                "ward", Map.of("value", "Oak Ward"), "hospital", Map.of("value", "Priory Hospital Cheadle"),
                "admittedAt", Map.of("value", Instant.now().toString()), "outOfArea", Map.of("value", true),
                "outOfAreaReason", Map.of("value", "No bed in area")))).statusCode()).isEqualTo(204);
        driver.runDueJobs(pathwayId);
        try {
            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(8))));
            driver.runDueJobs(pathwayId);
            String review = openTask(pathwayId, InpatientReviews.TASK_REVIEW_REPATRIATION).get("id").asText();

            Map<String, Object> noBed = new LinkedHashMap<>(Map.of("repatriated", Map.of("value", true),
                    "repatriationPlan", Map.of("value", "Bed found at home")));
            assertRefused(post("/engine-rest/task/" + review + "/complete", Map.of("variables", noBed)),
                    "repatriatedToWard", "is required");
            Map<String, Object> withBed = new LinkedHashMap<>(noBed);
            withBed.put("repatriatedToWard", Map.of("value", "Ward 2"));
            withBed.put("repatriatedToHospital", Map.of("value", "Radbourne Unit"));
            HttpResponse<String> answer = post("/engine-rest/task/" + review + "/complete", Map.of("variables", withBed));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
            JsonNode view = get("/api/pathways/" + pathwayId);
            assertThat(view.at("/flags/outOfArea").asBoolean()).isFalse();
            assertThat(view.at("/placement/ward").asText()).isEqualTo("Ward 2");
            assertThat(view.at("/placement/moves/0/recordedThrough").asText()).isEqualTo("repatriation-review");
            assertThat(view.at("/placement/moves/0/from/hospital").asText()).isEqualTo("Priory Hospital Cheadle");
            JsonNode keyStage1Task = read("/engine-rest/task?processInstanceBusinessKey=" + pathwayId
                    + "&taskDefinitionKey=" + KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION).get(0);
            assertThat(read("/engine-rest/task/" + keyStage1Task.get("id").asText() + "/variables/ward").get("value")
                    .asText()).as("Tasklist shows the new ward on the ward's tasks").isEqualTo("Ward 2");
        } finally {
            ClockUtil.reset();
        }
    }

    /** The form shows the pathway id in its heading; a completion may send it back as it is, never change it. */
    @Test
    void thePathwayIdMayComeBackUnchangedButNeverChanged() throws Exception {
        String pathwayId = refer();
        String other = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();

        Map<String, Object> changed = assessment(true, null);
        changed.put("pathwayId", Map.of("value", other, "type", "String"));
        assertRefused(post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", changed)),
                "pathwayId", "is not a field of this form");
        assertNotMoved(pathwayId, taskId);

        // a client that sends back what it read, unchanged
        Map<String, Object> asShown = assessment(true, null);
        asShown.put("pathwayId", Map.of("value", pathwayId));
        HttpResponse<String> answer = post("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", asShown));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(openTask(pathwayId, InpatientPathway.TASK_ALLOCATE_BED))
                .isNotNull();
        assertThat(get("/api/pathways/" + pathwayId).get("stage").asText()).isEqualTo("admission");
    }

    @Test
    void aCompletionMayNotChangeWhatItsFormDoesNotRecord() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        for (String[] foreign : new String[][] {{"homeIcs", "QT1"}, {"dischargedAt", "2026-01-01T10:00Z"}}) {
            Map<String, Object> variables = assessment(true, null);
            variables.put(foreign[0], Map.of("value", foreign[1], "type", "String"));
            assertRefused(post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables)),
                    foreign[0], "is not a field of this form");
            assertNotMoved(pathwayId, taskId);
        }
        Map<String, Object> transientDecision = assessment(true, null);
        transientDecision.put("admitted", Map.of("value", true, "type", "Boolean",
                "valueInfo", Map.of("transient", true)));
        assertRefused(post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", transientDecision)),
                "admitted", "must be recorded: transient values are not accepted");
        assertNotMoved(pathwayId, taskId);
    }

    /** Tasklist submits its forms to the webapps' engine API with the user's session: held to the same rules. */
    @Test
    void tasklistsSubmissionsAreCheckedTheSameAndItsLongTextIsKept() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        TasklistSession tasklist = new TasklistSession();
        String submit = "/camunda/api/engine/engine/default/task/" + taskId + "/submit-form";

        // as the form sends values: untyped, checkboxes as booleans
        Map<String, Object> wrong = assessment(Map.of("value", "yes"), null);
        HttpResponse<String> refused = tasklist.post(submit, Map.of("variables", wrong));
        assertRefused(refused, "admitted", "must be true or false");
        assertNotMoved(pathwayId, taskId);

        String risks = "Frequent falls at home; lives alone. ".repeat(300);
        Map<String, Object> right = assessment(true, Map.of("value", risks));
        HttpResponse<String> submitted = tasklist.post(submit, Map.of("variables", right));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
        String instance = instanceOf(pathwayId);
        assertThat(read("/engine-rest/process-instance/" + instance + "/variables/risksIdentified").get("value").asText())
                .isEqualTo(risks);
        // full history keeps a copy of each submitted field, cut to its column; the variable's own history is whole
        JsonNode detail = read("/engine-rest/history/detail?formFields=true&processInstanceId=" + instance);
        assertThat(detail).filteredOn(d -> "risksIdentified".equals(d.path("fieldId").asText())).singleElement()
                .satisfies(d -> assertThat(d.get("fieldValue").asText()).hasSize(4000).startsWith(risks.substring(0, 3999)));
    }

    /** The service's own completions (demo data, partner answers, process tests) meet the same rule. */
    @Test
    void completionsThroughTheEngineItselfAreCheckedTheSame() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        Map<String, Object> values = new LinkedHashMap<>(Map.of("presentingNeeds", "Relapse",
                "advanceChoicesReviewed", true, "risksIdentified", "None", "admitted", "yes"));

        assertThatThrownBy(() -> tasks.complete(taskId, values))
                .isInstanceOfSatisfying(InvalidTaskValuesException.class, e -> assertThat(e.problems()).containsExactly(
                        new FieldProblem("admitted", "must be true or false"),
                        new FieldProblem("socialCareInvolved", "must be true or false"),
                        new FieldProblem("communityAlternative", "is required")));
        assertNotMoved(pathwayId, taskId);
    }

    /**
     * The duty to refer's authority is one the form offered (PATHWAY.md section 4): a housing officer completing the
     * task over /engine-rest with a code the directory does not offer is refused naming the field, and nothing moves;
     * an authority of the directory is taken.
     */
    @Test
    void anUnknownHousingAuthorityIsRefusedOverTheRestApiNamingTheField() throws Exception {
        if (identity.createUserQuery().userId(HOUSING_OFFICER).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(HOUSING_OFFICER);
            user.setFirstName("Housing");
            user.setLastName("Officer");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(HOUSING_OFFICER, org.mhpathway.access.Roles.HOUSING);
            identity.createTenantUserMembership("QJ2", HOUSING_OFFICER);
        }
        Partner district = new Partner("ha-high-peak-" + System.nanoTime(), "High Peak Borough Council Housing Options",
                PartnerRole.HOUSING_AUTHORITY, null, "QJ2", "http://127.0.0.1:9/high-peak", "s", null, false, true);
        directory.save(district, null, java.time.Instant.now());
        String pathwayId = refer();
        runtime.startProcessInstanceByKey(HousingEscalation.KEY, pathwayId, register.find(pathwayId).orElseThrow().whoseTask());
        tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .taskDefinitionKey(HousingEscalation.TASK_ASSESS_HOUSING_NEED).singleResult().getId(),
                Map.of("housingNeedType", "no-fixed-abode", "housingNeedNotes", "Floating support"));
        String consent = tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .taskDefinitionKey(HousingEscalation.TASK_RECORD_REFERRAL_CONSENT).singleResult().getId();
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String[] v : new String[][] {{"referralConsent", "yes"}, {"contactDetailsConsent", "yes"},
                {"housingAuthority", "no-such-authority"}, {"referralReason", "Evicted"},
                {"contactArrangements", "Through the ward"}, {"localConnection", "Derby"}, {"riskSummary", "None known"}}) {
            variables.put(v[0], Map.of("value", v[1], "type", "String"));
        }

        HttpResponse<String> refused = send("POST", "/engine-rest/task/" + consent + "/complete",
                json.writeValueAsString(Map.of("variables", variables)), HOUSING_OFFICER, PASSWORD);

        assertRefused(refused, "housingAuthority", "must be one of the choices the form offers (housingAuthorityChoices)");
        assertThat(tasks.createTaskQuery().taskId(consent).count()).as("still open").isOne();
        assertThat(housing.open(pathwayId).orElseThrow().referralConsent()).isNull();

        variables.put("housingAuthority", Map.of("value", district.id(), "type", "String"));
        HttpResponse<String> taken = send("POST", "/engine-rest/task/" + consent + "/complete",
                json.writeValueAsString(Map.of("variables", variables)), HOUSING_OFFICER, PASSWORD);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(204);
        assertThat(housing.open(pathwayId).orElseThrow().authorityId()).isEqualTo(district.id());
    }

    /** A person logged in to Tasklist, as a browser is: session cookie and CSRF token. */
    private final class TasklistSession {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

        TasklistSession() throws Exception {
            browser.send(HttpRequest.newBuilder(url("/camunda/app/tasklist/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String form = "username=" + URLEncoder.encode(BED_MANAGER, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                            url("/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf())
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            // the login starts a new session; its CSRF token comes with the next read, as Tasklist's first one
            browser.send(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        HttpResponse<String> post(String path, Object body) throws Exception {
            return browser.send(HttpRequest.newBuilder(url(path)).header("X-XSRF-TOKEN", xsrf())
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/plain, */*")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private String xsrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse("");
        }

        private URI url(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
