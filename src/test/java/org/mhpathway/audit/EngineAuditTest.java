package org.mhpathway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.audit.AuditEntry.Action;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.referral.ReferralService;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The audit trail of the engine surfaces over real HTTP: Camunda's REST API ({@code /engine-rest}, HTTP Basic) and
 * the webapps' engine API behind the Tasklist login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:engine-audit-tests;DB_CLOSE_DELAY=-1",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EngineAuditTest {

    static final String NOTTS_NURSE = "nottsnurse";
    static final String PASSWORD = "audit-test-password-1";
    static final String ASSESS = InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION;

    @LocalServerPort int port;
    @Autowired ReferralService referrals;
    @Autowired TaskService tasks;
    @Autowired HistoryService history;
    @Autowired IdentityService identity;
    @Autowired AuditTrail trail;

    private final HttpClient http = HttpClient.newHttpClient();
    private static int nextNhsNumber = 500;

    @BeforeEach
    void nurseOfAnotherIcs() {
        if (identity.createUserQuery().userId(NOTTS_NURSE).count() == 0) {
            User user = identity.newUser(NOTTS_NURSE);
            user.setFirstName("Notts");
            user.setLastName("Nurse");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(NOTTS_NURSE, Roles.WARD_CLINICIANS);
            identity.createTenantUserMembership("QT1", NOTTS_NURSE);
        }
    }

    @Test
    void viewingAndCompletingATaskOverEngineRestIsRecordedBeforeTheTaskIsGone() throws Exception {
        String pathwayId = refer();
        String taskId = assessTask(pathwayId).getId();

        assertThat(send(engineRest("GET", "/task/" + taskId, null))).isEqualTo(200);
        assertThat(send(engineRest("GET", "/task/" + taskId + "/form-variables", null))).isEqualTo(200);
        assertThat(send(engineRest("POST", "/task/" + taskId + "/complete", """
                {"variables": {"presentingNeeds": {"value": "Psychotic relapse"}, "advanceChoicesReviewed": {"value": true},
                 "risksIdentified": {"value": "Self-neglect"}, "admitted": {"value": true},
                 "socialCareInvolved": {"value": false}}}"""))).isEqualTo(204);
        assertThat(send(engineRest("GET", "/task/" + taskId, null))).isEqualTo(404);

        assertThat(trail.find(pathwayId, null, null, null, 100))
                .extracting(AuditEntry::userId, AuditEntry::action, AuditEntry::surface, AuditEntry::what,
                        AuditEntry::outcome)
                .containsExactly(
                        tuple("tester", Action.VIEW, Surface.ENGINE_REST, "GET task/{id} " + ASSESS, 404),
                        tuple("tester", Action.CHANGE, Surface.ENGINE_REST, "POST task/{id}/complete " + ASSESS, 204),
                        tuple("tester", Action.VIEW, Surface.ENGINE_REST, "GET task/{id}/form-variables " + ASSESS, 200),
                        tuple("tester", Action.VIEW, Surface.ENGINE_REST, "GET task/{id} " + ASSESS, 200));
    }

    @Test
    void aTaskOfAnotherIcsIsRecordedAsRefused() throws Exception {
        String pathwayId = refer(); // QJ2
        String taskId = assessTask(pathwayId).getId();

        int status = send(as(NOTTS_NURSE, PASSWORD, "GET", "/engine-rest/task/" + taskId + "/variables", null));

        // the engine's tenant refusal (ENGINE-13034) is answered 404: for this user the task does not exist
        assertThat(status).isEqualTo(404);
        assertThat(trail.find(pathwayId, null, null, null, 100)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(NOTTS_NURSE);
            assertThat(e.action()).isEqualTo(Action.VIEW);
            assertThat(e.what()).isEqualTo("GET task/{id}/variables " + ASSESS);
            assertThat(e.outcome()).isEqualTo(status);
        });
    }

    /** Issue 16, item 5: path parameters, percent-encoding and doubled slashes do not slip past the audit. */
    @Test
    void theEngineActingIsRecordedHoweverThePathIsSpelt() throws Exception {
        String pathwayId = refer();
        Task task = assessTask(pathwayId);
        String id = task.getId();
        String encoded = "%" + Integer.toHexString(id.charAt(0)) + id.substring(1);

        List<String[]> spellings = List.of(
                new String[] {"GET", "/task/" + id + "/variables;x", "GET task/{id}/variables"},
                new String[] {"GET", "/task/" + id + ";x/variables", "GET task/{id}/variables"},
                new String[] {"GET", "/task/" + id + ";x=1;y/form-variables;z", "GET task/{id}/form-variables"},
                new String[] {"GET", "/task/" + encoded + "/variables", "GET task/{id}/variables"},
                new String[] {"GET", "//task//" + id + "/variables", "GET task/{id}/variables"},
                new String[] {"GET", "/engine/default;x/task/" + id + "/variables", "GET task/{id}/variables"},
                new String[] {"GET", "/process-instance/" + task.getProcessInstanceId() + ";x/variables",
                        "GET process-instance/{id}/variables"},
                new String[] {"POST", "/task/" + id + ";x/claim", "POST task/{id}/claim"});
        List<String> unrecorded = new java.util.ArrayList<>();
        for (String[] spelling : spellings) {
            int before = trail.find(pathwayId, null, null, null, 1000).size();
            String body = spelling[0].equals("POST") ? "{\"userId\": \"tester\"}" : null;
            int status = send(engineRest(spelling[0], spelling[1], body));
            List<AuditEntry> after = trail.find(pathwayId, null, null, null, 1000);
            String kind = spelling[2].startsWith("GET process") ? InpatientPathway.KEY : ASSESS;
            boolean recorded = after.size() == before + 1 && after.get(0).what().equals(spelling[2] + " " + kind)
                    && after.get(0).outcome() == status;
            if (status < 400 && !recorded) {
                unrecorded.add(spelling[0] + " " + spelling[1] + " -> " + status);
            }
        }
        assertThat(unrecorded).as("requests the engine answered without an audit row").isEmpty();
        // the claim went through, and was recorded like the plain path
        assertThat(tasks.createTaskQuery().taskId(id).singleResult().getAssignee()).isEqualTo(ApiTestUsers.TESTER);
        assertThat(trail.find(pathwayId, null, null, null, 1000)).extracting(AuditEntry::what)
                .contains("POST task/{id}/claim " + ASSESS, "GET task/{id}/variables " + ASSESS,
                        "GET task/{id}/form-variables " + ASSESS, "GET process-instance/{id}/variables " + InpatientPathway.KEY);
    }

    @Test
    void processInstancesAreRecordedByTheirPathwayAndOtherResourcesAreNot() throws Exception {
        String pathwayId = refer();
        String instanceId = assessTask(pathwayId).getProcessInstanceId();

        assertThat(send(engineRest("GET", "/process-instance/" + instanceId, null))).isEqualTo(200);
        assertThat(send(engineRest("GET", "/engine/default/process-instance/" + instanceId + "/variables", null)))
                .isEqualTo(200);
        assertThat(send(engineRest("GET", "/history/process-instance/" + instanceId, null))).isEqualTo(200);
        // not recorded: lists, counts, structure
        assertThat(send(engineRest("GET", "/task?processInstanceBusinessKey=" + pathwayId, null))).isEqualTo(200);
        assertThat(send(engineRest("GET", "/task/count", null))).isEqualTo(200);
        assertThat(send(engineRest("GET", "/process-instance/" + instanceId + "/activity-instances", null)))
                .isEqualTo(200);
        // not recorded: no authenticated user
        assertThat(send(HttpRequest.newBuilder(url("/engine-rest/process-instance/" + instanceId)).GET().build()))
                .isEqualTo(401);

        assertThat(trail.find(pathwayId, null, null, null, 100)).extracting(AuditEntry::what).containsExactly(
                "GET history/process-instance/{id} " + InpatientPathway.KEY,
                "GET process-instance/{id}/variables " + InpatientPathway.KEY,
                "GET process-instance/{id} " + InpatientPathway.KEY);
    }

    @Test
    void tasklistReadingATaskIsRecordedForTheLoggedInUser() throws Exception {
        String pathwayId = refer();
        String taskId = assessTask(pathwayId).getId();
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

        browser.send(HttpRequest.newBuilder(url("/camunda/app/tasklist/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        String form = "username=" + URLEncoder.encode(ApiTestUsers.TESTER, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(ApiTestUsers.TESTER_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                        url("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        HttpResponse<String> task = browser.send(HttpRequest.newBuilder(
                        url("/camunda/api/engine/engine/default/task/" + taskId)).header("X-XSRF-TOKEN", xsrf)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(task.statusCode()).as(task.body()).isEqualTo(200);

        assertThat(trail.find(pathwayId, null, null, null, 100)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(ApiTestUsers.TESTER);
            assertThat(e.surface()).isEqualTo(Surface.WEBAPP);
            assertThat(e.action()).isEqualTo(Action.VIEW);
            assertThat(e.what()).isEqualTo("GET task/{id} " + ASSESS);
            assertThat(e.outcome()).isEqualTo(200);
        });
    }

    private String refer() {
        return referrals.refer(new ReferralRequest(nhsNumber(), "1985-01-15", false, false, "adult-acute", "QJ2",
                "C81001", "crisis-team", null));
    }

    private Task assessTask(String pathwayId) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pathwayId).taskDefinitionKey(ASSESS).singleResult();
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest engineRest(String method, String path, String json) {
        return as(ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD, method, "/engine-rest" + path, json);
    }

    private HttpRequest as(String user, String password, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .header("Authorization", ApiTestUsers.basic(user, password)).header("Accept", "application/json");
        if (json == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private int send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A valid NHS number in the 999 range never issued to a person. */
    private static synchronized String nhsNumber() {
        while (true) {
            String nine = String.format("999%06d", nextNhsNumber++);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return nine + check;
            }
        }
    }
}
