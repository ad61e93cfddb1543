package org.mhpathway.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a bed manager sees over real HTTP when completing <i>Assess needs and decide on admission</i> through the
 * Camunda REST API with HTTP Basic: the checks the database must not change (run on H2 and on PostgreSQL by the
 * subclasses). A clinical note of 10,000 characters, which Camunda's text column (4,000) could not hold, is stored and
 * read back whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaskFormChecksTestBase {

    static final String PASSWORD = "a-long-enough-test-password";
    static final String BED_MANAGER = "formsbedmanager";
    static final String ASSESS = InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION;
    private static final AtomicInteger NHS = new AtomicInteger(700);

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    /** A bed manager of one ICS, as the demo's {@code bedmanager}: the group that assesses and decides. */
    @BeforeAll
    void bedManager() {
        if (identity.createUserQuery().userId(BED_MANAGER).count() == 0) {
            User user = identity.newUser(BED_MANAGER);
            user.setFirstName("Bed");
            user.setLastName("Manager");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(BED_MANAGER, Roles.BED_MANAGEMENT);
            identity.createTenantUserMembership("QJ2", BED_MANAGER);
        }
    }

    @Test
    void tenThousandCharactersOfRisksAreStoredWholeAndReadBack() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();
        String processInstanceId = openTask(pathwayId, ASSESS).get("processInstanceId").asText();
        // every character counts: a line per risk, with the accents and symbols a note can hold
        StringBuilder note = new StringBuilder();
        for (int i = 0; note.length() < 10_000; i++) {
            note.append("Risk ").append(i).append(": self-neglect, café visits stopped; “not eating” — review ↑\n");
        }
        String risks = note.substring(0, 10_000);

        HttpResponse<String> completed = post("/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", assessment(true, Map.of("value", risks, "type", "String"))));

        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
        JsonNode allocateBed = openTask(pathwayId, InpatientPathway.TASK_ALLOCATE_BED);
        assertThat(allocateBed).as("the pathway moved on to Allocate bed").isNotNull();
        // read back as each reader sees it: the process instance's variables (an administrator's view), the next
        // task's variables and its form's (the bed manager's, as Tasklist shows them), and the history
        JsonNode onInstance = read("/engine-rest/process-instance/" + processInstanceId + "/variables/risksIdentified");
        assertThat(onInstance.get("type").asText()).isEqualTo("String");
        assertThat(onInstance.get("value").asText()).isEqualTo(risks);
        JsonNode onNextTask = get("/engine-rest/task/" + allocateBed.get("id").asText() + "/variables/risksIdentified");
        assertThat(onNextTask.get("value").asText()).isEqualTo(risks);
        JsonNode formVariables = get("/engine-rest/task/" + allocateBed.get("id").asText() + "/form-variables");
        assertThat(formVariables.at("/risksIdentified/value").asText()).hasSize(10_000).isEqualTo(risks);
        JsonNode history = read("/engine-rest/history/variable-instance?variableName=risksIdentified&processInstanceId="
                + processInstanceId);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("value").asText()).isEqualTo(risks);
    }

    @Test
    void anAdmissionDecisionThatIsNotTrueOrFalseIsRefusedAndThePathwayDoesNotMove() throws Exception {
        String pathwayId = refer();
        String taskId = openTask(pathwayId, ASSESS).get("id").asText();

        HttpResponse<String> refused = post("/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", assessment(Map.of("value", "false", "type", "String"), null)));

        assertRefused(refused, "admitted", "must be true or false");
        assertNotMoved(pathwayId, taskId);
    }

    void assertRefused(HttpResponse<String> answer, String field, String message) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode body = json.readTree(answer.body());
        assertThat(body.get("type").asText()).isEqualTo("InvalidRequestException");
        assertThat(body.get("field").asText()).isEqualTo(field);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo(field);
        assertThat(body.at("/errors/0/message").asText()).isEqualTo(message);
        assertThat(body.get("message").asText()).startsWith(field + " " + message);
        assertThat(answer.body()).doesNotContain("ENGINE-").doesNotContain("Exception while").doesNotContain("\tat ");
    }

    /** The task still open, the pathway still at assessment, and nothing of the refused completion recorded. */
    void assertNotMoved(String pathwayId, String taskId) throws Exception {
        JsonNode task = openTask(pathwayId, ASSESS);
        assertThat(task).as("Assess needs still open").isNotNull();
        assertThat(task.get("id").asText()).isEqualTo(taskId);
        JsonNode view = get("/api/pathways/" + pathwayId);
        assertThat(view.get("stage").asText()).isEqualTo("assessment");
        assertThat(view.get("openTasks")).hasSize(1);
        JsonNode variables = get("/engine-rest/task/" + taskId + "/variables");
        assertThat(variables.has("presentingNeeds")).as("nothing of the refused answer kept").isFalse();
        assertThat(variables.has("admitted")).isFalse();
        assertThat(variables.has("risksIdentified")).isFalse();
    }

    /**
     * The variables of an assessment as the form records them, with {@code admitted} and {@code risksIdentified}
     * as given (a value of null leaves the variable out).
     */
    static Map<String, Object> assessment(Object admitted, Object risksIdentified) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("presentingNeeds", Map.of("value", "Psychotic relapse with risk to self", "type", "String"));
        variables.put("advanceChoicesReviewed", Map.of("value", true, "type", "Boolean"));
        variables.put("risksIdentified", risksIdentified != null ? risksIdentified
                : Map.of("value", "Self-neglect; not eating", "type", "String"));
        if (admitted instanceof Boolean decided) {
            variables.put("admitted", Map.of("value", decided, "type", "Boolean"));
            if (decided) {
                variables.put("socialCareInvolved", Map.of("value", false, "type", "Boolean"));
            } else {
                variables.put("communityAlternative", Map.of("value", "crisis-house", "type", "String"));
            }
        } else if (admitted != null) {
            variables.put("admitted", admitted);
        }
        return variables;
    }

    String refer() throws Exception {
        int n;
        String nhsNumber;
        do {
            n = NHS.getAndIncrement();
            String nine = String.format("999%06d", n);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            nhsNumber = check == 10 ? null : nine + check;
        } while (nhsNumber == null);
        HttpResponse<String> created = send("POST", "/api/referrals", json.writeValueAsString(Map.of(
                "nhsNumber", nhsNumber, "dateOfBirth", "1987-03-14", "learningDisabilityOrAutism", false,
                "ehcPlan", false, "wardType", "adult-acute", "homeIcs", "QJ2", "gpPracticeCode", "C81001",
                "referralSource", "crisis-team")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("pathwayId").asText();
    }

    JsonNode openTask(String pathwayId, String taskKey) throws Exception {
        JsonNode found = get("/engine-rest/task?processInstanceBusinessKey=" + pathwayId + "&taskDefinitionKey=" + taskKey);
        return found.isEmpty() ? null : found.get(0);
    }

    JsonNode get(String path) throws Exception {
        return json(send("GET", path, null, BED_MANAGER, PASSWORD), path);
    }

    /** As the administrator: what a bed manager may not read (a process instance, history). */
    JsonNode read(String path) throws Exception {
        return json(send("GET", path, null, "admin", ApiTestUsers.ADMIN_PASSWORD), path);
    }

    /** The running instance of the pathway's main process. */
    String instanceOf(String pathwayId) throws Exception {
        return read("/engine-rest/process-instance?businessKey=" + pathwayId).get(0).get("id").asText();
    }

    private JsonNode json(HttpResponse<String> answer, String path) throws Exception {
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    HttpResponse<String> post(String path, Object body) throws Exception {
        return send("POST", path, json.writeValueAsString(body));
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, BED_MANAGER, PASSWORD);
    }

    HttpResponse<String> send(String method, String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTestUsers.basic(user, password))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
