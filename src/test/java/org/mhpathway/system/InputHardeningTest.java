package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.carers.CarerRegister;
import org.mhpathway.carers.CarerTestData;
import org.mhpathway.housing.HousingCases;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerCredentials;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.partners.PartnerRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 7, input hardening: every {@code /api} write refuses a malformed, mistyped, unknown-field, missing, non-JSON
 * or oversized body with problem+json naming the field, and nothing in the database changes.
 */
@ExtendWith(OutputCaptureExtension.class)
class InputHardeningTest extends ProcessTestCase {

    /** Over the default 64KB of {@code mhpathway.http.max-body-size}. */
    private static final int OVERSIZED = 64 * 1024 + 1;
    private static final String ADMIN = "admin";

    /** Made once for the class: a pathway with an open housing case, and a partner with an API credential. */
    private static String pathwayId;
    private static String partnerId;
    private static String partnerSecret;
    private static long carerId;

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;
    @Autowired HousingCases housing;
    @Autowired CarerRegister carers;
    @Autowired PartnerDirectory directory;
    @Autowired PartnerCredentials credentials;
    @Autowired LoggingSystem logging;

    @BeforeEach
    void fixtures() {
        if (pathwayId == null) {
            pathwayId = refer("adult-acute", false);
            housing.open(pathwayId, now());
            carerId = carers.add(pathwayId, CarerTestData.carer("Hardening test carer", "07700 900123", true), now(),
                    "hardening", now());
            partnerId = "hardening-la-" + Long.toString(System.nanoTime(), 36);
            partnerSecret = credentials.newSecret();
            directory.save(new Partner(partnerId, "Hardening test local authority", PartnerRole.LOCAL_AUTHORITY, null,
                    "QJ2", null, null, partnerId + "@partners.example.org", false, true),
                    credentials.hash(partnerSecret), now());
        }
    }

    /** One write endpoint of the API, with a field that takes a string or a boolean, and who may call it. */
    enum Endpoint {
        REFERRAL(HttpMethod.POST, "/api/referrals", "learningDisabilityOrAutism"),
        CARE_TEAM(HttpMethod.PUT, "/api/pathways/{id}/care-team/community-mh-team", "partnerId"),
        HOUSING_ACTION(HttpMethod.POST, "/api/pathways/{id}/housing/actions", "dueDate"),
        DISCHARGE_EVENT(HttpMethod.POST, "/api/pathways/{id}/discharge-events", "reason"),
        CARER(HttpMethod.POST, "/api/pathways/{id}/carers", "consentToShare"),
        CARER_CONTACT(HttpMethod.PUT, "/api/pathways/{id}/carers/{carerId}", "email"),
        CARER_CONSENT(HttpMethod.POST, "/api/pathways/{id}/carers/{carerId}/consent", "consentToShare"),
        PARTNER(HttpMethod.PUT, "/api/partners/hardening-partner", "active"),
        PARTNER_MESSAGE(HttpMethod.POST, "/api/partner-messages", "messageId");

        final HttpMethod method;
        final String path;
        final String typedField;

        Endpoint(HttpMethod method, String path, String typedField) {
            this.method = method;
            this.path = path;
            this.typedField = typedField;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.values());
    }

    private MockHttpServletRequestBuilder to(Endpoint endpoint) {
        MockHttpServletRequestBuilder request = request(endpoint.method, endpoint.path.replace("{id}", pathwayId)
                .replace("{carerId}", String.valueOf(carerId)));
        return switch (endpoint) {
            case PARTNER -> request.with(ApiTestUsers.as(ADMIN, ApiTestUsers.ADMIN_PASSWORD));
            // partners authenticate with their own credential, not a user's
            case PARTNER_MESSAGE -> request.with(ApiTestUsers.as(partnerId, partnerSecret));
            default -> request;
        };
    }

