package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.housing.HousingCases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 16, item 3: every {@code /api} field is the JSON type its endpoint documents. A boolean is {@code true} or
 * {@code false}, text is a JSON string without control characters, a date is one a pathway can hold (1900 to 2099,
 * a presentation or date of birth not in the future), an ODS code is ASCII, and an optional webhook, secret or address
 * is not given empty. Each refusal is a 400 problem naming the field, and nothing recorded changes.
 */
class StrictInputTest extends ProcessTestCase {

    private static final String ADMIN = "admin";
    private static final String SIGNING_SECRET = "a-signing-secret-of-at-least-32-characters";
    /** What the partner directory answers for an optional field given empty. */
    private static final String BLANK = "must not be blank: leave the field out (or null) for none";

    /** A pathway with an open housing case, made once for the class. */
    private static String pathwayId;

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired HousingCases housing;

    @BeforeEach
    void pathwayWithHousingCase() {
        if (pathwayId == null) {
            pathwayId = refer("adult-acute", false);
            housing.open(pathwayId, now());
        }
    }

    private ObjectNode referral() {
        return json.createObjectNode()
                .put("nhsNumber", newNhsNumber())
                .put("dateOfBirth", "1990-04-01")
                .put("learningDisabilityOrAutism", false)
                .put("ehcPlan", false)
                .put("wardType", "adult-acute")
                .put("homeIcs", "QJ2")
                .put("gpPracticeCode", "C81001")
                .put("referralSource", "crisis-team");
    }

    private ObjectNode housingAction() {
        return json.createObjectNode().put("blocker", "deep-clean").put("action", "Book deep clean")
                .put("owner", "Tenancy sustainment officer").put("dueDate", "2026-03-09");
    }

