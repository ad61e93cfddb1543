package org.mhpathway.carers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mhpathway.ApiTestUsers.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.housing.HousingCases;
import org.mhpathway.access.Roles;
import org.mhpathway.system.ContactDetails;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code /api/pathways/{id}/carers}: the ward records the person's chosen carers and each change of the person's
 * consent; every bad field is named and nothing is recorded; carers are read by those who care for the person and by
 * managers, never by the discharge hub or housing, even once an escalation stands behind the pathway.
 */
class CarerApiTest extends ProcessTestCase {

    private static final String PASSWORD = "carer-api-test-password-1";
    private static final String CLINICIAN = "carerqj2clinician";

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired CarerRegister carers;
    @Autowired HousingCases housing;
    @Autowired ObjectMapper json;

    @BeforeEach
    void users() {
        user(CLINICIAN, Roles.WARD_CLINICIANS, "QJ2");
        user("carerqt1clinician", Roles.WARD_CLINICIANS, "QT1");
        user("carerqj2hub", Roles.DISCHARGE_HUB, "QJ2");
        user("carerqj2housing", Roles.HOUSING, "QJ2");
        user("carerqj2manager", Roles.MANAGERS, "QJ2");
        user("carerqj2cmht", Roles.COMMUNITY_MH_TEAM, "QJ2");
        user("carerqj2beds", Roles.BED_MANAGEMENT, "QJ2");
    }

