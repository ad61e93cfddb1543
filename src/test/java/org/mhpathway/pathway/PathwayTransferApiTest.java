package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
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
import org.mhpathway.access.Roles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/pathways/{id}/transfer}: who may record a move, in which ICS, with what, and when not. */
class PathwayTransferApiTest extends ProcessTestCase {

    private static final String PASSWORD = "transfer-api-test-password-1";

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired WardTransfers transfers;

    @BeforeEach
    void users() {
        user("moveqj2beds", Set.of(Roles.BED_MANAGEMENT), "QJ2");
        user("moveqt1beds", Set.of(Roles.BED_MANAGEMENT), "QT1");
        user("moveqj2clinician", Set.of(Roles.WARD_CLINICIANS), "QJ2");
        user("moveqj2hub", Set.of(Roles.DISCHARGE_HUB), "QJ2");
        user("moveqj2manager", Set.of(Roles.MANAGERS), "QJ2");
    }

    @Test
    void bedManagementRecordsAMoveOutOfAreaAndThePathwayShowsIt() throws Exception {
        String id = admitted();
        later(Duration.ofDays(2));
        String movedAt = iso(now().minus(Duration.ofHours(1)));

        postMove(id, "moveqj2beds", "{\"transferredAt\": \"" + movedAt + "\", \"ward\": \"Oak Ward\","
                + " \"hospital\": \"Priory Hospital Cheadle\", \"bed\": \"3\", \"wardType\": \"picu\","
                + " \"outOfArea\": true, \"reason\": \"No PICU bed in area\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.pathwayId").value(id))
                .andExpect(jsonPath("$.transferredAt").value(now().minus(Duration.ofHours(1)).toString()))
                .andExpect(jsonPath("$.ward").value("Oak Ward"))
                .andExpect(jsonPath("$.hospital").value("Priory Hospital Cheadle"))
                .andExpect(jsonPath("$.bed").value("3"))
                .andExpect(jsonPath("$.wardType").value("picu"))
                .andExpect(jsonPath("$.outOfArea").value(true))
                .andExpect(jsonPath("$.outOfAreaPlacement").value("started"))
                .andExpect(jsonPath("$.wardTypeChanged").value(true));
        fireDueTimers(id);

        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.wardType").value("picu"))
                .andExpect(jsonPath("$.flags.outOfArea").value(true))
                .andExpect(jsonPath("$.placement.ward").value("Oak Ward"))
                .andExpect(jsonPath("$.placement.hospital").value("Priory Hospital Cheadle"))
                .andExpect(jsonPath("$.placement.moves.length()").value(1))
                .andExpect(jsonPath("$.placement.moves[0].from.ward").value("Ward 1"))
                .andExpect(jsonPath("$.placement.moves[0].from.outOfArea").value(false))
                .andExpect(jsonPath("$.placement.moves[0].to.ward").value("Oak Ward"))
                .andExpect(jsonPath("$.placement.moves[0].to.wardType").value("picu"))
                .andExpect(jsonPath("$.placement.moves[0].reason").value("No PICU bed in area"))
                .andExpect(jsonPath("$.placement.moves[0].recordedThrough").value("api"));
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("out-of-area-placement"))
                .extracting(n -> n.recipientRole()).containsExactly("commissioner");

        // and back: the placement ends and the commissioner is told
        later(Duration.ofDays(5));
        postMove(id, "moveqj2beds", "{\"transferredAt\": \"" + iso(now()) + "\", \"ward\": \"Ward 1\","
                + " \"hospital\": \"Radbourne Unit\", \"wardType\": \"adult-acute\", \"outOfArea\": false,"
                + " \"reason\": \"Repatriated\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outOfAreaPlacement").value("ended"))
                .andExpect(jsonPath("$.bed").doesNotExist());
        fireDueTimers(id);
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("repatriated"))
                .extracting(n -> n.recipientRole()).containsExactly("commissioner");
        assertThat(register.find(id).orElseThrow().outOfArea()).isFalse();
    }

    @Test
    void onlyBedManagementOfThePathwaysIcsMayRecordIt() throws Exception {
        String id = admitted();
        String body = "{\"transferredAt\": \"" + iso(now()) + "\", \"ward\": \"Ward 3\", \"hospital\": \"Radbourne Unit\","
                + " \"outOfArea\": false, \"reason\": \"Step down\"}";

        postMove(id, "moveqt1beds", body).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        postMove(id, "moveqj2clinician", body).andExpect(status().isForbidden());
        postMove(id, "moveqj2hub", body).andExpect(status().isForbidden());
        postMove(id, "moveqj2manager", body).andExpect(status().isForbidden());
        postMove("MHP-0000-0000", "moveqj2beds", body).andExpect(status().isNotFound());

        assertThat(transfers.forPathway(id)).isEmpty();
        assertThat(register.find(id).orElseThrow().ward()).isEqualTo("Ward 1");
    }

    @Test
    void badFieldsAreEachNamedAndNothingIsRecorded() throws Exception {
        String id = admitted();

        postMove(id, "moveqj2beds", "{\"ward\": 4, \"hospital\": \"" + "h".repeat(201) + "\", \"bed\": \"b\\u0007c\","
                + " \"wardType\": \"acute\", \"outOfArea\": \"yes\", \"floor\": 2}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(8))
                .andExpect(jsonPath("$.errors[?(@.field == 'floor')].message").value("is not a known field"))
                .andExpect(jsonPath("$.errors[?(@.field == 'transferredAt')].message").value("is required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'ward')].message").value("must be a string"))
                .andExpect(jsonPath("$.errors[?(@.field == 'hospital')].message").value("must be at most 200 characters"))
                .andExpect(jsonPath("$.errors[?(@.field == 'bed')].message").value("must not contain control characters"))
                .andExpect(jsonPath("$.errors[?(@.field == 'wardType')].message").value(
                        hasItem(startsWith("must be one of [adult-acute, older-adult, picu, rehabilitation"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'outOfArea')].message").value("must be true or false"))
                .andExpect(jsonPath("$.errors[?(@.field == 'reason')].message").value("is required"));
        String place = ", \"ward\": \"Ward 3\", \"hospital\": \"Radbourne Unit\", \"outOfArea\": false, \"reason\": \"x\"}";
        postMove(id, "moveqj2beds", "{\"transferredAt\": \"tomorrow\"" + place).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("transferredAt"))
                .andExpect(jsonPath("$.errors[0].message").value("must be an ISO-8601 date-time"));
        postMove(id, "moveqj2beds", "{\"transferredAt\": \"" + iso(now().plus(Duration.ofHours(1))) + "\"" + place)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("is in the future"));
        postMove(id, "moveqj2beds", "{\"transferredAt\": \"" + iso(now().minus(Duration.ofDays(1))) + "\"" + place)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(startsWith("is before the admission")));
        postMove(id, "moveqj2beds", "{\"transferredAt\": \"" + iso(now()) + "\", \"ward\": \"Ward 1\","
                + " \"hospital\": \"Radbourne Unit\", \"outOfArea\": false, \"reason\": \"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ward"))
                .andExpect(jsonPath("$.errors[0].message").value(startsWith("is where the person is already")));
        postMove(id, "moveqj2beds", "[1]").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        postMove(id, "moveqj2beds", "").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));

        assertThat(transfers.forPathway(id)).isEmpty();
        assertThat(register.find(id).orElseThrow().ward()).isEqualTo("Ward 1");
    }

    @Test
    void aMoveIsNotBeforeTheLastOne() throws Exception {
        String id = admitted();
        later(Duration.ofHours(4));
        postMove(id, "moveqj2beds", "{\"transferredAt\": \"" + iso(now()) + "\", \"ward\": \"Ward 3\","
                + " \"hospital\": \"Radbourne Unit\", \"outOfArea\": false, \"reason\": \"Step down\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.outOfAreaPlacement").value("none"))
                .andExpect(jsonPath("$.wardTypeChanged").value(false));

        postMove(id, "moveqj2beds", "{\"transferredAt\": \"" + iso(now().minus(Duration.ofHours(2))) + "\","
                + " \"ward\": \"Ward 5\", \"hospital\": \"Radbourne Unit\", \"outOfArea\": false, \"reason\": \"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("transferredAt"))
                .andExpect(jsonPath("$.errors[0].message").value(startsWith("is before the last move")));
        assertThat(transfers.forPathway(id)).hasSize(1);
    }

    @Test
    void aPathwayNotInAStayIs409() throws Exception {
        String referred = refer("adult-acute", false);
        String body = "{\"transferredAt\": \"" + iso(now()) + "\", \"ward\": \"Ward 3\", \"hospital\": \"Radbourne Unit\","
                + " \"outOfArea\": false, \"reason\": \"Step down\"}";
        postMove(referred, "moveqj2beds", body).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("pathwayId"))
                .andExpect(jsonPath("$.errors[0].message").value("is not in a hospital stay"));

        String closed = refer("adult-acute", false);
        assessAndDecide(closed, false);
        postMove(closed, "moveqj2beds", body).andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].message").value("is not in a hospital stay"));
        assertThat(transfers.forPathway(referred)).isEmpty();
        assertThat(transfers.forPathway(closed)).isEmpty();
    }

    private String admitted() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        return id;
    }

    private ResultActions postMove(String pathwayId, String user, String body) throws Exception {
        return mvc.perform(post("/api/pathways/" + pathwayId + "/transfer").with(as(user, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void user(String id, Set<String> groups, String ics) {
        org.mhpathway.ApiTestUsers.ensureUser(identity, id, PASSWORD, groups, ics);
    }
}