    private ObjectNode partner() {
        return json.createObjectNode().put("name", "Strict input test CMHT").put("role", "community-mh-team")
                .put("odsCode", "RXM").put("ics", "QJ2").put("webhookUrl", "https://cmht.example.nhs.uk/notices")
                .put("signingSecret", SIGNING_SECRET).put("email", "cmht@example.nhs.uk").put("emailSecure", true);
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions refer(String body) throws Exception {
        return send(post("/api/referrals"), body);
    }

    private ResultActions putPartner(String body) throws Exception {
        return send(put("/api/partners/strict-input-cmht").with(ApiTestUsers.as(ADMIN, ApiTestUsers.ADMIN_PASSWORD)), body);
    }

    private ResultActions addHousingAction(String body) throws Exception {
        return send(post("/api/pathways/" + pathwayId + "/housing/actions"), body);
    }

    /** 400 problem+json naming the field with this message, and nothing recorded changed. */
    private void refused(ResultActions answer, String field, String message, Map<String, List<String>> before)
            throws Exception {
        answer.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemResponses.INVALID_REQUEST.toString()))
                .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].message", hasItem(message)));
        assertThat(state()).isEqualTo(before);
    }

    // ---- booleans ----

    static Stream<Arguments> notBooleans() {
        return Stream.of("0", "-1", "1", "1.0", "\"true\"", "\"false\"", "\"\"", "\"yes\"", "[true]", "{}")
                .flatMap(v -> Stream.of(Arguments.of("learningDisabilityOrAutism", v), Arguments.of("ehcPlan", v)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("notBooleans")
    void aReferralBooleanIsJsonTrueOrFalseOnly(String field, String value) throws Exception {
        Map<String, List<String>> before = state();
        ObjectNode body = referral();
        body.set(field, json.readTree(value));

        refused(refer(body.toString()), field, "must be true or false", before);
    }

    @Test
    void aPartnerBooleanIsJsonTrueOrFalseOnly() throws Exception {
        Map<String, List<String>> before = state();
        for (String value : List.of("1", "0", "\"true\"", "\"\"")) {
            ObjectNode body = partner();
            body.set("emailSecure", json.readTree(value));
            refused(putPartner(body.toString()), "emailSecure", "must be true or false", before);
            body = partner();
            body.set("active", json.readTree(value));
            refused(putPartner(body.toString()), "active", "must be true or false", before);
        }
    }

    // ---- text ----

    static Stream<Arguments> textFieldsGivenNumbersOrBooleans() {
        return Stream.of(
                Arguments.of("referral", "nhsNumber", "9990000018"),
                Arguments.of("referral", "dateOfBirth", "19900401"),
                Arguments.of("referral", "wardType", "true"),
                Arguments.of("referral", "homeIcs", "2"),
                Arguments.of("referral", "gpPracticeCode", "81001"),
                Arguments.of("referral", "referralSource", "false"),
                Arguments.of("referral", "presentedAt", "1764633600"),
                Arguments.of("housing", "blocker", "1"),
                Arguments.of("housing", "action", "true"),
                Arguments.of("housing", "owner", "42.5"),
                Arguments.of("housing", "dueDate", "20260309"),
                Arguments.of("care-team", "partnerId", "42"),
                Arguments.of("care-team", "partnerId", "false"),
                Arguments.of("partner", "name", "7"),
                Arguments.of("partner", "role", "true"),
                Arguments.of("partner", "odsCode", "12345"),
                Arguments.of("partner", "ics", "1"),
                Arguments.of("partner", "webhookUrl", "false"),
                Arguments.of("partner", "signingSecret", "123456789012345678901234567890123"),
                Arguments.of("partner", "email", "true"));
    }

    @ParameterizedTest(name = "{0}.{1}: {2}")
    @MethodSource("textFieldsGivenNumbersOrBooleans")
    void textIsAJsonStringNeverANumberOrABoolean(String endpoint, String field, String value) throws Exception {
        Map<String, List<String>> before = state();
        ObjectNode body = switch (endpoint) {
            case "referral" -> referral();
            case "housing" -> housingAction();
            case "partner" -> partner();
            default -> json.createObjectNode().put("partnerId", "x");
        };
        body.set(field, json.readTree(value));
        ResultActions answer = switch (endpoint) {
            case "referral" -> refer(body.toString());
            case "housing" -> addHousingAction(body.toString());
            case "partner" -> putPartner(body.toString());
            default -> send(put("/api/pathways/" + pathwayId + "/care-team/community-mh-team"), body.toString());
        };

        refused(answer, field, "must be a string", before);
    }

    @Test
    void aNulOrOtherControlCharacterIsRefusedNamingTheFieldNeverA500() throws Exception {
        Map<String, List<String>> before = state();
        for (String text : List.of("2026-03-02T08:00:00Z\u0000", "\u0000", "2026-03-02\u0007")) {
            refused(refer(referral().put("presentedAt", text).toString()), "presentedAt",
                    StrictJson.CONTROL_CHARACTERS, before);
        }
        refused(refer(referral().put("nhsNumber", "999\u00000000018").toString()), "nhsNumber",
                StrictJson.CONTROL_CHARACTERS, before);
        refused(addHousingAction(housingAction().put("action", "Deep clean\u0000 booked").toString()), "action",
                StrictJson.CONTROL_CHARACTERS, before);
        refused(putPartner(partner().put("name", "Derby\u001b[31m CMHT").toString()), "name",
                StrictJson.CONTROL_CHARACTERS, before);
        refused(send(post("/api/pathways/" + pathwayId + "/discharge-events"),
                "{\"reason\": \"Delayed\\u0000\", \"invitedRoles\": [\"local-authority\"]}"), "reason",
                StrictJson.CONTROL_CHARACTERS, before);
        // query parameters and path variables are held to the same rule
        refused(mvc.perform(get("/api/delayed-discharges").param("ward", "Ward\u00001")), "ward",
                StrictJson.CONTROL_CHARACTERS, before);
        refused(mvc.perform(get("/api/pathways/{id}", "MHP-\u0000")), "pathwayId", StrictJson.CONTROL_CHARACTERS,
                before);
        // free text keeps its line breaks and tabs
        addHousingAction(housingAction().put("action", "Book deep clean:\n\t- kitchen\r\n\t- bathroom").toString())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.action").value("Book deep clean:\n\t- kitchen\r\n\t- bathroom"));
    }

    @Test
    void aFieldGivenTwiceIsMalformed() throws Exception {
        Map<String, List<String>> before = state();
        String twice = referral().toString().replace("\"ehcPlan\":false", "\"ehcPlan\":false,\"ehcPlan\":true");
        refused(refer(twice), "body", "is not valid JSON", before);
    }

    // ---- dates ----

    static Stream<Arguments> implausibleDates() {
        return Stream.of(
                Arguments.of("presentedAt", "0001-01-01", "must be between 1900-01-01 and 2099-12-31"),
                Arguments.of("presentedAt", "0001-01-01T00:00:00Z", "must be between 1900-01-01 and 2099-12-31"),
                Arguments.of("presentedAt", "-999999999-01-01", "must be between 1900-01-01 and 2099-12-31"),
                Arguments.of("presentedAt", "-999999999", "must be an ISO-8601 date-time"),
                Arguments.of("presentedAt", "+999999999-12-31T23:59:59Z", "must be between 1900-01-01 and 2099-12-31"),
                Arguments.of("presentedAt", "1899-12-31T23:00:00Z", "must be between 1900-01-01 and 2099-12-31"),
                Arguments.of("presentedAt", "2999-01-01T00:00:00Z", "must be between 1900-01-01 and 2099-12-31"),
                // T0 is 2026-03-02T09:00Z: a ward clock a quarter of an hour fast is not a presentation
                Arguments.of("presentedAt", "2026-03-02T09:15:00Z", "is in the future"),
                Arguments.of("presentedAt", "1990-03-30T12:00:00Z", "is before dateOfBirth"),
                Arguments.of("dateOfBirth", "0001-01-01", "is before 1900-01-01"),
                Arguments.of("dateOfBirth", "1899-12-31", "is before 1900-01-01"),
                Arguments.of("dateOfBirth", "-999999999-01-01", "is before 1900-01-01"),
                Arguments.of("dateOfBirth", "2026-03-03", "is in the future"),
                Arguments.of("dateOfBirth", "+10000-01-01", "is in the future"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("implausibleDates")
    void aReferralDateIsOneAPathwayCanHold(String field, String value, String message) throws Exception {
        Map<String, List<String>> before = state();
        refused(refer(referral().put(field, value).toString()), field, message, before);
    }

    @Test
    void aPresentationAFewMinutesAheadOfTheServiceClockIsAWardClockNotAnError() throws Exception {
        refer(referral().put("presentedAt", "2026-03-02T09:04:00Z").toString()).andExpect(status().isCreated());
        refer(referral().put("dateOfBirth", "1900-01-01").put("presentedAt", "1990-04-01").toString())
                .andExpect(status().isCreated());
    }

    @Test
    void otherDatesOfTheApiAreHeldToTheSameRange() throws Exception {
        Map<String, List<String>> before = state();
        for (String date : List.of("0001-01-01", "-999999999-01-01", "2100-01-01", "+999999999-12-31")) {
            refused(addHousingAction(housingAction().put("dueDate", date).toString()), "dueDate",
                    PlausibleDates.OUT_OF_RANGE, before);
        }
        refused(mvc.perform(get("/api/audit").param("from", "0001-01-01")
                .with(ApiTestUsers.as(ADMIN, ApiTestUsers.ADMIN_PASSWORD))), "from", PlausibleDates.OUT_OF_RANGE, before);
        refused(mvc.perform(get("/api/audit").param("to", "-999999999-01-01T00:00:00Z")
                .with(ApiTestUsers.as(ADMIN, ApiTestUsers.ADMIN_PASSWORD))), "to", PlausibleDates.OUT_OF_RANGE, before);
    }

    // ---- codes and optional channels ----

    @Test
    void anOdsCodeIsAsciiOnlyADotlessIIsNotAnI() throws Exception {
        Map<String, List<String>> before = state();
        // "ı".toUpperCase() is "I": C81001 and Cı1001 must not be confused
        refused(refer(referral().put("gpPracticeCode", "ı81001").toString()), "gpPracticeCode",
                "must be an ODS practice code: a letter and five digits", before);
        refused(refer(referral().put("gpPracticeCode", "C８1001").toString()), "gpPracticeCode",
                "must be an ODS practice code: a letter and five digits", before);
        refused(putPartner(partner().put("odsCode", "rxı").toString()), "odsCode",
                "must be an ODS code: 3 to 10 letters and digits", before);
        refused(putPartner(partner().put("role", "gp-practice").put("odsCode", "ı81001").toString()), "odsCode",
                "must be an ODS practice code: a letter and five digits", before);
        // a lower-case ASCII code is still read as the code it is
        refer(referral().put("gpPracticeCode", " c81001 ").toString()).andExpect(status().isCreated());
    }

    @Test
    void anOptionalWebhookSecretOrAddressIsNotGivenEmpty() throws Exception {
        Map<String, List<String>> before = state();
        for (String field : List.of("webhookUrl", "signingSecret", "email", "odsCode")) {
            for (String empty : List.of("", "   ")) {
                refused(putPartner(partner().put(field, empty).toString()), field, BLANK,
                        before);
            }
        }
        // left out, or null, is none
        ObjectNode none = partner();
        none.remove(List.of("webhookUrl", "signingSecret"));
        none.putNull("email").put("emailSecure", false);
        putPartner(none.toString()).andExpect(status().isCreated())
                .andExpect(jsonPath("$.webhookUrl").isEmpty())
                .andExpect(jsonPath("$.email").isEmpty());
    }

    // ---- caching ----

    @Test
    void noApiAnswerMayBeKeptByACache() throws Exception {
        List<ResultActions> answers = List.of(
                mvc.perform(get("/api/pathways/" + pathwayId)),
                mvc.perform(get("/api/pathways/" + pathwayId + "/care-team")),
                mvc.perform(get("/api/delayed-discharges")),
                refer(referral().toString()),
                refer("{}"),
                mvc.perform(get("/api/pathways/MHP-0000-0000")),
                mvc.perform(get("/api/pathways/" + pathwayId).with(ApiTestUsers.anonymous())),
                mvc.perform(get("/api/partners").with(ApiTestUsers.as(ADMIN, ApiTestUsers.ADMIN_PASSWORD))),
                send(post("/api/referrals"), "{\"reason\": \"" + "x".repeat(70 * 1024) + "\"}"));
        for (ResultActions answer : answers) {
            answer.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"));
        }
        assertThat(answers.stream().map(a -> a.andReturn().getResponse().getStatus()).toList())
                .containsExactly(200, 200, 200, 201, 400, 404, 401, 200, 413);
    }

    /** Every row of every table the API writes, and the engine's process instances and variables. */
    private Map<String, List<String>> state() {
        Map<String, List<String>> state = new TreeMap<>();
        for (String table : List.of("pathway", "care_team_member", "housing_case", "housing_action", "made_event",
                "partner", "partner_message", "delay_period", "delay_period_reason")) {
            List<String> rows = new ArrayList<>();
            jdbc.queryForList("select * from " + table).forEach(row -> rows.add(new TreeMap<>(row).toString()));
            rows.sort(null);
            state.put(table, rows);
        }
        state.put("process instances", List.of(String.valueOf(runtime.createProcessInstanceQuery().count())));
        state.put("variables", List.of(String.valueOf(runtime.createVariableInstanceQuery().count())));
        return state;
    }
}
