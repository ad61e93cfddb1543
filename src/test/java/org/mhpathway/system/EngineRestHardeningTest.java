package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ApiTestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Over real HTTP, as Tasklist and an integrator reach the service: Java-serialized variables are refused by the Camunda
 * REST API and nothing is set; a JSON object variable of a type outside the allowed ones is never deserialized; engine
 * errors carry no SQL or stack; bodies over the limits are cut off, chunked ones too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:engine-rest-hardening;DB_CLOSE_DELAY=-1",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@Import(ApiTestUsers.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EngineRestHardeningTest {

    private static final String JAVA_SERIALIZED = "application/x-java-serialized-object";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;

    private final HttpClient http = HttpClient.newHttpClient();
    private String pathwayId;
    private String taskId;
    private String processInstanceId;

    @BeforeEach
    void referAndFindTheFirstTask() throws Exception {
        String nhsNumber = nhsNumber();
        HttpResponse<String> referred = send("POST", "/api/referrals", BodyPublishers.ofString("""
                {"nhsNumber":"%s","dateOfBirth":"1990-04-01","learningDisabilityOrAutism":false,"ehcPlan":false,
                 "wardType":"adult-acute","homeIcs":"QT1","gpPracticeCode":"C81001","referralSource":"crisis-team"}
                """.formatted(nhsNumber)));
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        pathwayId = json.readTree(referred.body()).get("pathwayId").asText();
        HttpResponse<String> found = send("GET", "/engine-rest/task?processInstanceBusinessKey=" + pathwayId, null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode task = json.readTree(found.body()).get(0);
        taskId = task.get("id").asText();
        processInstanceId = task.get("processInstanceId").asText();
    }

    @Test
    void javaSerializedVariableIsRefusedOnTaskCompletionAndTheTaskStays() throws Exception {
        String body = "{\"variables\": {\"x\": " + javaSerializedHashMap() + "}}";

        HttpResponse<String> answer = send("POST", "/engine-rest/task/" + taskId + "/complete", BodyPublishers.ofString(body));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertNoInternals(answer.body());
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(runtime.getVariable(processInstanceId, "x")).isNull();
    }

    @Test
    void javaSerializedVariableIsRefusedWhenSetDirectlyEvenByAnAdministrator() throws Exception {
        for (String[] user : new String[][] {{ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD}, {"admin", ApiTestUsers.ADMIN_PASSWORD}}) {
            HttpResponse<String> onInstance = send("PUT", "/engine-rest/process-instance/" + processInstanceId
                    + "/variables/x", BodyPublishers.ofString(javaSerializedHashMap()), user);
            HttpResponse<String> onTask = send("PUT", "/engine-rest/task/" + taskId + "/variables/x",
                    BodyPublishers.ofString(javaSerializedHashMap()), user);
            HttpResponse<String> chunked = send("PUT", "/engine-rest/task/" + taskId + "/variables/x",
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(javaSerializedHashMapBytes())), user);

            for (HttpResponse<String> answer : java.util.List.of(onInstance, onTask, chunked)) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
                assertThat(json.readTree(answer.body()).get("type").asText()).isEqualTo("InvalidRequestException");
                assertNoInternals(answer.body());
            }
        }
        assertThat(runtime.getVariables(processInstanceId)).doesNotContainKey("x");
    }

    /** What the engine itself says without the filter's refusal: Java serialization is off in the engine too. */
    @Test
    void theEngineItselfRefusesJavaSerialization() {
        var value = org.camunda.bpm.engine.variable.Variables.serializedObjectValue("rO0ABXQAAXY=")
                .serializationDataFormat(JAVA_SERIALIZED).objectTypeName("java.lang.String").create();
        assertThatThrownBy(() -> runtime.setVariable(processInstanceId, "x", value))
                .hasMessageContaining("Java serialization format is prohibited");
        assertThat(runtime.getVariables(processInstanceId)).doesNotContainKey("x");
    }

    @Test
    void jsonObjectOfATypeNotAllowedIsNeverDeserialized() throws Exception {
        String body = """
                {"type":"Object","value":"{\\"field\\":\\"a\\",\\"message\\":\\"b\\"}",
                 "valueInfo":{"serializationDataFormat":"application/json","objectTypeName":"%s"}}
                """.formatted(FieldProblem.class.getName());

        String[] admin = {"admin", ApiTestUsers.ADMIN_PASSWORD};
        String variable = "/engine-rest/process-instance/" + processInstanceId + "/variables/y";

        // stored as sent (the engine does not deserialize on write) ...
        assertThat(send("PUT", variable, BodyPublishers.ofString(body), admin).statusCode()).isEqualTo(204);
        // ... and never turned into an object: over REST ...
        HttpResponse<String> read = send("GET", variable, null, admin);
        assertThat(read.statusCode()).isEqualTo(500);
        assertThat(json.readTree(read.body()).get("message").asText()).contains("Cannot deserialize object in variable 'y'");
        assertNoInternals(read.body());
        HttpResponse<String> raw = send("GET", variable + "?deserializeValue=false", null, admin);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(json.readTree(raw.body()).get("value").asText()).isEqualTo("{\"field\":\"a\",\"message\":\"b\"}");
        // ... nor in the engine, whose type validation is what refuses it
        assertThatThrownBy(() -> runtime.getVariableTyped(processInstanceId, "y", true))
                .hasRootCauseMessage("The following classes are not whitelisted for deserialization: ["
                        + FieldProblem.class.getName() + "]");

        // a type on the allowed list is read as usual
        String allowed = """
                {"type":"Object","value":"[\\"a\\",\\"b\\"]",
                 "valueInfo":{"serializationDataFormat":"application/json","objectTypeName":"java.util.ArrayList"}}
                """;
        assertThat(send("PUT", variable, BodyPublishers.ofString(allowed), admin).statusCode()).isEqualTo(204);
        assertThat(runtime.getVariable(processInstanceId, "y")).isEqualTo(java.util.List.of("a", "b"));
    }

    /** Camunda's REST errors are {type, message, code}: the messages name the request's fault, never SQL or a stack. */
    @Test
    void engineErrorsCarryNoSqlOrStack() throws Exception {
        String[] admin = {"admin", ApiTestUsers.ADMIN_PASSWORD};
        String variables = "/engine-rest/process-instance/" + processInstanceId + "/variables/";
        java.util.List<HttpResponse<String>> answers = java.util.List.of(
                send("PUT", variables + "z", BodyPublishers.ofString("{\"type\":\"Integer\",\"value\":\"not a number\"}"), admin),
                send("PUT", variables + "n".repeat(400), BodyPublishers.ofString("{\"type\":\"String\",\"value\":\"v\"}"), admin),
                send("PUT", variables + "s", BodyPublishers.ofString("{\"type\":\"String\",\"value\":\"" + "s".repeat(20_001) + "\"}"), admin),
                send("PUT", variables + "t", BodyPublishers.ofString("{\"type\":\"NoSuchType\",\"value\":1}"), admin),
                send("GET", "/engine-rest/task?sortBy=name;drop&sortOrder=asc", null),
                send("POST", "/engine-rest/task/" + taskId + "/complete", BodyPublishers.ofString("{\"variables\": ")),
                send("POST", "/engine-rest/task/" + taskId + "/complete", BodyPublishers.ofString("{\"variables\": {}}")));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 599);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
            JsonNode error = json.readTree(answer.body());
            assertThat(error.has("type")).as(answer.body()).isTrue();
            assertNoInternals(answer.body());
        }
        assertThat(json.readTree(answers.get(5).body()).get("message").asText()).isEqualTo("The body is not valid JSON.");
        // a text over the bound, and a completion without its form's values: 400 naming the field
        assertThat(answers.get(2).statusCode()).isEqualTo(400);
        assertThat(json.readTree(answers.get(2).body()).get("field").asText()).isEqualTo("s");
        assertThat(answers.get(6).statusCode()).isEqualTo(400);
        assertThat(json.readTree(answers.get(6).body()).get("field").asText()).isEqualTo("presentingNeeds");
        assertThat(runtime.getVariables(processInstanceId)).doesNotContainKeys("z", "s", "t", "n".repeat(400));
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }

    /** Bodies over the limits are refused, those sent chunked (no Content-Length) too, and nothing is set. */
    @Test
    void oversizedBodiesAreRefusedWithOrWithoutAContentLength() throws Exception {
        byte[] apiBody = ("{\"reason\": \"" + "r".repeat(100 * 1024) + "\", \"invitedRoles\": [\"local-authority\"]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] engineBody = ("{\"variables\": {\"big\": {\"type\":\"String\",\"value\":\"" + "b".repeat(300 * 1024)
                + "\"}}}").getBytes(StandardCharsets.UTF_8);
        String api = "/api/pathways/" + pathwayId + "/discharge-events";
        String engine = "/engine-rest/task/" + taskId + "/complete";

        for (HttpResponse<String> answer : java.util.List.of(
                send("POST", api, BodyPublishers.ofByteArray(apiBody)),
                send("POST", api, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(apiBody))),
                send("POST", engine, BodyPublishers.ofByteArray(engineBody)),
                send("POST", engine, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(engineBody))))) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
            JsonNode problem = json.readTree(answer.body());
            assertThat(problem.get("type").asText()).isEqualTo(ProblemResponses.PAYLOAD_TOO_LARGE.toString());
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("body");
        }
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(runtime.getVariables(processInstanceId)).doesNotContainKey("big");
        assertThat(send("GET", api, null).body()).isEqualTo("[]");

        // within the limits, chunked bodies are read as usual
        HttpResponse<String> small = send("POST", api, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                "{\"reason\": 5}".getBytes(StandardCharsets.UTF_8))));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(400);
        assertThat(json.readTree(small.body()).at("/errors/0/field").asText()).isEqualTo("reason");
    }

    /** The webapps reach the same REST API under /camunda/api with their session: held to the same limits. */
    @Test
    void theWebappsEngineApiIsHeldToTheSameLimits() throws Exception {
        String complete = "/camunda/api/engine/engine/default/task/" + taskId + "/complete";
        HttpResponse<String> serialized = send("POST", complete, BodyPublishers.ofString(
                "{\"variables\": {\"x\": " + javaSerializedHashMap() + "}}"));
        assertThat(serialized.statusCode()).as(serialized.body()).isEqualTo(400);
        HttpResponse<String> oversized = send("POST", complete, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                ("{\"variables\": {\"big\": {\"type\":\"String\",\"value\":\"" + "b".repeat(300 * 1024) + "\"}}}")
                        .getBytes(StandardCharsets.UTF_8))));
        assertThat(oversized.statusCode()).as(oversized.body()).isEqualTo(413);
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContainIgnoringCase("sql").doesNotContain("\tat ").doesNotContain("org.h2")
                .doesNotContainIgnoringCase("insert into").doesNotContainIgnoringCase("select ");
    }

    private HttpResponse<String> send(String method, String path, BodyPublisher body) throws Exception {
        return send(method, path, body, new String[] {ApiTestUsers.TESTER, ApiTestUsers.TESTER_PASSWORD});
    }

    private HttpResponse<String> send(String method, String path, BodyPublisher body, String[] user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTestUsers.basic(user[0], user[1]))
                .header("Accept", "application/json")
                .method(method, body == null ? BodyPublishers.noBody() : body);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static byte[] javaSerializedHashMapBytes() {
        try {
            return javaSerializedHashMap().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String javaSerializedHashMap() throws IOException {
        HashMap<String, String> map = new HashMap<>();
        map.put("k", "v");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(map);
        }
        return """
                {"type":"Object","value":"%s",
                 "valueInfo":{"serializationDataFormat":"%s","objectTypeName":"java.util.HashMap"}}
                """.formatted(Base64.getEncoder().encodeToString(bytes.toByteArray()), JAVA_SERIALIZED);
    }

    /** A valid NHS number in the 999 range never issued to a person. */
    private static String nhsNumber() {
        while (true) {
            String nine = "999" + String.format("%06d", (int) (Math.random() * 1_000_000));
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
