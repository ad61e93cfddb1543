package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 16, item 3, over real HTTP on both engine APIs ({@code /engine-rest} with HTTP Basic, {@code /camunda/api/engine}
 * behind the Tasklist login): a tenant refusal is the 404 it is for the user, indistinguishable from an unknown id and
 * naming no engine class; a negative page, a {@code null} body and a JSON variable value too deep to read back are
 * refused with 400 before the engine sees them, and nothing changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:engine-api-answers;DB_CLOSE_DELAY=-1",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineApiAnswersTest {

    private static final String PASSWORD = "engine-api-answers-password";
    private static final String UNKNOWN = "00000000-0000-0000-0000-000000000000";
    /** A bed manager of Nottingham and Nottinghamshire: may work bed-management tasks, of QT1 only. */
    private static final String NOTTS = "nottsbedmanager";
    /** What the engine's own classes and its tenant refusal are called: none may reach a caller. */
    private static final List<String> ENGINE_WORDS = List.of("ENGINE-", "ProcessEngineException", "NullValueException",
            "NullPointerException", "BadUserRequestException", "org.camunda", "authenticated tenant", "Exception:");

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;

    private final HttpClient http = HttpClient.newHttpClient();
    private String derbyPathway;
    private Task derbyTask;

    @BeforeAll
    void aDerbyPathwayAndANottinghamshireBedManager() throws Exception {
        User user = identity.newUser(NOTTS);
        user.setFirstName("Notts");
        user.setLastName("Bed Manager");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(NOTTS, Roles.BED_MANAGEMENT);
        identity.createMembership(NOTTS, Roles.MANAGERS);
        identity.createTenantUserMembership("QT1", NOTTS);
        HttpResponse<String> referred = send("POST", "/api/referrals", tester(), """
                {"nhsNumber":"9990000018","dateOfBirth":"1990-04-01","learningDisabilityOrAutism":false,
                 "wardType":"adult-acute","homeIcs":"QJ2","gpPracticeCode":"C81001","referralSource":"crisis-team"}""");
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        derbyPathway = json.readTree(referred.body()).get("pathwayId").asText();
        derbyTask = tasks.createTaskQuery().processInstanceBusinessKey(derbyPathway)
                .taskDefinitionKey(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION).singleResult();
    }

    /** Every way the REST API reads or works a task or instance by id, as {method, path with {id}, body}. */
    private List<String[]> callsById() {
        String work = "{\"userId\":\"" + NOTTS + "\",\"variables\":{\"admitted\":{\"value\":false,\"type\":\"Boolean\"}}}";
        return List.of(
                new String[] {"GET", "/task/{task}", null},
                new String[] {"GET", "/task/{task}/variables", null},
                new String[] {"GET", "/task/{task}/variables/admitted", null},
                new String[] {"GET", "/task/{task}/form-variables", null},
                new String[] {"GET", "/task/{task}/rendered-form", null},
                new String[] {"GET", "/task/{task}/deployed-form", null},
                new String[] {"GET", "/task/{task}/identity-links", null},
                new String[] {"GET", "/process-instance/{instance}/variables", null},
                new String[] {"POST", "/task/{task}/claim", work},
                new String[] {"POST", "/task/{task}/complete", work},
                new String[] {"POST", "/task/{task}/submit-form", work},
                new String[] {"PUT", "/task/{task}/variables/admitted", "{\"value\":false,\"type\":\"Boolean\"}"});
    }

    @Test
    void aTenantRefusalIsA404LikeAnUnknownIdOnTheRestApi() throws Exception {
        assertTenantRefusalsAreNotFound(new Caller() {
            public HttpResponse<String> send(String method, String path, String body) throws Exception {
                return EngineApiAnswersTest.this.send(method, "/engine-rest" + path, new String[] {NOTTS, PASSWORD}, body);
            }
        });
    }

    @Test
    void aTenantRefusalIsA404LikeAnUnknownIdThroughTasklist() throws Exception {
        Browser tasklist = new Browser(NOTTS, PASSWORD);
        assertTenantRefusalsAreNotFound((method, path, body) ->
                tasklist.send(method, "/camunda/api/engine/engine/default" + path, body));
    }

    private void assertTenantRefusalsAreNotFound(Caller caller) throws Exception {
        List<String> differences = new ArrayList<>();
        for (String[] call : callsById()) {
            String other = call[1].replace("{task}", derbyTask.getId())
                    .replace("{instance}", derbyTask.getProcessInstanceId());
            String unknown = call[1].replace("{task}", UNKNOWN).replace("{instance}", UNKNOWN);
            HttpResponse<String> refused = caller.send(call[0], other, call[2]);
            HttpResponse<String> missing = caller.send(call[0], unknown, call[2]);

            assertThat(refused.statusCode()).as(call[0] + " " + call[1] + ": " + refused.body()).isEqualTo(404);
            assertThat(refused.body()).as(call[1]).doesNotContain(ENGINE_WORDS.toArray(String[]::new))
                    .doesNotContain("admitted\":{").doesNotContain("9990000018");
            JsonNode error = json.readTree(refused.body());
            assertThat(error.get("type").asText()).isEqualTo("InvalidRequestException");
            // nothing tells another ICS's task from no task at all
            if (missing.statusCode() != refused.statusCode()
                    || !refused.body().replace(derbyTask.getId(), "ID").replace(derbyTask.getProcessInstanceId(), "ID")
                    .equals(missing.body().replace(UNKNOWN, "ID"))) {
                differences.add(call[0] + " " + call[1] + ": " + refused.statusCode() + " " + refused.body() + " / "
                        + missing.statusCode() + " " + missing.body());
            }
        }
        assertThat(differences).as("answers that tell another ICS's task from an unknown one").isEmpty();
        // and nothing was read or changed: the task is open, unclaimed, its variables as they were
        Task task = tasks.createTaskQuery().taskId(derbyTask.getId()).singleResult();
        assertThat(task).isNotNull();
        assertThat(task.getAssignee()).isNull();
        assertThat(tasks.getVariables(derbyTask.getId())).doesNotContainKey("admitted");
    }

    @Test
    void aNegativePageIsRefusedWith400() throws Exception {
        for (String path : List.of("/engine-rest/task?maxResults=-5", "/engine-rest/task?firstResult=-1",
                "/engine-rest/history/process-instance?maxResults=-1", "/engine-rest/process-instance?maxResults=-1")) {
            HttpResponse<String> answer = send("GET", path, tester(), null);
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(json.readTree(answer.body()).get("message").asText()).endsWith("must be zero or more.");
        }
        HttpResponse<String> query = send("POST", "/engine-rest/task?maxResults=-2", tester(), "{}");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(new Browser(ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD)
                .send("GET", "/camunda/api/engine/engine/default/task?maxResults=-5", null).statusCode()).isEqualTo(400);
        // zero and positive pages are answered as usual
        assertThat(send("GET", "/engine-rest/task?firstResult=0&maxResults=0", tester(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNullOrMissingBodyIsRefusedWith400AndNothingMoves() throws Exception {
        String complete = "/engine-rest/task/" + derbyTask.getId() + "/complete";
        List<HttpResponse<String>> answers = List.of(
                send("POST", complete, tester(), "null"),
                send("POST", complete, tester(), " null "),
                send("POST", "/engine-rest/message", tester(), "null"),
                send("POST", "/engine-rest/task/" + derbyTask.getId() + "/submit-form", tester(), "null"),
                sendWithoutBody("POST", complete),
                sendWithoutBody("POST", "/engine-rest/message"));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain(ENGINE_WORDS.toArray(String[]::new));
        }
        assertThat(tasks.createTaskQuery().taskId(derbyTask.getId()).count()).as("still open").isOne();
    }

    @Test
    void aJsonVariableTooDeepToReadBackIsRefusedAtWrite() throws Exception {
        String instance = derbyTask.getProcessInstanceId();
        String variable = "/engine-rest/process-instance/" + instance + "/variables/";
        String tooDeep = "[".repeat(EngineRequestFilter.MAX_DEPTH + 1) + "]".repeat(EngineRequestFilter.MAX_DEPTH + 1);
        String deepest = "[".repeat(EngineRequestFilter.MAX_DEPTH) + "]".repeat(EngineRequestFilter.MAX_DEPTH);
        String veryDeep = "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);

        List<HttpResponse<String>> refused = List.of(
                send("PUT", variable + "deep", admin(), typed("Json", tooDeep)),
                send("PUT", variable + "deep", admin(), typed("json", veryDeep)),
                send("PUT", variable + "deep", admin(), typed("Json", "[1, 2")),
                send("PUT", variable + "deep", admin(), """
                        {"type":"Object","value":%s,"valueInfo":{"serializationDataFormat":"application/json",
                         "objectTypeName":"java.util.ArrayList"}}""".formatted(json.writeValueAsString(tooDeep))),
                send("POST", "/engine-rest/task/" + derbyTask.getId() + "/complete", tester(),
                        "{\"variables\": {\"deep\": " + typed("Json", tooDeep) + "}}"),
                send("POST", "/engine-rest/message", tester(), "{\"messageName\":\"x\",\"businessKey\":\"" + derbyPathway
                        + "\",\"processVariables\":{\"deep\":" + typed("Json", tooDeep) + "}}"),
                send("POST", variable.replace("/variables/", "/variables"), admin(),
                        "{\"modifications\": {\"deep\": " + typed("Json", tooDeep) + "}}"),
                // a body that is itself nested too deeply
                send("POST", "/engine-rest/task", tester(), "{\"orQueries\":" + tooDeep + "}"));
        for (HttpResponse<String> answer : refused) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(json.readTree(answer.body()).get("type").asText()).isEqualTo("InvalidRequestException");
        }
        assertThat(runtime.getVariables(instance)).doesNotContainKey("deep");
        assertThat(tasks.createTaskQuery().taskId(derbyTask.getId()).count()).isOne();

        // as deep as allowed is stored and read back, and every list that shows variables still answers
        assertThat(send("PUT", variable + "deepest", admin(), typed("Json", deepest)).statusCode()).isEqualTo(204);
        assertThat(send("GET", variable, admin(), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/engine-rest/variable-instance?processInstanceIdIn=" + instance, admin(), null)
                .statusCode()).isEqualTo(200);
        runtime.removeVariable(instance, "deepest");
    }

    private static String typed(String type, String value) {
        return "{\"type\":\"" + type + "\",\"value\":" + quoted(value) + "}";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String[] tester() {
        return new String[] {ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD};
    }

    private static String[] admin() {
        return new String[] {"admin", ApiTestUsers.ADMIN_PASSWORD};
    }

    private HttpResponse<String> send(String method, String path, String[] user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTestUsers.basic(user[0], user[1]))
                .header("Accept", "application/json, */*")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** A POST with no body and no Content-Type at all. */
    private HttpResponse<String> sendWithoutBody(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTestUsers.basic(ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD))
                .header("Accept", "application/json").method(method, BodyPublishers.noBody()).build(),
                BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Caller {
        HttpResponse<String> send(String method, String path, String body) throws Exception;
    }

    /** A person logged in to Tasklist, as a browser would be: session cookie and CSRF token. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

        Browser(String user, String password) throws Exception {
            client.send(HttpRequest.newBuilder(url("/camunda/app/tasklist/default/")).build(),
                    BodyHandlers.discarding());
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                            url("/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrfToken())
                    .POST(BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        }

        HttpResponse<String> send(String method, String path, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("X-XSRF-TOKEN", csrfToken())
                    .header("Accept", "application/json, */*")
                    .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return client.send(request.build(), BodyHandlers.ofString());
        }

        private String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse("");
        }

        private URI url(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
