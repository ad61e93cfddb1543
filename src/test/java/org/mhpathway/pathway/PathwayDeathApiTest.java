package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhpathway.ApiTestUsers.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/pathways/{id}/death}: who may record a death, in which ICS, with what, and when not. */
class PathwayDeathApiTest extends ProcessTestCase {

    private static final String PASSWORD = "death-api-test-password-1";

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;

    @BeforeEach
    void users() {
        user("deathqj2clinician", Set.of(Roles.WARD_CLINICIANS), "QJ2");
        user("deathqt1clinician", Set.of(Roles.WARD_CLINICIANS), "QT1");
        user("deathqj2hub", Set.of(Roles.DISCHARGE_HUB), "QJ2");
        user("deathqj2manager", Set.of(Roles.MANAGERS), "QJ2");
    }

    @Test
    void theWardRecordsADeathAndThePathwayCloses() throws Exception {
        String id = admitted();
        later(Duration.ofHours(5));
        String diedAt = iso(now().minus(Duration.ofHours(1)));

        postDeath(id, "deathqj2clinician", "{\"diedAt\": \"" + diedAt + "\", \"placeOfDeath\": \"On the ward\","
                + " \"notes\": \"Found unresponsive at 08:00\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.pathwayId").value(id))
                .andExpect(jsonPath("$.diedAt").value(now().minus(Duration.ofHours(1)).toString()))
                .andExpect(jsonPath("$.placeOfDeath").value("On the ward"))
                .andExpect(jsonPath("$.stage").value("closed-after-death"));
        fireDueTimers(id);

        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("closed-after-death"))
                .andExpect(jsonPath("$.dates.diedAt").value(now().minus(Duration.ofHours(1)).toString()));
        assertThat(instanceOf(id, InpatientPathway.KEY)).satisfies(p -> assertThat(p.isEnded()).isTrue());
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.outcome()).isEqualTo("died");
        assertThat(record.diedAt()).isEqualTo(now().minus(Duration.ofHours(1)));
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("died"))
                .extracting(n -> n.recipientRole())
                .containsExactlyInAnyOrder("gp-practice", "community-mh-team", "commissioner");

        // recorded once: the closed pathway takes no second death
        postDeath(id, "deathqj2clinician", "{\"diedAt\": \"" + diedAt + "\"}").andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"))
                .andExpect(jsonPath("$.errors[0].message").value("is closed"));
    }

    @Test
    void onlyTheWardOfThePathwaysIcsMayRecordIt() throws Exception {
        String id = admitted();
        String body = "{\"diedAt\": \"" + iso(now()) + "\"}";

        postDeath(id, "deathqt1clinician", body).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        postDeath(id, "deathqj2hub", body).andExpect(status().isForbidden());
        postDeath(id, "deathqj2manager", body).andExpect(status().isForbidden());
        postDeath("MHP-0000-0000", "deathqj2clinician", body).andExpect(status().isNotFound());

        assertThat(register.find(id).orElseThrow().diedAt()).isNull();
        assertThat(instanceOf(id, InpatientPathway.KEY).isEnded()).isFalse();
    }

    @Test
    void badFieldsAreEachNamedAndNothingIsRecorded() throws Exception {
        String id = admitted();

        postDeath(id, "deathqj2clinician", "{\"placeOfDeath\": 4, \"notes\": \"" + "n".repeat(2001)
                + "\", \"cause\": \"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(4))
                .andExpect(jsonPath("$.errors[?(@.field == 'cause')].message").value("is not a known field"))
                .andExpect(jsonPath("$.errors[?(@.field == 'diedAt')].message").value("is required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'placeOfDeath')].message").value("must be a string"))
                .andExpect(jsonPath("$.errors[?(@.field == 'notes')].message").value("must be at most 2000 characters"));
        postDeath(id, "deathqj2clinician", "{\"diedAt\": \"yesterday\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("diedAt"))
                .andExpect(jsonPath("$.errors[0].message").value("must be an ISO-8601 date-time"));
        postDeath(id, "deathqj2clinician", "{\"diedAt\": \"" + iso(now().plus(Duration.ofHours(2))) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("is in the future"));
        postDeath(id, "deathqj2clinician", "{\"diedAt\": \"" + iso(now().minus(Duration.ofDays(1))) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("diedAt"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("is before the admission")));
        postDeath(id, "deathqj2clinician", "{\"diedAt\": \"1850-01-01T00:00:00Z\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("must be between 1900-01-01 and 2099-12-31"));
        postDeath(id, "deathqj2clinician", "[1]").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        postDeath(id, "deathqj2clinician", "").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));

        assertThat(register.find(id).orElseThrow().diedAt()).isNull();
        assertThat(instanceOf(id, InpatientPathway.KEY).isEnded()).isFalse();
    }

    @Test
    void aPathwayClosedOtherwiseIs409() throws Exception {
        String id = refer("adult-acute", false);
        assessAndDecide(id, false);
        postDeath(id, "deathqj2clinician", "{\"diedAt\": \"" + iso(now()) + "\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].message").value("is closed"));
        assertThat(register.find(id).orElseThrow().outcome()).isEqualTo("community-alternative");
    }

    private String admitted() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        return id;
    }

    private ResultActions postDeath(String pathwayId, String user, String body) throws Exception {
        return mvc.perform(post("/api/pathways/" + pathwayId + "/death").with(as(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void user(String id, Set<String> groups, String ics) {
        org.mhpathway.ApiTestUsers.ensureUser(identity, id, PASSWORD, groups, ics);
    }
}