    private ResultActions send(Endpoint endpoint, String body) throws Exception {
        return mvc.perform(to(endpoint).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void isProblem(ResultActions answer, int status, String field) throws Exception {
        answer.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.detail", not(containsString("Exception"))))
                .andExpect(jsonPath("$.detail", not(containsString("at [Source"))));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void malformedJsonIsRefusedNamingTheBodyAndChangesNothing(Endpoint endpoint) throws Exception {
        Map<String, List<String>> before = state();

        isProblem(send(endpoint, "{\"" + endpoint.typedField), 400, "body");
        send(endpoint, "{\"" + endpoint.typedField + "\": }").andExpect(jsonPath("$.errors[0].message").value("is not valid JSON"));
        isProblem(send(endpoint, "not json at all"), 400, "body");
        isProblem(send(endpoint, "[1, 2]"), 400, "body");
        send(endpoint, "[1, 2]").andExpect(jsonPath("$.errors[0].message").value("must be a JSON object"));

        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void valueOfTheWrongTypeIsRefusedNamingTheField(Endpoint endpoint) throws Exception {
        Map<String, List<String>> before = state();

        isProblem(send(endpoint, "{\"" + endpoint.typedField + "\": {\"nested\": [1]}}"), 400, endpoint.typedField);

        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void unknownFieldIsRefusedNamingIt(Endpoint endpoint) throws Exception {
        Map<String, List<String>> before = state();

        isProblem(send(endpoint, "{\"nickname\": \"x\"}"), 400, "nickname");
        send(endpoint, "{\"nickname\": \"x\"}")
                .andExpect(jsonPath("$.errors[?(@.field == 'nickname')].message").value("is not a known field"));

        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void missingBodyIsRefusedAsRequired(Endpoint endpoint) throws Exception {
        Map<String, List<String>> before = state();

        isProblem(mvc.perform(to(endpoint)), 400, "body");
        isProblem(send(endpoint, ""), 400, "body");
        isProblem(send(endpoint, "  \n "), 400, "body");
        mvc.perform(to(endpoint)).andExpect(jsonPath("$.errors[?(@.field == 'body')].message").value("is required"));

        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void bodyThatIsNotJsonIs415NamingTheContentType(Endpoint endpoint) throws Exception {
        Map<String, List<String>> before = state();

        isProblem(mvc.perform(to(endpoint).contentType(MediaType.TEXT_PLAIN).content("{\"reason\": \"x\"}")), 415,
                "Content-Type");
        isProblem(mvc.perform(to(endpoint).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("reason=x")), 415,
                "Content-Type");
        mvc.perform(to(endpoint).contentType(MediaType.TEXT_PLAIN).content("x"))
                .andExpect(jsonPath("$.type").value(ProblemResponses.UNSUPPORTED_MEDIA_TYPE.toString()));

        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void oversizedBodyIs413NamingTheBodyAndChangesNothing(Endpoint endpoint) throws Exception {
        Map<String, List<String>> before = state();
        String big = "{\"" + endpoint.typedField + "\": \"" + "x".repeat(OVERSIZED) + "\"}";

        isProblem(send(endpoint, big), 413, "body");
        send(endpoint, big).andExpect(jsonPath("$.type").value(ProblemResponses.PAYLOAD_TOO_LARGE.toString()))
                .andExpect(jsonPath("$.errors[0].message").value("is larger than the 65536 bytes allowed"));
        // refused before credentials are checked: an anonymous caller learns only the limit
        isProblem(mvc.perform(to(endpoint).with(ApiTestUsers.anonymous()).contentType(MediaType.APPLICATION_JSON)
                .content(big)), 413, "body");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void bodyJustUnderTheLimitIsReadAndJudgedOnItsFields() throws Exception {
        String padding = "x".repeat(64 * 1024 - 200);
        send(Endpoint.DISCHARGE_EVENT, "{\"reason\": \"" + padding + "\", \"invitedRoles\": [\"local-authority\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"))
                .andExpect(jsonPath("$.errors[0].message").value("must be at most 500 characters"));
    }

    @Test
    void pathVariablesAndFiltersOfTheWrongTypeAreNamed() throws Exception {
        Map<String, List<String>> before = state();

        isProblem(mvc.perform(post("/api/pathways/" + pathwayId + "/housing/actions/not-a-number/done")), 400,
                "actionId");
        isProblem(mvc.perform(get("/api/delayed-discharges").param("level", "high")), 400, "level");
        isProblem(mvc.perform(get("/api/delayed-discharges").param("ics", "XXX")), 400, "ics");
        isProblem(mvc.perform(get("/api/delayed-discharges/without-discharge-plan").param("ics", "'; drop table pathway")),
                400, "ics");
        isProblem(mvc.perform(get("/api/partners").param("includeInactive", "perhaps")
                .with(ApiTestUsers.as(ADMIN, ApiTestUsers.ADMIN_PASSWORD))), 400, "includeInactive");

        assertThat(state()).isEqualTo(before);
    }

    /** The catch-all: a fault of the service answers 500 with no class, SQL or stack, and logs no patient identifier. */
    @Test
    void unexpectedFailureAnswersGenericallyAndLogsNoIdentifiers(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/referrals");
        var failure = new IllegalStateException("wrapped", new java.sql.SQLException(
                "Unique index violation: PUBLIC.PATHWAY(NHS_NUMBER) VALUES ('943 476 5919', DATE '1990-04-01'); "
                        + "SQL statement: insert into pathway (nhs_number) values (?)"));

        var answer = new ProblemResponses().unexpected(failure, request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        String body = json.writeValueAsString(answer.getBody());
        assertThat(body).contains("urn:mh-pathway:problem:internal-error").contains("incident")
                .doesNotContain("SQL", "insert", "Exception", "NHS_NUMBER", "9434765919", "943 476 5919", "1990-04-01",
                        "java.", "\tat ");
        assertThat(output.getAll()).contains("Unexpected failure of POST /api/referrals")
                .contains("java.sql.SQLException").doesNotContain("943 476 5919").doesNotContain("1990-04-01");
    }

    /**
     * No NHS number or date of birth in the log, even with Spring MVC's request logging on: an accepted referral, one
     * refused for a bad body (the identifiers in it) and a 409 duplicate.
     */
    @Test
    void referralsGoodBadAndDuplicateLogNoPatientIdentifiers(CapturedOutput output) throws Exception {
        String nhsNumber = newNhsNumber();
        String dateOfBirth = "1987-11-23";
        String valid = "{\"nhsNumber\":\"" + nhsNumber + "\",\"dateOfBirth\":\"" + dateOfBirth
                + "\",\"learningDisabilityOrAutism\":false,\"wardType\":\"adult-acute\",\"homeIcs\":\"QJ2\","
                + "\"gpPracticeCode\":\"C81001\",\"referralSource\":\"crisis-team\"}";
        logging.setLogLevel("org.springframework.web", LogLevel.DEBUG);
        try {
            mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(valid))
                    .andExpect(status().isCreated());
            // identifiers where a boolean belongs: Jackson's message would quote them
            mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(valid
                    .replace("\"learningDisabilityOrAutism\":false", "\"learningDisabilityOrAutism\":\"" + nhsNumber + "\"")))
                    .andExpect(status().isBadRequest());
            mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"nhsNumber\":\"" + nhsNumber + "\",\"dateOfBirth\":" + dateOfBirth))
                    .andExpect(status().isBadRequest());
            mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON)
                    .content(valid.replace("}", ",\"nextOfKin\":\"" + dateOfBirth + "\"}")))
                    .andExpect(status().isBadRequest());
            mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON)
                    .content(valid.replace("\"dateOfBirth\":\"" + dateOfBirth + "\"", "\"dateOfBirth\":\"" + dateOfBirth + "x\"")))
                    .andExpect(status().isBadRequest());
            mvc.perform(post("/api/referrals").contentType(MediaType.APPLICATION_JSON).content(valid))
                    .andExpect(status().isConflict());
        } finally {
            logging.setLogLevel("org.springframework.web", null);
        }

        assertThat(output.getAll()).contains("Referral accepted as pathway")
                .doesNotContain(nhsNumber).doesNotContain(dateOfBirth);
    }

    /** Every row of every table the API writes, and the engine's process instances and variables. */
    private Map<String, List<String>> state() {
        Map<String, List<String>> state = new TreeMap<>();
        for (String table : List.of("pathway", "care_team_member", "housing_case", "housing_action", "made_event",
                "made_action", "partner", "partner_message", "partner_notification", "delay_period",
                "delay_period_reason", "sla_breach", "carer", "carer_consent", "carer_notice")) {
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