    @Test
    void theWardAddsACarerCorrectsTheirDetailsAndRecordsEachChangeOfConsent() throws Exception {
        String id = admitted();

        long carerId = id(send(post("/api/pathways/{id}/carers", id), CLINICIAN, """
                {"name": "Sam Taylor", "relationship": "Partner", "phone": "07700 900123", "consentToShare": true,
                 "consentRecordedAt": "%s"}""".formatted(iso(now().minus(Duration.ofHours(2)))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Sam Taylor"))
                .andExpect(jsonPath("$.relationship").value("Partner"))
                .andExpect(jsonPath("$.phone").value("07700 900123"))
                .andExpect(jsonPath("$.email").doesNotExist())
                .andExpect(jsonPath("$.consentToShare").value(true))
                .andExpect(jsonPath("$.consentRecordedAt").value(now().minus(Duration.ofHours(2)).toString()))
                .andExpect(jsonPath("$.consentHistory.length()").value(1))
                .andExpect(jsonPath("$.consentHistory[0].recordedBy").value(CLINICIAN)));

        send(put("/api/pathways/{id}/carers/{carerId}", id, carerId), CLINICIAN, """
                {"name": "Sam Taylor", "relationship": "Partner", "email": "sam.taylor@example.org"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").doesNotExist())
                .andExpect(jsonPath("$.email").value("sam.taylor@example.org"))
                .andExpect(jsonPath("$.consentToShare").value(true));
        later(Duration.ofDays(3));
        send(post("/api/pathways/{id}/carers/{carerId}/consent", id, carerId), CLINICIAN, "{\"consentToShare\": false}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consentToShare").value(false))
                .andExpect(jsonPath("$.consentRecordedAt").value(now().toString()));

        mvc.perform(get("/api/pathways/{id}/carers", id).with(as(CLINICIAN, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pathwayId").value(id))
                .andExpect(jsonPath("$.carers.length()").value(1))
                .andExpect(jsonPath("$.carers[0].carerId").value(carerId))
                .andExpect(jsonPath("$.carers[0].consentHistory[0].consentToShare").value(true))
                .andExpect(jsonPath("$.carers[0].consentHistory[1].consentToShare").value(false))
                .andExpect(jsonPath("$.carers[0].consentHistory[1].consentRecordedAt").value(now().toString()))
                .andExpect(jsonPath("$.carers[0].notices.length()").value(0));
        assertThat(carers.consentHistory(carerId)).hasSize(2);
    }

    @Test
    void badFieldsAreEachNamedAndNothingIsRecorded() throws Exception {
        String id = admitted();

        send(post("/api/pathways/{id}/carers", id), CLINICIAN, """
                {"relationship": 4, "phone": "12", "email": "sam at example", "consentToShare": "yes",
                 "consentRecordedAt": "%s", "notes": "x"}""".formatted(iso(now().plus(Duration.ofHours(2)))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(7))
                .andExpect(jsonPath("$.errors[?(@.field == 'notes')].message").value("is not a known field"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value("is required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'relationship')].message").value("must be a string"))
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')].message").value(ContactDetails.NOT_A_PHONE_NUMBER))
                .andExpect(jsonPath("$.errors[?(@.field == 'email')].message").value(ContactDetails.NOT_AN_EMAIL_ADDRESS))
                .andExpect(jsonPath("$.errors[?(@.field == 'consentToShare')].message").value("must be true or false"))
                .andExpect(jsonPath("$.errors[?(@.field == 'consentRecordedAt')].message").value("is in the future"));
        send(post("/api/pathways/{id}/carers", id), CLINICIAN,
                "{\"name\": \"Sam Taylor\", \"relationship\": \"Partner\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'phone')].message").value(CarerDetails.NEEDS_A_CONTACT))
                .andExpect(jsonPath("$.errors[?(@.field == 'consentToShare')].message").value("is required: true or false"));
        send(post("/api/pathways/{id}/carers", id), CLINICIAN, """
                {"name": "Sam Taylor", "relationship": "Partner", "email": "sam@localhost", "consentToShare": true}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        send(post("/api/pathways/{id}/carers", id), CLINICIAN, "[1]").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        send(post("/api/pathways/{id}/carers", id), CLINICIAN, "").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        assertThat(carers.list(id)).as("nothing recorded").isEmpty();

        long carerId = addCarer(id);
        send(put("/api/pathways/{id}/carers/{carerId}", id, carerId), CLINICIAN, """
                {"name": "Sam Taylor", "relationship": "Partner", "phone": "07700 900123", "consentToShare": false}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("consentToShare"))
                .andExpect(jsonPath("$.errors[0].message").value(CarerEditor.CONSENT_CHANGES_APART));
        send(post("/api/pathways/{id}/carers/{carerId}/consent", id, carerId), CLINICIAN, """
                {"consentToShare": false, "consentRecordedAt": "%s"}""".formatted(iso(now().minus(Duration.ofDays(1)))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("consentRecordedAt"))
                .andExpect(jsonPath("$.errors[0].message").value(startsWith("is before the consent recorded already")));
        send(post("/api/pathways/{id}/carers/{carerId}/consent", id, carerId), CLINICIAN, "{\"consentToShare\": 0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("consentToShare"));
        send(post("/api/pathways/{id}/carers/{carerId}/consent", id, 999_999_999L), CLINICIAN, "{\"consentToShare\": true}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errors[0].field").value("carerId"));
        send(post("/api/pathways/{id}/carers/{carerId}/consent", id, "x"), CLINICIAN, "{\"consentToShare\": true}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("carerId"));
        assertThat(carers.find(id, carerId).orElseThrow().consentToShare()).isTrue();
        assertThat(carers.consentHistory(carerId)).hasSize(1);
    }

    @Test
    void carersAreReadByThoseWhoCareForThePersonAndNeverByTheHubOrHousing() throws Exception {
        String id = admitted();
        long carerId = addCarer(id);
        // an escalation stands behind the pathway: the hub and housing may read the pathway, never its carers
        housing.open(id, now());
        mvc.perform(get("/api/pathways/{id}", id).with(as("carerqj2hub", PASSWORD))).andExpect(status().isOk());

        for (String reader : new String[] {CLINICIAN, "carerqj2manager", "carerqj2cmht", "carerqj2beds"}) {
            mvc.perform(get("/api/pathways/{id}/carers", id).with(as(reader, PASSWORD)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.carers[0].name").value("Sam Taylor"));
        }
        for (String refused : new String[] {"carerqj2hub", "carerqj2housing"}) {
            mvc.perform(get("/api/pathways/{id}/carers", id).with(as(refused, PASSWORD)))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Sam"))));
        }
        mvc.perform(get("/api/pathways/{id}/carers", id).with(as("carerqt1clinician", PASSWORD)))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.errors[0].field").value("pathwayId"));
        String body = "{\"consentToShare\": false}";
        for (String refused : new String[] {"carerqj2manager", "carerqj2cmht", "carerqj2hub", "carerqj2housing"}) {
            send(post("/api/pathways/{id}/carers/{carerId}/consent", id, carerId), refused, body)
                    .andExpect(status().isForbidden());
        }
        // a carer of another pathway is not found on this one
        String other = admitted();
        send(post("/api/pathways/{id}/carers/{carerId}/consent", other, carerId), CLINICIAN, body)
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.errors[0].field").value("carerId"));
        assertThat(carers.find(id, carerId).orElseThrow().consentToShare()).isTrue();
    }

    @Test
    void aClosedPathwaysCarersAreKeptAsTheyWere() throws Exception {
        String id = refer("adult-acute", false);
        assessAndDecide(id, false);

        send(post("/api/pathways/{id}/carers", id), CLINICIAN, """
                {"name": "Sam Taylor", "relationship": "Partner", "phone": "07700 900123", "consentToShare": true}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"))
                .andExpect(jsonPath("$.errors[0].message").value("is closed"));
        assertThat(carers.list(id)).isEmpty();
    }

    private long addCarer(String pathwayId) throws Exception {
        return id(send(post("/api/pathways/{id}/carers", pathwayId), CLINICIAN, """
                {"name": "Sam Taylor", "relationship": "Partner", "phone": "07700 900123", "consentToShare": true}""")
                .andExpect(status().isCreated()));
    }

    private long id(ResultActions answer) throws Exception {
        return json.readTree(answer.andReturn().getResponse().getContentAsString()).get("carerId").asLong();
    }

    private String admitted() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        return id;
    }

    private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                               String user, String body) throws Exception {
        return mvc.perform(request.with(as(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void user(String id, String group, String ics) {
        org.mhpathway.ApiTestUsers.ensureUser(identity, id, PASSWORD, java.util.List.of(group), ics);
    }
}
