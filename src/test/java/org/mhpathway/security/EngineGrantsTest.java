package org.mhpathway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.HttpTestClient;
import org.mhpathway.access.Roles;
import org.mhpathway.demo.PathwayDriver;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.referral.ReferralService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The engine's grants (docs/security.md, "Who may do what"), over real HTTP as each group's user sends it: grants on
 * process definitions instead of per task, variables readable only where granted, and a task worked only by its
 * candidates. Three pathways of Derby and Derbyshire (QJ2): one at a delayed discharge with a housing escalation
 * (the discharge hub and housing have work), one in Key Stage 1 (the ward has work), one awaiting assessment (the bed
 * manager has work). Every clinical note recorded on them contains {@value #NOTE}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:engine-grants;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "mhpathway.admin.user=grantsadmin",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineGrantsTest {

    static final String NOTE = "CLINICAL-NOTE";
    private static final String PASSWORD = "a-long-enough-test-password";
    private static final String TASKLIST_API = "/camunda/api/engine/engine/default";

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired AuthorizationService authorizations;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired ReferralService referrals;
    @Autowired PathwayDriver driver;

    private HttpTestClient http;
    private String delayed;
    private String keyStage1;
    private String assessment;

    @BeforeAll
    void usersAndPathways() {
        http = new HttpTestClient(port);
        for (String group : Roles.WORKING_GROUPS) {
            user(qj2(group), group, "QJ2");
        }
        user("qt1" + Roles.WARD_CLINICIANS.replace("-", ""), Roles.WARD_CLINICIANS, "QT1");
        delayed = refer("9990000018", new PersonName(List.of("Jane"), "Smith"));
        walkToDelayedDischargeWithHousingNeed(delayed);
        keyStage1 = refer("9990000085", new PersonName(List.of("Ali"), "Khan"));
        assessAndAdmit(keyStage1, "Ward 2", "4");
        assessment = refer("9990000158", null);
    }

    // ---- clinical notes stay with clinicians (issue: the hub and housing read clinical notes) ----

    @Test
    void theDischargeHubAndHousingReadNoClinicalNoteOnAnyRouteOfTheEngine() {
        List<String> routes = noteRoutes();
        for (String user : List.of(qj2(Roles.DISCHARGE_HUB), qj2(Roles.HOUSING))) {
            List<String> leaks = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (String route : routes) {
                HttpResponse<String> answer = http.send("GET", route, user, PASSWORD, null);
                if (answer.body().contains(NOTE)) {
                    leaks.add(route);
                }
                if (answer.statusCode() >= 500) {
                    failures.add(route + " -> " + answer.statusCode());
                }
            }
            HttpTestClient.Browser tasklist = http.browser("tasklist", user, PASSWORD);
            assertThat(tasklist.loggedIn()).isTrue();
            for (String route : routes) {
                HttpResponse<String> answer = tasklist.get(route.replace("/engine-rest", TASKLIST_API));
                if (answer.body().contains(NOTE)) {
                    leaks.add("tasklist " + route);
                }
            }
            assertThat(leaks).as(user + " read a clinical note through").isEmpty();
            assertThat(failures).as(user + " got a server error from").isEmpty();
        }
        // their own work is readable: the hub's task in planned support says whose it is
        Task resolve = openTask(delayed, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE);
        JsonNode hubVariables = http.json(http.send("GET", "/engine-rest/task/" + resolve.getId() + "/variables",
                qj2(Roles.DISCHARGE_HUB), PASSWORD, null));
        assertThat(hubVariables.at("/patientName/value").asText()).isEqualTo("Jane Smith");
        assertThat(hubVariables.at("/nhsNumberDisplay/value").asText()).isEqualTo("999 000 0018");
        // and the clinicians whose patient it is read the notes on the same routes
        long readByClinician = routes.stream().filter(route -> http.send("GET", route, qj2(Roles.WARD_CLINICIANS),
                PASSWORD, null).body().contains(NOTE)).count();
        assertThat(readByClinician).as("routes on which a clinician reads the notes").isGreaterThanOrEqualTo(6);
    }

    @Test
    void theDischargeHubAndHousingReadNoInstanceOfAClinicalModel() {
        for (String user : List.of(qj2(Roles.DISCHARGE_HUB), qj2(Roles.HOUSING))) {
            for (String model : GroupAuthorizations.CLINICAL_MODELS) {
                assertThat(count("/engine-rest/process-instance/count?processDefinitionKey=" + model, user))
                        .as(user + " " + model).isZero();
                assertThat(count("/engine-rest/history/process-instance/count?processDefinitionKey=" + model, user))
                        .as(user + " history of " + model).isZero();
            }
        }
        assertThat(count("/engine-rest/process-instance/count?processDefinitionKey=" + PlannedSupport.KEY,
                qj2(Roles.DISCHARGE_HUB))).isOne();
        assertThat(count("/engine-rest/process-instance/count?processDefinitionKey=" + HousingEscalation.KEY,
                qj2(Roles.HOUSING))).isOne();
        assertThat(count("/engine-rest/process-instance/count?processDefinitionKey=" + InpatientPathway.KEY,
                qj2(Roles.WARD_CLINICIANS))).isEqualTo(3);
    }

    // ---- whose task, and by when ----

    @Test
    void eachGroupsOwnListSaysWhoseEachTaskIsAndKeyStage1TasksAreDueAt72Hours() {
        Map<String, String> ownList = Map.of(Roles.WARD_CLINICIANS, "Ward work", Roles.BED_MANAGEMENT,
                "Beds and admissions", Roles.DISCHARGE_HUB, "Discharge hub work", Roles.HOUSING, "Housing work");
        for (Map.Entry<String, String> entry : ownList.entrySet()) {
            HttpTestClient.Browser tasklist = http.browser("tasklist", qj2(entry.getKey()), PASSWORD);
            JsonNode list = filterList(tasklist, entry.getValue());
            JsonNode listed = list.at("/_embedded/task");
            assertThat(listed.size()).as(entry.getValue()).isPositive();
            for (JsonNode task : listed) {
                Map<String, String> shown = new HashMap<>();
                task.at("/_embedded/variable").forEach(v -> shown.put(v.get("name").asText(), v.get("value").asText()));
                assertThat(shown).as(entry.getValue() + ": " + task.get("name").asText())
                        .containsKeys("nhsNumberDisplay", "homeIcs", "pathwayId");
                assertThat(shown.get("nhsNumberDisplay")).matches("\\d{3} \\d{3} \\d{4}");
            }
        }
        // PATHWAY.md section 2, Key Stage 1: all of it within 72 hours of admission
        Instant admittedAt = Instant.parse(String.valueOf(runtime.createVariableInstanceQuery()
                .processInstanceIdIn(instance(keyStage1, KeyStage1.KEY).getId()).variableName("admittedAt")
                .singleResult().getValue()));
        List<Task> keyStage1Tasks = tasks.createTaskQuery().processInstanceBusinessKey(keyStage1)
                .processDefinitionKey(KeyStage1.KEY).list();
        assertThat(keyStage1Tasks).hasSize(4).allSatisfy(t ->
                assertThat(t.getDueDate().toInstant()).isEqualTo(admittedAt.plus(Duration.ofHours(72))));
    }

    // ---- notes on a task, and who may work it ----

    @Test
    void theGroupsThatWorkATaskCommentOnItAndReadItsHistoryAndReadOnlyRolesCannot() {
        Task purpose = openTask(keyStage1, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION);
        Task resolve = openTask(delayed, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE);
        for (String[] work : new String[][] {{Roles.WARD_CLINICIANS, purpose.getId()},
                {Roles.DISCHARGE_HUB, resolve.getId()}}) {
            HttpTestClient.Browser tasklist = http.browser("tasklist", qj2(work[0]), PASSWORD);
            HttpResponse<String> saved = tasklist.send("POST", TASKLIST_API + "/task/" + work[1] + "/comment/create",
                    "{\"message\":\"Handover from the night shift\"}", "application/json");
            assertThat(saved.statusCode()).as(work[0] + " " + saved.body()).isEqualTo(200);
            assertThat(tasklist.get(TASKLIST_API + "/task/" + work[1] + "/comment").body())
                    .contains("Handover from the night shift");
            assertThat(tasklist.get(TASKLIST_API + "/history/user-operation?taskId=" + work[1]).statusCode())
                    .isEqualTo(200);
        }
        // managers read every task of their ICS but write nothing on one that is not theirs
        int byManager = http.send("POST", "/engine-rest/task/" + purpose.getId() + "/comment/create",
                qj2(Roles.MANAGERS), PASSWORD, "{\"message\":\"a manager's note\"}").statusCode();
        // Camunda's REST resource answers any engine refusal of a new comment as 400
        assertThat(byManager).isIn(400, 403);
        assertThat(tasks.getTaskComments(purpose.getId())).extracting(c -> c.getFullMessage())
                .doesNotContain("a manager's note");
        // the hub cannot reach a ward task at all
        assertThat(http.send("POST", "/engine-rest/task/" + purpose.getId() + "/comment/create",
                qj2(Roles.DISCHARGE_HUB), PASSWORD, "{\"message\":\"x\"}").statusCode()).isIn(400, 403, 404);
    }

    @Test
    void aTaskIsClaimedOnlyByOneOfItsCandidatesForThemselvesAndCompletedOnlyByThem() {
        Task physicalHealth = openTask(keyStage1, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK);
        String claim = "/engine-rest/task/" + physicalHealth.getId() + "/claim";
        String clinician = qj2(Roles.WARD_CLINICIANS);
        assertThat(http.send("POST", claim, clinician, PASSWORD, "{\"userId\":\"" + qj2(Roles.MANAGERS) + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(http.send("POST", claim, clinician, PASSWORD, "{\"userId\":\"nobody-of-that-name\"}").statusCode())
                .isEqualTo(403);
        assertThat(http.send("POST", claim, qj2(Roles.BED_MANAGEMENT), PASSWORD,
                "{\"userId\":\"" + qj2(Roles.BED_MANAGEMENT) + "\"}").statusCode()).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(physicalHealth.getId()).singleResult().getAssignee()).isNull();
        assertThat(http.send("POST", claim, clinician, PASSWORD, "{\"userId\":\"" + clinician + "\"}").statusCode())
                .isEqualTo(204);
        assertThat(tasks.createTaskQuery().taskId(physicalHealth.getId()).singleResult().getAssignee())
                .isEqualTo(clinician);

        // managers work the pre-admission C(E)TR of this model, not the bed manager's assessment in it
        Task assess = openTask(assessment, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION);
        int byManager = http.send("POST", "/engine-rest/task/" + assess.getId() + "/complete", qj2(Roles.MANAGERS),
                PASSWORD, "{\"variables\":{\"admitted\":{\"value\":false}}}").statusCode();
        assertThat(byManager).isEqualTo(403);
        assertThat(tasks.createTaskQuery().taskId(assess.getId()).count()).as("still open").isOne();
    }

    @Test
    void noAuthorizationIsWrittenPerTaskAndAUserOfAnotherIcsSeesNothing() {
        assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).list())
                .allSatisfy(a -> assertThat(a.getResourceId()).isEqualTo("*"));
        assertThat(tasks.createTaskQuery().count()).isGreaterThan(5);
        assertThat(count("/engine-rest/task/count", "qt1" + Roles.WARD_CLINICIANS.replace("-", ""))).isZero();
        assertThat(count("/engine-rest/process-instance/count", "qt1" + Roles.WARD_CLINICIANS.replace("-", ""))).isZero();
        assertThat(count("/engine-rest/task/count", qj2(Roles.WARD_CLINICIANS))).isPositive();
    }

    // ---- helpers ----

    /** Every GET route of the engine that can return a variable of the delayed pathway. */
    private List<String> noteRoutes() {
        List<String> routes = new ArrayList<>();
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(delayed).list();
        for (ProcessInstance pi : instances) {
            routes.add("/engine-rest/process-instance/" + pi.getId() + "/variables");
            routes.add("/engine-rest/process-instance/" + pi.getId() + "/variables;x");
            routes.add("/engine-rest/process-instance/" + pi.getId() + "/variables/presentingNeeds");
            routes.add("/engine-rest/variable-instance?processInstanceIdIn=" + pi.getId());
            routes.add("/engine-rest/history/variable-instance?processInstanceId=" + pi.getId());
            routes.add("/engine-rest/history/detail?processInstanceId=" + pi.getId());
            for (Execution e : runtime.createExecutionQuery().processInstanceId(pi.getId()).list()) {
                routes.add("/engine-rest/execution/" + e.getId() + "/localVariables");
            }
        }
        for (String name : List.of("presentingNeeds", "risksIdentified", "purposeOfAdmission", "crfdRationale",
                "formulationSummary", "carers")) {
            routes.add("/engine-rest/variable-instance?variableName=" + name);
            routes.add("/engine-rest/history/variable-instance?variableName=" + name);
            routes.add("/engine-rest/history/detail?variableName=" + name);
        }
        history.createHistoricVariableInstanceQuery().variableName("presentingNeeds").list()
                .forEach(v -> routes.add("/engine-rest/history/variable-instance/" + v.getId()));
        routes.add("/engine-rest/task?withTaskVariablesInReturn=true");
        routes.add("/engine-rest/history/variable-instance?deserializeValues=false");
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(delayed).list()) {
            routes.add("/engine-rest/task/" + t.getId() + "?withTaskVariablesInReturn=true");
            routes.add("/engine-rest/task/" + t.getId() + "/variables");
            routes.add("/engine-rest/task/" + t.getId() + "/variables;x");
            routes.add("/engine-rest/task/" + t.getId() + "/form-variables");
        }
        return routes;
    }

    private JsonNode filterList(HttpTestClient.Browser tasklist, String filterName) {
        JsonNode filters = http.json(tasklist.get(TASKLIST_API + "/filter?resourceType=Task"));
        String id = null;
        for (JsonNode f : filters) {
            if (f.get("name").asText().equals(filterName)) {
                id = f.get("id").asText();
            }
        }
        assertThat(id).as("filter " + filterName).isNotNull();
        HttpResponse<String> list = tasklist.send("POST", TASKLIST_API + "/filter/" + id
                + "/list?firstResult=0&maxResults=15", "{}", "application/hal+json");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return http.json(list);
    }

    private long count(String path, String user) {
        HttpResponse<String> answer = http.send("GET", path, user, PASSWORD, null);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
        return http.json(answer).get("count").asLong();
    }

    /** The test user of Derby and Derbyshire in {@code group} (user ids may not hold a hyphen). */
    private static String qj2(String group) {
        return "qj2" + group.replace("-", "");
    }

    private void user(String id, String group, String ics) {
        User u = identity.newUser(id);
        u.setFirstName(id);
        u.setLastName("Test");
        u.setPassword(PASSWORD);
        identity.saveUser(u);
        identity.createMembership(id, group);
        identity.createTenantUserMembership(ics, id);
    }

    private String refer(String nhsNumber, PersonName name) {
        return referrals.refer(new ReferralRequest(nhsNumber, "1980-02-03", false, false, "adult-acute", "QJ2",
                "C81001", "crisis-team", null, name));
    }

    private void assessAndAdmit(String id, String ward, String bed) {
        driver.complete(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.of(
                "presentingNeeds", NOTE + " hears voices at night", "advanceChoicesReviewed", true,
                "risksIdentified", NOTE + " self-neglect", "admitted", true, "socialCareInvolved", false));
        driver.complete(id, InpatientPathway.TASK_ALLOCATE_BED, Map.of("ward", ward, "hospital", "Radbourne Unit",
                "bed", bed, "admittedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                "outOfArea", false));
    }

    private void walkToDelayedDischargeWithHousingNeed(String id) {
        assessAndAdmit(id, "Ward 1", "12");
        // a carer's name and contact details are kept from the hub and housing as the clinical notes are
        driver.complete(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission",
                NOTE + " treat relapse", "purposeAgreedWithPerson", true, "carers", org.camunda.spin.Spin.JSON(
                        "[{\"name\":\"" + NOTE + " Carer\",\"relationship\":\"Sister\",\"email\":\"" + NOTE.toLowerCase()
                                + "@example.org\",\"consentToShare\":true}]")));
        driver.complete(id, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary",
                NOTE + " relapse after stopping medication", "carePlanSummary", NOTE + " medication review",
                "carePlanCoProduced", true));
        driver.complete(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2027-01-30",
                "intendedDestination", "home", "housingNeed", true, "housingNeedDetails", NOTE + " tenancy lost"));
        driver.complete(id, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt",
                Instant.now().toString(), "physicalHealthFindings", NOTE + " raised blood pressure",
                "treatmentCommencedAt", Instant.now().toString()));
        driver.complete(id, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of("crfdAt",
                Instant.now().toString(), "crfdRationale", NOTE + " settled for two weeks"));
        driver.complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "housing", "delayAttribution", "social-care", "responsibleLocalAuthority",
                "Derby City Council", "delayNotes", "Waiting for a tenancy"));
        assertThat(openTask(id, HousingEscalation.TASK_ASSESS_HOUSING_NEED)).isNotNull();
        assertThat(openTask(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE)).isNotNull();
    }

    private ProcessInstance instance(String pathwayId, String key) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).processDefinitionKey(key)
                .singleResult();
    }

    private Task openTask(String pathwayId, String key) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pathwayId).taskDefinitionKey(key).singleResult();
    }
}
