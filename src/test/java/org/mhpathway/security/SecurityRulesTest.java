package org.mhpathway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.MhPathwayApplication;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may see and do what (docs/security.md), over real HTTP on every surface: the service's API, Camunda's REST
 * API and the Tasklist and Cockpit webapps. Two ICSs, Derby and Derbyshire (QJ2) and Nottingham and
 * Nottinghamshire (QT1), each with a pathway, and a user per group and ICS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:security-rules;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "mhpathway.admin.user=firstadmin",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityRulesTest {

    private static final String PASSWORD = "a-long-enough-test-password";
    private static final AtomicInteger NHS = new AtomicInteger(500);

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired ObjectMapper json;
    @Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();
    private String derbyPathway;
    private String nottsPathway;

    @BeforeAll
    void usersAndPathways() throws Exception {
        for (String ics : List.of("QJ2", "QT1")) {
            String s = ics.toLowerCase();
            user(s + "clinician", Set.of(Roles.WARD_CLINICIANS), ics);
            user(s + "bedmanager", Set.of(Roles.BED_MANAGEMENT), ics);
            user(s + "hub", Set.of(Roles.DISCHARGE_HUB), ics);
            user(s + "housing", Set.of(Roles.HOUSING), ics);
            user(s + "manager", Set.of(Roles.MANAGERS), ics);
        }
        user("qj2nogroup", Set.of(), "QJ2");
        derbyPathway = refer("qj2bedmanager", "QJ2");
        nottsPathway = refer("qt1bedmanager", "QT1");
    }

    // ---- authentication ----

    @Test
    void everySurfaceButHealthAsksForCredentials() throws Exception {
        List<String[]> calls = List.of(
                new String[] {"POST", "/api/referrals"},
                new String[] {"GET", "/api/me"},
                new String[] {"GET", "/api/pathways/" + derbyPathway},
                new String[] {"GET", "/api/pathways/" + derbyPathway + "/care-team"},
                new String[] {"PUT", "/api/pathways/" + derbyPathway + "/care-team/gp-practice"},
                new String[] {"GET", "/api/pathways/" + derbyPathway + "/notifications"},
                new String[] {"GET", "/api/pathways/" + derbyPathway + "/housing"},
                new String[] {"POST", "/api/pathways/" + derbyPathway + "/discharge-events"},
                new String[] {"GET", "/api/delayed-discharges"},
                new String[] {"GET", "/api/indicators"},
                new String[] {"GET", "/api/partners"},
                new String[] {"POST", "/api/partner-messages"},
                new String[] {"GET", "/engine-rest/task"},
                new String[] {"GET", "/engine-rest/process-instance"},
                new String[] {"GET", "/engine-rest/history/process-instance"},
                new String[] {"POST", "/engine-rest/message"},
                new String[] {"GET", "/engine-rest/user"},
                new String[] {"GET", "/camunda/api/engine/engine/default/task"},
                new String[] {"GET", "/camunda/api/engine/engine/default/process-instance"},
                new String[] {"GET", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics"},
                new String[] {"GET", "/api/metrics"},
                new String[] {"GET", "/actuator/info"},
                new String[] {"GET", "/actuator/metrics"},
                new String[] {"GET", "/actuator/prometheus"});
        List<String> open = new ArrayList<>();
        for (String[] call : calls) {
            HttpResponse<String> answer = send(call[0], call[1], null, "{}");
            if (answer.statusCode() != 401 && answer.statusCode() != 404) {
                open.add(call[0] + " " + call[1] + " -> " + answer.statusCode());
            }
            if (call[1].startsWith("/api") && answer.statusCode() == 401) {
                assertThat(answer.headers().firstValue("WWW-Authenticate")).as(call[1]).hasValueSatisfying(
                        v -> assertThat(v).startsWith("Basic realm="));
                assertThat(answer.headers().firstValue("Content-Type")).as(call[1]).hasValueSatisfying(
                        v -> assertThat(v).startsWith("application/problem+json"));
            }
        }
        assertThat(open).as("answered without credentials").isEmpty();
        // the actuator endpoints other than health are not published at all
        assertThat(send("GET", "/actuator/info", null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiTakesTheTasklistLoginAndChangesNothingWithoutItsSessionToken() throws Exception {
        Browser bedManager = new Browser("tasklist", "qj2bedmanager");
        JsonNode me = bedManager.get("/api/me");
        assertThat(me.get("userId").asText()).isEqualTo("qj2bedmanager");
        assertThat(me.get("groups").toString()).isEqualTo("[\"" + Roles.BED_MANAGEMENT + "\"]");
        assertThat(me.get("ics").toString()).isEqualTo("[{\"code\":\"QJ2\",\"name\":\"Derby and Derbyshire\"}]");
        assertThat(me.get("csrfToken").asText()).isEqualTo(bedManager.csrfToken()).isNotEmpty();

        String referral = referral("QJ2");
        HttpResponse<String> noToken = bedManager.send("POST", "/api/referrals", referral, null);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(json.readTree(noToken.body()).at("/errors/0/field").asText()).isEqualTo("X-XSRF-TOKEN");
        assertThat(json.readTree(noToken.body()).at("/type").asText())
                .isEqualTo("urn:mh-pathway:problem:session-token-required");
        assertThat(bedManager.send("POST", "/api/referrals", referral, "not-the-token").statusCode()).isEqualTo(403);
        // nothing was recorded: the same person is referred once, with the token
        HttpResponse<String> created = bedManager.send("POST", "/api/referrals", referral, bedManager.csrfToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // the session's user, groups and ICSs decide as they would with HTTP Basic
        Browser hub = new Browser("tasklist", "qj2hub");
        HttpResponse<String> hubRefers = hub.send("POST", "/api/referrals", referral("QJ2"), hub.csrfToken());
        assertThat(hubRefers.statusCode()).isEqualTo(403);
        assertThat(json.readTree(hubRefers.body()).at("/errors/0/field").asText()).isEqualTo("Authorization");
        assertThat(bedManager.send("POST", "/api/referrals", referral("QT1"), bedManager.csrfToken()).statusCode())
                .isEqualTo(403);
        // a session without a login is no login
        Browser nobody = new Browser("tasklist", null);
        assertThat(nobody.send("GET", "/api/me", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordIsRefusedOnTheApiAndTheRestApi() throws Exception {
        // its own user: a wrong password locks the user out for a while (Camunda's brute-force protection)
        user("qj2wrongpassword", Set.of(Roles.WARD_CLINICIANS), "QJ2");
        assertThat(send("GET", "/api/pathways/" + derbyPathway, "qj2wrongpassword:wrong-password", null).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/engine-rest/task", "qj2wrongpassword:wrong-password", null).statusCode()).isEqualTo(401);
        // and then even the right one, for a few seconds
        assertThat(send("GET", "/api/pathways/" + derbyPathway, "qj2wrongpassword:" + PASSWORD, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void everyApiEndpointNamesTheGroupsThatMayCallIt() {
        List<String> unguarded = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
            Set<String> paths = m.getKey().getPatternValues();
            boolean api = paths.stream().anyMatch(p -> p.startsWith("/api/") && !p.startsWith("/api/partner-messages"));
            HandlerMethod h = m.getValue();
            if (api && !h.hasMethodAnnotation(Allowed.class) && !h.getBeanType().isAnnotationPresent(Allowed.class)) {
                unguarded.add(paths + " " + h.getMethod().getName());
            }
        }
        assertThat(unguarded).as("API handlers without @Allowed (refused to everyone, but say so)").isEmpty();
        // the caller comes from Spring Security's authentication: a Caller parameter without it would be made up
        List<String> callerNotFromLogin = new ArrayList<>();
        for (HandlerMethod h : mappings.getHandlerMethods().values()) {
            for (org.springframework.core.MethodParameter p : h.getMethodParameters()) {
                if (p.getParameterType() == Caller.class && !p.hasParameterAnnotation(AuthenticationPrincipal.class)) {
                    callerNotFromLogin.add(h.getMethod().getDeclaringClass().getSimpleName() + "." + h.getMethod().getName());
                }
            }
        }
        assertThat(callerNotFromLogin).as("Caller parameters without @AuthenticationPrincipal").isEmpty();
    }

    // ---- least privilege per group (PATHWAY.md section 6) ----

    @Test
    void eachGroupDoesOnlyItsOwnWorkThroughTheApi() throws Exception {
        String pathway = "/api/pathways/" + derbyPathway;
        // managers read everything of their ICS and change nothing
        assertThat(status("GET", pathway, "qj2manager")).isEqualTo(200);
        assertThat(status("GET", "/api/delayed-discharges", "qj2manager")).isEqualTo(200);
        assertThat(status("PUT", pathway + "/care-team/gp-practice", "qj2manager")).isEqualTo(403);
        assertThat(status("POST", "/api/referrals", "qj2manager")).isEqualTo(403);
        assertThat(status("POST", pathway + "/discharge-events", "qj2manager")).isEqualTo(403);
        // the discharge hub and housing see a pathway only once an escalation stands behind it
        assertThat(status("GET", pathway, "qj2hub")).isEqualTo(403);
        assertThat(status("GET", pathway, "qj2housing")).isEqualTo(403);
        assertThat(status("GET", "/api/delayed-discharges", "qj2hub")).isEqualTo(200);
        assertThat(status("POST", "/api/referrals", "qj2housing")).isEqualTo(403);
        // clinicians read the pathway; only administrators manage partners
        assertThat(status("GET", pathway, "qj2clinician")).isEqualTo(200);
        assertThat(status("GET", "/api/partners", "qj2clinician")).isEqualTo(403);
        assertThat(send("GET", "/api/partners", "firstadmin:" + ApiTestUsers.ADMIN_PASSWORD, null).statusCode())
                .isEqualTo(200);
        // administrators manage users and partners; they do not read patients through the API
        assertThat(send("GET", pathway, "firstadmin:" + ApiTestUsers.ADMIN_PASSWORD, null).statusCode()).isEqualTo(403);
        // a user in no group may do nothing
        assertThat(status("GET", pathway, "qj2nogroup")).isEqualTo(403);
        assertThat(status("GET", "/api/delayed-discharges", "qj2nogroup")).isEqualTo(403);
        // the indicators: managers, and the discharge hub for the delay figures; nobody else
        assertThat(status("GET", "/api/indicators", "qj2manager")).isEqualTo(200);
        assertThat(status("GET", "/api/indicators", "qj2hub")).isEqualTo(200);
        assertThat(status("GET", "/api/indicators", "qj2clinician")).isEqualTo(403);
        assertThat(status("GET", "/api/indicators", "qj2housing")).isEqualTo(403);
        assertThat(status("GET", "/api/indicators", "qj2nogroup")).isEqualTo(403);
    }

    @Test
    void refusalsAreProblemJsonNamingWhatDecidedIt() throws Exception {
        HttpResponse<String> refused = send("PUT", "/api/pathways/" + derbyPathway + "/care-team/gp-practice",
                "qj2manager:" + PASSWORD, "{}");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode body = json.readTree(refused.body());
        assertThat(body.get("type").asText()).isEqualTo("urn:mh-pathway:problem:forbidden");
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("Authorization");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void theEngineGrantsEachGroupOnlyWhatItNeeds() throws Exception {
        // clinicians work their tasks and read their ICS's pathways, but cannot suspend them or create users
        assertThat(count("/engine-rest/task/count", "qj2bedmanager")).isPositive();
        assertThat(count("/engine-rest/process-instance/count", "qj2clinician")).isPositive();
        assertThat(count("/engine-rest/process-instance/count", "qt1clinician")).as("another ICS's").isEqualTo(
                count("/engine-rest/process-instance/count?businessKey=" + nottsPathway, "qt1clinician"));
        String instance = json.readTree(send("GET", "/engine-rest/process-instance?businessKey=" + derbyPathway,
                "qj2manager:" + PASSWORD, null).body()).get(0).get("id").asText();
        assertThat(status("PUT", "/engine-rest/process-instance/" + instance + "/suspended", "qj2clinician",
                "{\"suspended\":true}")).isEqualTo(403);
        // managers read but change nothing
        assertThat(status("PUT", "/engine-rest/process-instance/" + instance + "/suspended", "qj2manager",
                "{\"suspended\":true}")).isEqualTo(403);
        assertThat(status("DELETE", "/engine-rest/process-instance/" + instance, "qj2manager")).isEqualTo(403);
        assertThat(status("POST", "/engine-rest/user/create", "qj2manager",
                "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder-password\"}}"))
                .isEqualTo(403);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
        // the hub and housing read escalations, not the clinical pathway
        assertThat(count("/engine-rest/process-instance/count?processDefinitionKey=" + InpatientPathway.KEY, "qj2hub"))
                .isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(derbyPathway).active().count()).isPositive();
    }

    /**
     * docs/security.md: even made a candidate of a clinical task (by an administrator, say), the discharge hub reads
     * none of its variables: variable permissions are per model, and the hub holds none on a clinical one.
     */
    @Test
    void theDischargeHubAndHousingReadNoVariableOfAClinicalTaskEvenAsItsCandidate() throws Exception {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(derbyPathway)
                .taskDefinitionKey(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION).singleResult();
        runtime.setVariable(task.getProcessInstanceId(), "presentingNeeds", "Hears voices at night");
        tasks.addCandidateGroup(task.getId(), Roles.DISCHARGE_HUB);
        try {
            String variables = "/engine-rest/task/" + task.getId() + "/variables";
            for (String user : List.of("qj2hub", "qj2housing")) {
                for (String path : List.of(variables, variables + ";x", variables + "/presentingNeeds",
                        "/engine-rest/task/" + task.getId() + "/form-variables",
                        "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables")) {
                    HttpResponse<String> answer = send("GET", path, user + ":" + PASSWORD, null);
                    assertThat(answer.body()).as(user + " " + path).doesNotContain("Hears voices");
                    assertThat(answer.statusCode()).as(user + " " + path).isIn(403, 404);
                }
            }
            // the clinicians whose task it is read it all
            assertThat(send("GET", variables, "qj2bedmanager:" + PASSWORD, null).body()).contains("Hears voices");
        } finally {
            tasks.deleteCandidateGroup(task.getId(), Roles.DISCHARGE_HUB);
            runtime.removeVariable(task.getProcessInstanceId(), "presentingNeeds");
        }
    }

    // ---- one installation, several ICSs: nobody sees another ICS's patients ----

    @Test
    void aUserOfOneIcsCannotReachAnotherIcsPathwayThroughTheApi() throws Exception {
        String other = "/api/pathways/" + derbyPathway;
        for (String path : List.of(other, other + "/care-team", other + "/notifications", other + "/housing",
                other + "/discharge-events")) {
            assertThat(status("GET", path, "qt1manager")).as(path).isEqualTo(404);
            assertThat(status("GET", path, "qt1clinician")).as(path).isEqualTo(404);
        }
        assertThat(status("PUT", other + "/care-team/gp-practice", "qt1clinician", "{\"partnerId\":\"x\"}"))
                .isEqualTo(404);
        assertThat(status("POST", other + "/discharge-events", "qt1clinician", "{}")).isEqualTo(404);
        assertThat(status("POST", other + "/housing/actions", "qt1housing", "{}")).isEqualTo(404);
        assertThat(status("GET", "/api/delayed-discharges?ics=QJ2", "qt1manager")).isEqualTo(403);
        assertThat(status("GET", "/api/indicators?ics=QJ2", "qt1manager")).isEqualTo(404);
        // a referral only into one's own ICS
        assertThat(status("POST", "/api/referrals", "qt1bedmanager", referral("QJ2"))).isEqualTo(403);
        // the own ICS's pathway is there
        assertThat(status("GET", "/api/pathways/" + nottsPathway, "qt1clinician")).isEqualTo(200);
    }

    @Test
    void aUserOfOneIcsCannotReadListCompleteOrCorrelateAnotherIcsWorkThroughTheRestApi() throws Exception {
        Task derbyTask = tasks.createTaskQuery().processInstanceBusinessKey(derbyPathway)
                .taskDefinitionKey(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION).singleResult();
        // list
        assertThat(json.readTree(send("GET", "/engine-rest/task?processInstanceBusinessKey=" + derbyPathway,
                "qt1bedmanager:" + PASSWORD, null).body())).isEmpty();
        assertThat(json.readTree(send("GET", "/engine-rest/process-instance?businessKey=" + derbyPathway,
                "qt1manager:" + PASSWORD, null).body())).isEmpty();
        assertThat(json.readTree(send("GET", "/engine-rest/history/process-instance?processInstanceBusinessKey="
                + derbyPathway, "qt1manager:" + PASSWORD, null).body())).isEmpty();
        assertThat(tenantsSeen("/engine-rest/task", "qt1bedmanager")).containsOnly("QT1");
        assertThat(tenantsSeen("/engine-rest/history/task", "qt1manager")).containsOnly("QT1");
        // read
        assertThat(status("GET", "/engine-rest/task/" + derbyTask.getId(), "qt1bedmanager")).isEqualTo(404);
        // the engine's tenant refusal (ENGINE-13034) is answered as the 404 it is for this user, reading nothing
        HttpResponse<String> variables = send("GET", "/engine-rest/task/" + derbyTask.getId() + "/form-variables",
                "qt1bedmanager:" + PASSWORD, null);
        assertThat(variables.statusCode()).isEqualTo(404);
        assertThat(variables.body()).doesNotContain("ENGINE-13034").doesNotContain("admitted")
                .doesNotContain("nhsNumber");
        // complete
        int completed = status("POST", "/engine-rest/task/" + derbyTask.getId() + "/complete", "qt1bedmanager",
                "{\"variables\":{\"admitted\":{\"value\":false,\"type\":\"Boolean\"}}}");
        assertThat(completed).isIn(403, 404);
        assertThat(tasks.createTaskQuery().taskId(derbyTask.getId()).count()).as("still open").isOne();
        // correlate: a message for the other ICS's pathway finds nothing to move
        int correlated = status("POST", "/engine-rest/message", "qt1manager",
                "{\"messageName\":\"" + FollowUpAfterDischarge.MSG_FOLLOW_UP_COMPLETED + "\",\"businessKey\":\""
                        + derbyPathway + "\"}");
        assertThat(correlated).isIn(400, 403, 404);
        // the own ICS's user does see and may work it
        assertThat(status("GET", "/engine-rest/task/" + derbyTask.getId(), "qj2bedmanager")).isEqualTo(200);
    }

    @Test
    void tasklistAndCockpitShowOnlyTheUsersOwnIcs() throws Exception {
        Browser cockpit = new Browser("cockpit", "qt1manager");
        assertThat(cockpit.get("/camunda/api/engine/engine/default/process-instance?businessKey=" + derbyPathway))
                .isEmpty();
        assertThat(cockpit.get("/camunda/api/engine/engine/default/process-instance?businessKey=" + nottsPathway))
                .isNotEmpty();
        Browser tasklist = new Browser("tasklist", "qt1bedmanager");
        JsonNode seen = tasklist.get("/camunda/api/engine/engine/default/task");
        assertThat(seen).isNotEmpty();
        seen.forEach(t -> assertThat(t.get("tenantId").asText()).isEqualTo("QT1"));
        // each person lands on their own work: the group's own list comes first
        JsonNode filters = tasklist.get("/camunda/api/engine/engine/default/filter?resourceType=Task");
        List<String> names = new ArrayList<>();
        filters.forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).contains("Beds and admissions").doesNotContain("Ward work", "Discharge hub work");
        // only managers have Cockpit
        assertThat(new Browser("cockpit", "qt1bedmanager").loggedIn).isFalse();
    }

    @Test
    void everyInstanceBelongsToTheIcsOfItsPathwayAndNoneStartsWithoutOne() {
        List<String> tenants = new ArrayList<>();
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(nottsPathway).list()
                .forEach(p -> tenants.add(p.getTenantId()));
        tasks.createTaskQuery().processInstanceBusinessKey(nottsPathway).list().forEach(t -> tenants.add(t.getTenantId()));
        assertThat(tenants).isNotEmpty().containsOnly("QT1");
        // an instance without a tenant would be visible in every ICS: it is not started at all
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(InpatientPathway.KEY, "NO-ICS",
                Map.of("pathwayId", "NO-ICS"))).hasMessageContaining("homeIcs");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("NO-ICS").count()).isZero();
    }

    // ---- the first administrator ----

    @Test
    void theFirstAdministratorComesFromTheEnvironment() {
        assertThat(identity.checkPassword("firstadmin", ApiTestUsers.ADMIN_PASSWORD)).isTrue();
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list()).extracting(User::getId)
                .containsExactly("firstadmin");
        assertThat(identity.createUserQuery().userId("demo").count()).as("no demo user outside the demo").isZero();
    }

    @Test
    void weakOrMissingAdministratorPasswordsAreRefused() {
        for (String weak : new String[] {null, "", "   ", "short", "demo", "changeme", "administrator", "admin",
                "Password"}) {
            assertThatThrownBy(() -> IdentityBootstrap.refuseWeakPassword(new AdministratorProperties("admin", weak)))
                    .as(String.valueOf(weak)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MHPATHWAY_ADMIN_PASSWORD");
        }
        assertThatThrownBy(() -> IdentityBootstrap.refuseWeakPassword(
                new AdministratorProperties("longadministrator", "longadministrator")))
                .isInstanceOf(IllegalStateException.class);
        IdentityBootstrap.refuseWeakPassword(new AdministratorProperties("admin", "a strong pass phrase"));
    }

    @Test
    void theServiceRefusesToStartOutsideTheDemoWithoutAStrongAdministratorPassword() {
        assertThatThrownBy(() -> {
            try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(MhPathwayApplication.class)
                    .properties("server.port=0", "spring.datasource.url=jdbc:h2:mem:refused-start;DB_CLOSE_DELAY=-1",
                            "camunda.bpm.job-execution.enabled=false", "mhpathway.admin.password=demo",
                            // its own engine name: a failed start closes its engine, not the one of this test
                            "camunda.bpm.process-engine-name=refused")
                    .run()) {
                // started: the assertion below fails
            }
        }).hasStackTraceContaining("Refusing to start");
    }

    // ---- helpers ----

    private void user(String id, Set<String> groups, String ics) {
        ApiTestUsers.ensureUser(identity, id, PASSWORD, groups, ics);
    }

    private String refer(String user, String ics) throws Exception {
        HttpResponse<String> created = send("POST", "/api/referrals", user + ":" + PASSWORD, referral(ics));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("pathwayId").asText();
    }

    private String referral(String ics) {
        String nhs;
        int check;
        do {
            String nine = String.format("999%06d", NHS.getAndIncrement());
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            check = (11 - sum % 11) % 11;
            nhs = nine + check;
        } while (check == 10);
        return "{\"nhsNumber\":\"" + nhs + "\",\"dateOfBirth\":\"1980-02-03\",\"learningDisabilityOrAutism\":false,"
                + "\"ehcPlan\":false,\"wardType\":\"adult-acute\",\"homeIcs\":\"" + ics + "\",\"gpPracticeCode\":"
                + "\"C81001\",\"referralSource\":\"crisis-team\"}";
    }

    private int status(String method, String path, String user) throws Exception {
        return status(method, path, user, method.equals("GET") || method.equals("DELETE") ? null : "{}");
    }

    private int status(String method, String path, String user, String body) throws Exception {
        return send(method, path, user + ":" + PASSWORD, body).statusCode();
    }

    private long count(String path, String user) throws Exception {
        HttpResponse<String> answer = send("GET", path, user + ":" + PASSWORD, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).get("count").asLong();
    }

    private Set<String> tenantsSeen(String path, String user) throws Exception {
        Set<String> seen = new TreeSet<>();
        json.readTree(send("GET", path, user + ":" + PASSWORD, null).body())
                .forEach(t -> seen.add(t.get("tenantId").asText()));
        return seen;
    }

    private HttpResponse<String> send(String method, String path, String credentials, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header("Authorization", ApiTestUsers.basic(credentials.substring(0, credentials.indexOf(':')),
                    credentials.substring(credentials.indexOf(':') + 1)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A person logged in to one of the Camunda webapps, as a browser would: session cookie and CSRF token. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        private final boolean loggedIn;

        Browser(String app, String user) throws Exception {
            client.send(HttpRequest.newBuilder(url("/camunda/app/" + app + "/default/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (user == null) {
                loggedIn = false;
                return;
            }
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(
                            url("/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            loggedIn = login.statusCode() == 200;
            // as Tasklist does next: the login began a new session, whose CSRF token the next webapp call sets
            client.send(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        JsonNode get(String path) throws Exception {
            assertThat(loggedIn).as("logged in").isTrue();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(url(path))
                    .header("X-XSRF-TOKEN", csrfToken()).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
            // the API reads the Tasklist session and leaves it as it is: a new session id would log out the
            // webapp's calls in flight with the old one
            assertThat(answer.headers().allValues("Set-Cookie")).as("cookies set by " + path).isEmpty();
            return json.readTree(answer.body());
        }

        /** As the service's own pages call /api: the session cookie, and the token only when given. */
        HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("X-XSRF-TOKEN", token);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse("");
        }

        private URI url(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
