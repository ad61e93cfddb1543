package org.mhpathway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.access.Roles;
import org.mhpathway.audit.AuditEntry;
import org.mhpathway.audit.AuditTrail;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayRegister;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 16, item 5, over real HTTP: nothing a user typed reaches the log; wrong passwords slow a guesser down without
 * locking anyone out for good; a referral for a person who already has an open pathway is refused with the same
 * answer whichever ICS that pathway is in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:security-hardening;DB_CLOSE_DELAY=-1",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SecurityHardeningTest {

    private static final String PASSWORD = "security-hardening-password";
    /** Shaped like an NHS number (it passes the Modulus 11 check), and a name: what must never reach the log. */
    private static final String TYPED_NHS_NUMBER = "9434765919";
    private static final String TYPED_NAME = "Jane Quietly-Smith";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired IdentityService identity;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;
    @Autowired PathwayRegister register;
    @Autowired AuditTrail trail;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void users() {
        user("qj2referrer", Set.of(Roles.BED_MANAGEMENT), "QJ2");
        user("qt1referrer", Set.of(Roles.BED_MANAGEMENT), "QT1");
        user("secondadmin", Set.of(Roles.ADMINISTRATORS), null);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---- nothing typed reaches the log ----

    @Test
    void aRefusedLoginLogsAFixedTextNotTheUserIdAsTyped(CapturedOutput output) throws Exception {
        for (String typed : List.of(TYPED_NHS_NUMBER, "943 476 5919", TYPED_NAME, "qj2referrer")) {
            assertThat(send("GET", "/api/pathways/MHP-0000-0000", typed, "wrong password", null).statusCode())
                    .isEqualTo(401);
            assertThat(send("GET", "/engine-rest/task", typed, "wrong password", null).statusCode()).isEqualTo(401);
        }
        // a path typed with an identifier in it: refused for its size, logged with the identifier blanked
        assertThat(send("POST", "/api/pathways/" + TYPED_NHS_NUMBER + "/discharge-events", "qj2referrer", PASSWORD,
                "{\"reason\": \"" + "x".repeat(70 * 1024) + "\"}").statusCode()).isEqualTo(413);

        // (Camunda itself names a user that exists when it makes them wait: ENGINE-27001, an operator's clue)
        assertThat(output.getAll()).contains("Refused GET /api/pathways/MHP-0000-0000: wrong user id or password")
                .doesNotContain(TYPED_NHS_NUMBER, "943 476 5919", TYPED_NAME, "wrong user id or password for");
    }

    @Test
    void aTextTooLongToKeepLeavesNoneOfItsWordsInTheLog(CapturedOutput output) throws Exception {
        // qt1referrer: another test leaves qj2referrer waiting after wrong passwords
        String pathwayId = refer("qt1referrer", "QT1", nhsNumber(11));
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .taskDefinitionKey(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION).singleResult();
        String note = TYPED_NHS_NUMBER + " " + TYPED_NAME + " told the ward " + "at length ".repeat(2_100);

        // set directly: text over LongText.MAX_CHARACTERS (20,000) is refused, naming the variable
        HttpResponse<String> set = send("PUT", "/engine-rest/process-instance/" + task.getProcessInstanceId()
                + "/variables/presentingNeeds", "admin", ApiTestUsers.ADMIN_PASSWORD,
                "{\"type\": \"String\", \"value\": \"" + note + "\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(400);
        assertThat(set.body()).contains("presentingNeeds").doesNotContain("told the ward");
        // and with a task's completion, as a form would send it
        send("POST", "/engine-rest/task/" + task.getId() + "/complete", "qt1referrer", PASSWORD,
                "{\"variables\": {\"presentingNeeds\": {\"type\": \"String\", \"value\": \"" + note + "\"},"
                        + " \"admitted\": {\"type\": \"Boolean\", \"value\": false}}}");

        // the words the clinician typed are nowhere in the log
        assertThat(output.getAll()).doesNotContain(TYPED_NHS_NUMBER, TYPED_NAME, "told the ward", "at length at length");
        assertThat(runtime.getVariables(task.getProcessInstanceId())).doesNotContainKey("presentingNeeds");
    }

    // ---- lock-out slows an attacker, and never locks anyone out for good ----

    @Test
    void wrongPasswordsSlowAnAdministratorDownButNeverLockThemOut() throws Exception {
        // twenty wrong passwords in a row, each once the last wait is over: Camunda's default locked for good at ten
        for (int i = 0; i < 20; i++) {
            assertThat(partners("wrong password")).isEqualTo(401);
            later(Duration.ofSeconds(61));
        }
        assertThat(partners(PASSWORD)).as("the administrator after 20 failures").isEqualTo(200);

        // a wrong password makes the right one wait: 3 seconds after the first failure
        assertThat(partners("wrong password")).isEqualTo(401);
        assertThat(partners(PASSWORD)).as("within the wait").isEqualTo(401);
        later(Duration.ofSeconds(4));
        assertThat(partners(PASSWORD)).isEqualTo(200);

        // the wait grows with each failure, and stops growing at a minute
        for (int i = 0; i < 10; i++) {
            assertThat(partners("wrong password")).isEqualTo(401);
            later(Duration.ofSeconds(61));
        }
        assertThat(partners("wrong password")).isEqualTo(401);
        later(Duration.ofSeconds(59));
        assertThat(partners(PASSWORD)).as("59 seconds after the 11th failure").isEqualTo(401);
        later(Duration.ofSeconds(2));
        assertThat(partners(PASSWORD)).as("61 seconds after it").isEqualTo(200);
        // and the same user logs in to the engine's REST API, as to every surface
        assertThat(send("GET", "/engine-rest/user/secondadmin/profile", "secondadmin", PASSWORD, null).statusCode())
                .isEqualTo(200);
    }

    private int partners(String password) throws Exception {
        return send("GET", "/api/partners", "secondadmin", password, null).statusCode();
    }

    private static void later(Duration by) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
    }

    // ---- a second referral discloses nothing of another ICS ----

    @Test
    void aDuplicateReferralGetsTheSameAnswerWhicheverIcsTheOpenPathwayIsIn() throws Exception {
        String nhsNumber = nhsNumber(23);
        String open = refer("qt1referrer", "QT1", nhsNumber);
        long pathways = register.countAll();

        HttpResponse<String> fromAnotherIcs = send("POST", "/api/referrals", "qj2referrer", PASSWORD,
                referral(nhsNumber, "QJ2"));
        HttpResponse<String> fromItsOwnIcs = send("POST", "/api/referrals", "qt1referrer", PASSWORD,
                referral(nhsNumber, "QT1"));

        assertThat(fromAnotherIcs.statusCode()).isEqualTo(409);
        assertThat(fromItsOwnIcs.statusCode()).isEqualTo(409);
        JsonNode other = json.readTree(fromAnotherIcs.body());
        assertThat(other).as("word for word the same answer").isEqualTo(json.readTree(fromItsOwnIcs.body()));
        assertThat(fromAnotherIcs.body()).doesNotContain(open).doesNotContain("QT1").doesNotContain("Nottingham");
        assertThat(other.at("/errors/0/field").asText()).isEqualTo("nhsNumber");
        assertThat(register.countAll()).as("nothing new recorded").isEqualTo(pathways);
        // the auditor sees who asked about whom
        assertThat(trail.find(open, null, null, null, 100)).filteredOn(e -> e.outcome() == 409)
                .extracting(AuditEntry::userId).containsExactlyInAnyOrder("qj2referrer", "qt1referrer");
    }

    // ---- helpers ----

    private void user(String id, Set<String> groups, String ics) {
        org.mhpathway.ApiTestUsers.ensureUser(identity, id, PASSWORD, groups, ics);
    }

    private String refer(String user, String ics, String nhsNumber) throws Exception {
        HttpResponse<String> created = send("POST", "/api/referrals", user, PASSWORD, referral(nhsNumber, ics));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("pathwayId").asText();
    }

    private static String referral(String nhsNumber, String ics) {
        return "{\"nhsNumber\":\"" + nhsNumber + "\",\"dateOfBirth\":\"1980-02-03\",\"learningDisabilityOrAutism\":false,"
                + "\"ehcPlan\":false,\"wardType\":\"adult-acute\",\"homeIcs\":\"" + ics + "\",\"gpPracticeCode\":"
                + "\"C81001\",\"referralSource\":\"crisis-team\"}";
    }

    // ---- Spring Security's firewall on /api (docs/security.md) ----

    @Test
    void aMalformedApiPathIsRefusedAsProblemJsonBeforeAnyoneIsLoggedIn() throws Exception {
        // a path parameter would let one path stand for another: refused, whoever sends it (an encoded slash never
        // gets this far: Tomcat refuses it first)
        for (String path : List.of("/api/pathways/MHP-0000-0000;x", "/api/pathways;x/MHP-0000-0000")) {
            HttpResponse<String> refused = send("GET", path, "qj2referrer", PASSWORD, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    v -> assertThat(v).as(path).startsWith("application/problem+json"));
            assertThat(json.readTree(refused.body()).at("/errors/0/field").asText()).as(path).isEqualTo("request");
        }
    }

    private HttpResponse<String> send(String method, String path, String user, String password, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTestUsers.basic(user, password))
                .header("Accept", "application/json")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    /** A valid NHS number in the 999 range never issued to a person. */
    private static String nhsNumber(int seed) {
        for (int n = 900 + seed; ; n++) {
            String nine = String.format("999%06d", n);
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
