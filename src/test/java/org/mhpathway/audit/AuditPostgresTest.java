package org.mhpathway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.PostgresTestDatabase;
import org.mhpathway.audit.AuditEntry.Action;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.referral.ReferralService;
import org.mhpathway.system.JdbcTimes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit table, its recorders, query and retention on PostgreSQL, as in production. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=postgres",
        "camunda.bpm.job-execution.enabled=false",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class AuditPostgresTest {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @LocalServerPort int port;
    @Autowired ReferralService referrals;
    @Autowired TaskService tasks;
    @Autowired AuditTrail trail;
    @Autowired AuditRetention retention;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.createFor(registry);
    }


    @Test
    void recordsQueriesAndPrunesOnPostgres() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String pathwayId = referrals.refer(new ReferralRequest("9990000018", "1985-01-15", false, false, "adult-acute",
                "QJ2", "C81001", "crisis-team", null));
        String taskId = tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .taskDefinitionKey(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION).singleResult().getId();

        assertThat(send(ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD, "GET", "/api/pathways/" + pathwayId, null)
                .statusCode()).isEqualTo(200);
        assertThat(send(ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD, "POST",
                "/engine-rest/task/" + taskId + "/complete", """
                {"variables": {"presentingNeeds": {"value": "Relapse"}, "advanceChoicesReviewed": {"value": true},
                 "risksIdentified": {"value": "None"}, "admitted": {"value": true},
                 "socialCareInvolved": {"value": false}}}""").statusCode()).isEqualTo(204);

        HttpResponse<String> audit = send("admin", ApiTestUsers.ADMIN_PASSWORD, "GET",
                "/api/audit?pathwayId=" + pathwayId + "&from=" + start + "&to=" + Instant.now().plusSeconds(5)
                        + "&limit=10", null);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        JsonNode rows = json.readTree(audit.body());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("what").asText())
                .isEqualTo("POST task/{id}/complete " + InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION);
        assertThat(rows.get(0).get("surface").asText()).isEqualTo("engine-rest");
        assertThat(rows.get(1).get("what").asText()).isEqualTo("GET /api/pathways/{pathwayId}");
        assertThat(trail.find(null, "admin", start, null, 10)).extracting(AuditEntry::pathwayId, AuditEntry::action,
                AuditEntry::surface, AuditEntry::what).containsExactly(tuple(null, Action.VIEW, Surface.API, "GET /api/audit"));

        Instant now = Instant.now();
        jdbc.sql("""
                insert into access_audit (at, user_id, pathway_id, action, surface, what, outcome)
                values (?, 'tester', ?, 'VIEW', 'api', 'GET /api/pathways/{pathwayId}', 200)""")
                .params(JdbcTimes.utc(now.minus(Duration.ofDays(366))), pathwayId).update();
        assertThat(trail.find(pathwayId, null, null, null, 10)).hasSize(3);
        assertThat(retention.deleteExpired(now)).isEqualTo(1);
        assertThat(trail.find(pathwayId, null, null, null, 10)).hasSize(2);
    }

    private HttpResponse<String> send(String user, String password, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTestUsers.basic(user, password)).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
